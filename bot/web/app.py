"""The gateway's FastAPI application: routers, middleware and error handlers.

What it builds at start-up is in ``bot.web.lifespan`` (services in
``bot.web.services``); routes reach those services through ``bot.web.deps``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from bot.channels import local, telegram, twilio_channel
from bot.config import Settings
from bot.web import (
    call_links,
    editor,
    editor_history,
    editor_reports,
    editor_topics,
    inbox,
    inbox_admin,
    inbox_conversation,
    inbox_login,
    inbox_media,
    inbox_triage,
    public_pages,
)
from bot.web.errors import HANDLERS
from bot.web.lifespan import lifespan_for
from bot.web.security_headers import SecurityHeaders

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the gateway for ``settings`` (from the environment by default)."""
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="Migrant rights assistant gateway",
        description="Channels (Telegram, SMS, WhatsApp, local web chat) in front of Rasa.",
        lifespan=lifespan_for(settings),
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
    for error, handler in HANDLERS.items():
        app.add_exception_handler(error, handler)
    if settings.local_channel:
        app.include_router(local.router)
    # The editor's history, reports and new topics come before its /{topic}/{language}
    # pages, which would match their paths.
    for router in (
        editor_history,
        editor_reports,
        editor_topics,
        editor,
        inbox,
        inbox_admin,
        inbox_conversation,
        inbox_triage,
        inbox_login,
        inbox_media,
        telegram,
        twilio_channel,
        call_links,
    ):
        app.include_router(router.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(public_pages.router)
    return app
