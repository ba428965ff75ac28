"""The gateway's FastAPI application."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot.channels import local, telegram, twilio_channel
from bot.channels.telegram import TelegramChannel
from bot.channels.twilio_channel import TwilioChannel
from bot.config import Settings
from bot.conversation.locks import KeyedLocks, RedisKeyedLocks
from bot.conversation.privacy import erasure_requests, purge, retry_erasures
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
from bot.web import editor, inbox, inbox_login, inbox_media
from bot.web.security_headers import SecurityHeaders
from bot.web.staff_auth import LoginRequired
from common.content.paths import audio_file
from common.i18n import translate
from common.languages import direction

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")


async def _daily_purge(database: Database, rasa: RasaClient, days: int) -> None:
    """Run the retention job a minute after start, then every 24 hours."""
    await asyncio.sleep(60)
    while True:
        try:
            await purge(database, rasa, days)
        except Exception as error:  # keep the schedule whatever one run met
            log.error("purge failed (%s)", type(error).__name__)
        await asyncio.sleep(24 * 3600)


async def _drain_outbox(
    service: ConversationService, rasa: RasaClient, outbound: Outbound, interval: float = 2.0
) -> None:
    """When Rasa is back: answer the messages that waited, and finish pending erasures."""
    while True:
        await asyncio.sleep(interval)
        try:
            users = await asyncio.to_thread(service.records.users_with_pending)
            erasures = await asyncio.to_thread(erasure_requests, service.database)
            if not (users or erasures) or not await rasa.is_ready():
                continue
            if erasures:
                await retry_erasures(service.database, rasa)
            for user_id in users:
                replies = await service.process(user_id)
                address = await asyncio.to_thread(service.records.address_of, user_id)
                for reply in replies:
                    if address and outbound.can_send(reply.channel):
                        await outbound.send(reply.channel, address, reply.messages)
        except Exception as error:  # the loop must survive a database hiccup
            log.error("outbox: %s", type(error).__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the gateway for ``settings`` (from the environment by default)."""
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = Database(settings.database_url)
        rasa = RasaClient(
            settings.rasa_url,
            settings.rasa_timeout,
            token=settings.rasa_token,
            action_server_url=settings.action_server_url,
        )
        outbound = Outbound()
        app.state.settings = settings
        app.state.database = database
        app.state.rasa = rasa
        app.state.outbound = outbound
        app.state.handoffs = HandoffService(
            database,
            settings.address_key,
            outbound,
            EventBus(),
            OfficeHours.parse(settings.office_hours, settings.office_timezone),
            default_wait_minutes=settings.handoff_default_wait_minutes,
            whatsapp_template_sid=settings.twilio_whatsapp_template_sid,
            sms_max_segments=settings.sms_max_segments,
            local_limiter=RateLimiter(settings.local_handoffs_per_minute),
        )
        shared = bool(settings.redis_url)
        per_minute = settings.rate_limit_per_minute
        app.state.service = ConversationService(
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
            ),
            handoffs=app.state.handoffs,
            rate_limiter=RedisRateLimiter(settings.redis_url, per_minute)
            if shared
            else RateLimiter(per_minute),
            client_limiter=RedisRateLimiter(settings.redis_url, per_minute * 5)
            if shared
            else RateLimiter(per_minute * 5),
            locks=RedisKeyedLocks(settings.redis_url) if shared else None,
        )
        app.state.login_guard = LoginGuard(
            database,
            settings.session_key,
            RedisKeyedLocks(settings.redis_url) if shared else KeyedLocks(),
        )
        retention = asyncio.create_task(_daily_purge(database, rasa, settings.retention_days))
        outbox = asyncio.create_task(_drain_outbox(app.state.service, rasa, outbound))
        app.state.telegram = None
        app.state.twilio = None
        if settings.telegram_enabled:
            app.state.telegram = TelegramChannel(settings, app.state.service)
            await app.state.telegram.start()
            outbound.register("telegram", app.state.telegram.send)
            outbound.register_media("telegram", app.state.telegram.fetch_media)
            if settings.telegram_staff_chat_id:
                app.state.handoffs.notify_staff = app.state.telegram.notify_staff
        else:
            log.info("telegram: switched off (no TELEGRAM_TOKEN)")
        if settings.twilio_enabled:
            app.state.twilio = TwilioChannel(settings, app.state.service)
            outbound.register("sms", app.state.twilio.sender("sms"))
            outbound.register("whatsapp", app.state.twilio.sender("whatsapp"))
            outbound.register_template("whatsapp", app.state.twilio.send_template)
            outbound.register_media("sms", app.state.twilio.fetch_media)
            outbound.register_media("whatsapp", app.state.twilio.fetch_media)
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
        else:
            log.info("twilio: SMS and WhatsApp switched off (no TWILIO_ACCOUNT_SID/AUTH_TOKEN)")
        log.info("gateway ready")
        yield
        retention.cancel()
        outbox.cancel()
        if app.state.telegram is not None:
            await app.state.telegram.stop()
        await rasa.close()
        database.engine.dispose()

    app = FastAPI(
        title="Migrant rights assistant gateway",
        description="Channels (Telegram, SMS, WhatsApp, local web chat) in front of Rasa.",
        lifespan=lifespan,
    )
    # Request bodies are counted while they stream in (Starlette's body limit,
    # applied to each route): a chunked body stops being read past the limit.
    # Set on the router, not FastAPI(max_body_size=...), so that the 413 passes
    # through the security headers below. Routes that take more (the editor's
    # audio upload) set their own.
    app.router.max_body_size = settings.max_body_bytes
    # Outermost last: the client's address is settled first, then every response
    # gets the security headers.
    app.add_middleware(SecurityHeaders, https=settings.public_url.startswith("https://"))
    if settings.trusted_proxies:
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxies)

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, error: RequestValidationError) -> JSONResponse:
        """A malformed body is the client's error: 400, with what is wrong."""
        problems = [
            {"field": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg")}
            for e in error.errors()
        ]
        return JSONResponse({"detail": problems}, status_code=400)

    if settings.local_channel:
        app.include_router(local.router)
    app.include_router(editor.router)
    app.include_router(inbox.router)
    app.include_router(inbox_login.router)
    app.include_router(inbox_media.router)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, error: LoginRequired) -> Response:
        """Anonymous requests to the inbox: pages go to the login page, the rest get 401."""
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            return RedirectResponse("/inbox/login", status_code=303)
        return JSONResponse({"detail": "sign in first"}, status_code=401)

    app.include_router(telegram.router)
    app.include_router(twilio_channel.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def chat_page(request: Request) -> Response:
        if not settings.local_channel:
            return Response(status_code=404)
        return templates.TemplateResponse(request, "chat.html", {})

    @app.get("/content-audio/{name}", include_in_schema=False)
    async def content_audio(name: str) -> Response:
        """Recorded audio answers (public: Twilio fetches them to send on WhatsApp)."""
        path = audio_file(name)
        if path is None:
            return Response(status_code=404)
        return FileResponse(path)

    @app.get("/privacy", response_class=HTMLResponse, include_in_schema=False)
    async def privacy_page(request: Request, lang: str = "fr") -> HTMLResponse:
        language = lang if lang in ("fr", "ar", "bm") else "fr"

        def gettext(message: str, **values: object) -> str:
            return translate(language, message, **values)

        return templates.TemplateResponse(
            request,
            "privacy.html",
            {
                "_": gettext,
                "lang": language,
                "dir": direction(language),
                "days": settings.retention_days,
            },
        )

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        """The gateway process is alive."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"])
    async def readyz(request: Request) -> JSONResponse:
        """The gateway can serve: Rasa answers."""
        ready = await request.app.state.rasa.is_ready()
        return JSONResponse({"rasa": ready}, status_code=200 if ready else 503)

    return app
