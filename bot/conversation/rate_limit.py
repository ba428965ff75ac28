"""Per-key rate limits: a sliding window in memory, or fixed windows in Redis.

One gateway process keeps its own windows in memory (keys idle for a whole
window are forgotten, so memory stays bounded however many senders come);
the production profile shares the limit between gateways through Redis.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque


class RateLimiter:
    """At most ``limit`` messages per ``window`` seconds for each key."""

    def __init__(self, limit: int = 20, window: float = 60.0) -> None:
        """Set the limit."""
        self.limit = limit
        self.window = window
        self._seen: defaultdict[str, deque[float]] = defaultdict(deque)
        self._last_sweep = 0.0

    def allow(self, key: str, now: float | None = None) -> bool:
        """Record a message from ``key``; False when it is over the limit."""
        now = time.monotonic() if now is None else now
        if now - self._last_sweep > self.window:
            self.forget_idle(now)
            self._last_sweep = now
        seen = self._seen[key]
        while seen and now - seen[0] > self.window:
            seen.popleft()
        if len(seen) >= self.limit:
            return False
        seen.append(now)
        return True

    def __len__(self) -> int:
        return len(self._seen)

    def forget_idle(self, now: float | None = None) -> None:
        """Drop keys with no message in the window (keeps memory bounded)."""
        now = time.monotonic() if now is None else now
        for key in [k for k, v in self._seen.items() if not v or now - v[-1] > self.window]:
            del self._seen[key]


class RedisRateLimiter(RateLimiter):
    """The same limit shared by every gateway process, in Redis (fixed windows).

    When Redis does not answer, messages are let through: a rate limit must
    never cost a message.
    """

    def __init__(self, url: str, limit: int = 20, window: float = 60.0) -> None:
        """Connect to Redis at ``url`` (redis://host:port/db)."""
        import redis

        super().__init__(limit, window)
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count the message in the current window; False when over the limit."""
        import redis

        window = int((now if now is not None else time.time()) // self.window)
        name = f"ratelimit:{key}:{window}"
        try:
            pipe = self._redis.pipeline()
            pipe.incr(name)
            pipe.expire(name, int(self.window) + 1)
            count = int(pipe.execute()[0])
        except redis.RedisError:
            return True
        return count <= self.limit
