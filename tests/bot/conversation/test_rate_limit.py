"""Rate limits: in memory (bounded) and in Redis (shared)."""

from __future__ import annotations

import uuid

import pytest

from bot.conversation.rate_limit import RateLimiter, RedisRateLimiter


def test_a_key_over_the_limit_waits_for_the_window() -> None:
    limiter = RateLimiter(limit=2, window=60)
    assert limiter.allow("a", now=0) and limiter.allow("a", now=1)
    assert not limiter.allow("a", now=2)
    assert limiter.allow("b", now=2)
    assert limiter.allow("a", now=62)


def test_idle_senders_are_forgotten() -> None:
    limiter = RateLimiter(limit=5, window=60)
    for i in range(1000):
        limiter.allow(f"sender-{i}", now=float(i % 30))
    assert len(limiter) == 1000
    limiter.allow("late", now=200.0)
    assert len(limiter) == 1  # only the one still in its window


def test_redis_limit_is_shared_between_instances() -> None:
    first = RedisRateLimiter("redis://127.0.0.1:6379/0", limit=3)
    second = RedisRateLimiter("redis://127.0.0.1:6379/0", limit=3)
    try:
        first._redis.ping()
    except Exception as error:
        pytest.skip(f"Redis is not reachable ({type(error).__name__})")
    key = "test-" + uuid.uuid4().hex
    results = [first.allow(key, now=0.0), second.allow(key, now=1.0), first.allow(key, now=2.0)]
    assert results == [True, True, True]
    assert not second.allow(key, now=3.0)


def test_redis_down_lets_messages_through() -> None:
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0", limit=1)
    assert limiter.allow("x") and limiter.allow("x")
