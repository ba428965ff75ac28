"""Per-sender locks: one sender's messages one at a time, in this process and across processes."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from bot.conversation.locks import KeyedLocks, RedisKeyedLocks

REDIS = "redis://127.0.0.1:6379/0"


async def overlap(first: KeyedLocks, second: KeyedLocks, key_a: str, key_b: str) -> bool:
    """True when two holders of the locks were inside at the same time."""
    inside = 0
    seen_two = False

    async def hold(locks: KeyedLocks, key: str) -> None:
        nonlocal inside, seen_two
        async with locks.hold(key):
            inside += 1
            seen_two = seen_two or inside > 1
            await asyncio.sleep(0.05)
            inside -= 1

    await asyncio.gather(hold(first, key_a), hold(second, key_b))
    return seen_two


async def test_one_key_is_held_by_one_at_a_time_and_others_run_alongside() -> None:
    locks = KeyedLocks()
    assert not await overlap(locks, locks, "sender-1", "sender-1")
    assert await overlap(locks, locks, "sender-1", "sender-2")


async def test_waiters_are_served_in_arrival_order_and_nothing_is_kept() -> None:
    locks = KeyedLocks()
    order: list[int] = []

    async def hold(i: int) -> None:
        async with locks.hold("sender"):
            order.append(i)
            await asyncio.sleep(0.01)

    await asyncio.gather(*(hold(i) for i in range(5)))
    assert order == [0, 1, 2, 3, 4]
    assert len(locks) == 0


async def test_the_redis_lock_excludes_another_process() -> None:
    first, second = RedisKeyedLocks(REDIS), RedisKeyedLocks(REDIS)
    try:
        await first._redis.ping()
    except Exception as error:
        pytest.skip(f"Redis is not reachable ({type(error).__name__})")
    key = "test-" + uuid.uuid4().hex
    assert not await overlap(first, second, key, key)
    assert await overlap(first, second, key, key + "-other")
    await first._redis.aclose()
    await second._redis.aclose()
