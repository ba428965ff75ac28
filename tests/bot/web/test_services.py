"""How the gateway's services are wired: limits shared by every gateway process."""

from __future__ import annotations

import dataclasses
import time

import pytest
import redis

from bot.config import Settings
from bot.web.services import build_services

REDIS = "redis://127.0.0.1:6379/13"


def test_the_cap_on_new_web_chat_handoffs_is_shared_by_every_gateway(settings: Settings) -> None:
    """With two gateways, each one's in-memory cap let twice the flood into the staff queue."""
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis is not reachable ({type(error).__name__})")
    shared = dataclasses.replace(settings, redis_url=REDIS, local_handoffs_per_minute=2)
    first, second = build_services(shared), build_services(shared)
    now = time.time() + 3600 * 24 * 365  # a window of its own, a year from now
    try:
        allowed = [
            gateway.handoffs.local_limiter.allow("local-handoffs", now=now)
            for gateway in (first, second, first, second)
        ]
    finally:
        redis.Redis.from_url(REDIS).delete(f"ratelimit:local-handoffs:{int(now // 60)}")
        for gateway in (first, second):
            gateway.database.engine.dispose()
    assert allowed == [True, True, False, False]
