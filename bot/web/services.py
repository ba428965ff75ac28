"""The services the gateway builds at start-up, from its settings."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.conversation.locks import KeyedLocks, RedisKeyedLocks
from bot.conversation.rasa_client import RasaClient
from bot.conversation.rate_limit import RateLimiter, RedisRateLimiter
from bot.conversation.service import ConversationService
from bot.conversation.turn import TurnOptions
from bot.handoff.events import EventBus
from bot.handoff.hours import OfficeHours
from bot.handoff.service import HandoffService
from bot.replies.outbound import Outbound
from bot.staff.login_guard import LoginGuard
from bot.storage.database import Database


@dataclass
class Services:
    """Everything the routes and background jobs share (see ``bot.web.deps``)."""

    database: Database
    rasa: RasaClient
    outbound: Outbound
    handoffs: HandoffService
    service: ConversationService
    login_guard: LoginGuard


def _handoffs(settings: Settings, database: Database, outbound: Outbound) -> HandoffService:
    return HandoffService(
        database,
        settings.address_key,
        outbound,
        EventBus(),
        OfficeHours.parse(settings.office_hours, settings.office_timezone),
        default_wait_minutes=settings.handoff_default_wait_minutes,
        whatsapp_template_sid=settings.twilio_whatsapp_template_sid,
        sms_max_segments=settings.sms_max_segments,
        local_limiter=_limiter(settings, settings.local_handoffs_per_minute),
    )


def _limiter(settings: Settings, per_minute: int) -> RateLimiter:
    """Shared between replicas (Redis) when REDIS_URL is set, else in memory."""
    if settings.redis_url:
        return RedisRateLimiter(settings.redis_url, per_minute)
    return RateLimiter(per_minute)


def _conversations(
    settings: Settings, database: Database, rasa: RasaClient, handoffs: HandoffService
) -> ConversationService:
    per_minute = settings.rate_limit_per_minute
    return ConversationService(
        database,
        rasa,
        settings.pseudonym_key,
        settings.address_key,
        TurnOptions(
            sms_max_segments=settings.sms_max_segments,
            max_text_chars=settings.max_text_chars,
            retention_days=settings.retention_days,
            privacy_url=(settings.public_url or "") + "/privacy",
            log_ids=settings.debug_log_ids,
            ack_every_minutes=settings.handoff_ack_minutes,
        ),
        handoffs=handoffs,
        rate_limiter=_limiter(settings, per_minute),
        client_limiter=_limiter(settings, per_minute * 5),
        locks=RedisKeyedLocks(settings.redis_url) if settings.redis_url else None,
    )


def build_services(settings: Settings) -> Services:
    """Connect the database and Rasa, and wire the services together."""
    database = Database(settings.database_url)
    rasa = RasaClient(
        settings.rasa_url,
        settings.rasa_timeout,
        token=settings.rasa_token,
        action_server_url=settings.action_server_url,
    )
    outbound = Outbound()
    handoffs = _handoffs(settings, database, outbound)
    locks = RedisKeyedLocks(settings.redis_url) if settings.redis_url else KeyedLocks()
    return Services(
        database=database,
        rasa=rasa,
        outbound=outbound,
        handoffs=handoffs,
        service=_conversations(settings, database, rasa, handoffs),
        login_guard=LoginGuard(database, settings.session_key, locks),
    )
