"""Start-up and shut-down of the gateway: services, channels, background jobs."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI

from bot.channels.telegram import TelegramChannel
from bot.channels.twilio_channel import TwilioChannel
from bot.config import Settings
from bot.web.background import daily_purge, drain_outbox
from bot.web.services import Services, build_services

log = logging.getLogger(__name__)


async def start_telegram(app: FastAPI, settings: Settings, services: Services) -> None:
    """Start Telegram when a token is set (its sender, media and the staff alerts)."""
    app.state.telegram = None
    if not settings.telegram_enabled:
        log.info("telegram: switched off (no TELEGRAM_TOKEN)")
        return
    if settings.telegram_mode == "webhook" and not settings.telegram_webhook_secret:
        log.error(
            "telegram: TELEGRAM_WEBHOOK_SECRET is not set: every webhook update will be "
            "refused (403) until it is (python -m bot telegram-webhook registers it)"
        )
    telegram = TelegramChannel(settings, services.service)
    app.state.telegram = telegram
    await telegram.start()
    services.outbound.register("telegram", telegram.send)
    services.outbound.register_media("telegram", telegram.fetch_media)
    if settings.telegram_staff_chat_id:
        services.handoffs.notify_staff = telegram.notify_staff


def start_twilio(app: FastAPI, settings: Settings, services: Services) -> None:
    """Register SMS and WhatsApp when Twilio credentials are set."""
    app.state.twilio = None
    if not settings.twilio_enabled:
        log.info("twilio: SMS and WhatsApp switched off (no TWILIO_ACCOUNT_SID/AUTH_TOKEN)")
        return
    twilio = TwilioChannel(settings, services.service)
    app.state.twilio = twilio
    outbound = services.outbound
    outbound.register("sms", twilio.sender("sms"))
    outbound.register("whatsapp", twilio.sender("whatsapp"))
    outbound.register_template("whatsapp", twilio.send_template)
    outbound.register_media("sms", twilio.fetch_media)
    outbound.register_media("whatsapp", twilio.fetch_media)
    if not settings.public_url:
        log.error(
            "twilio: PUBLIC_URL is not set: every SMS and WhatsApp webhook will be "
            "refused (403) until it is (the https address Twilio calls)"
        )
    log.info(
        "twilio: sms %s, whatsapp %s",
        "on" if settings.twilio_sms_from else "off (no TWILIO_SMS_FROM)",
        "on" if settings.twilio_whatsapp_from else "off (no TWILIO_WHATSAPP_FROM)",
    )


def publish(app: FastAPI, settings: Settings, services: Services) -> None:
    """Put the services where ``bot.web.deps`` finds them."""
    app.state.settings = settings
    app.state.database = services.database
    app.state.rasa = services.rasa
    app.state.outbound = services.outbound
    app.state.handoffs = services.handoffs
    app.state.service = services.service
    app.state.login_guard = services.login_guard


def lifespan_for(
    settings: Settings,
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The application's lifespan: build and start everything, then stop it in order."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = build_services(settings)
        publish(app, settings, services)
        retention = asyncio.create_task(
            daily_purge(services.database, services.rasa, settings.retention_days)
        )
        outbox = asyncio.create_task(
            drain_outbox(services.service, services.rasa, services.outbound)
        )
        await start_telegram(app, settings, services)
        start_twilio(app, settings, services)
        log.info("gateway ready")
        yield
        retention.cancel()
        outbox.cancel()
        if app.state.telegram is not None:
            await app.state.telegram.stop()
        await services.rasa.close()
        services.database.engine.dispose()

    return lifespan
