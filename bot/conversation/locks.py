"""One asyncio lock per key, dropped when nobody holds or waits for it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class KeyedLocks:
    """Serialise work per key (e.g. per sender) within one process."""

    def __init__(self) -> None:
        """No locks yet."""
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the lock of ``key``; waiters are served in arrival order."""
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


class RedisKeyedLocks(KeyedLocks):
    """Per-key locks shared by every gateway process, in Redis.

    With several gateway processes, one sender's messages must still be
    handled one at a time: Rasa Open Source's own Redis lock store does not
    keep simultaneous messages of one conversation whole across replicas (a
    turn can be lost), so the gateway never sends it two at once. The local
    lock keeps this process's waiters in order; the Redis lock excludes the
    other processes.
    """

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        """Connect to Redis at ``url``; a lock held longer than ``timeout`` s expires."""
        import redis.asyncio

        super().__init__()
        self._redis = redis.asyncio.Redis.from_url(url)
        self.timeout = timeout

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the key's lock in this process and in Redis."""
        async with super().hold(key):
            lock = self._redis.lock(
                f"sender-lock:{key}", timeout=self.timeout, blocking_timeout=self.timeout
            )
            async with lock:
                yield
