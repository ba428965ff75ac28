"""What the web routes depend on, in one place (FastAPI dependencies).

As in FastAPI's full-stack template: each service the application builds at
start-up (``bot.web.lifespan``) is reachable through one annotated type, so a
route says what it needs in its signature instead of reaching into
``request.app.state``. ``CurrentStaff`` is the signed-in staff member (anonymous
requests raise ``LoginRequired``: the login page for pages, 401 otherwise).
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import Depends, Request
from fastapi import Path as PathParam

from bot.config import Settings
from bot.conversation.rasa_client import RasaClient
from bot.conversation.service import ConversationService
from bot.handoff.service import HandoffService
from bot.replies.outbound import Outbound
from bot.staff.login_guard import LoginGuard
from bot.staff.sessions import SignedIn, current
from bot.storage.database import Database

SESSION_COOKIE = "staff_session"
MAX_ROW_ID = 2**31 - 1


class LoginRequired(Exception):
    """An anonymous request to an inbox page: redirect to the login page."""


def get_settings(request: Request) -> Settings:
    """The gateway's settings."""
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    """The gateway's database."""
    database: Database = request.app.state.database
    return database


def get_handoffs(request: Request) -> HandoffService:
    """The hand-off service."""
    handoffs: HandoffService = request.app.state.handoffs
    return handoffs


def get_service(request: Request) -> ConversationService:
    """The conversation service (the message path)."""
    service: ConversationService = request.app.state.service
    return service


def get_outbound(request: Request) -> Outbound:
    """The senders of every channel."""
    outbound: Outbound = request.app.state.outbound
    return outbound


def get_rasa(request: Request) -> RasaClient:
    """The client of the Rasa server."""
    rasa: RasaClient = request.app.state.rasa
    return rasa


def get_login_guard(request: Request) -> LoginGuard:
    """The lock on failed logins."""
    guard: LoginGuard = request.app.state.login_guard
    return guard


SettingsDep = Annotated[Settings, Depends(get_settings)]
DatabaseDep = Annotated[Database, Depends(get_database)]
HandoffsDep = Annotated[HandoffService, Depends(get_handoffs)]
ServiceDep = Annotated[ConversationService, Depends(get_service)]
OutboundDep = Annotated[Outbound, Depends(get_outbound)]
RasaDep = Annotated[RasaClient, Depends(get_rasa)]
LoginGuardDep = Annotated[LoginGuard, Depends(get_login_guard)]


async def signed_in(request: Request, database: DatabaseDep) -> SignedIn:
    """The signed-in staff member, or LoginRequired."""
    found = await asyncio.to_thread(current, database, request.cookies.get(SESSION_COOKIE))
    if found is None:
        raise LoginRequired
    return found


CurrentStaff = Annotated[SignedIn, Depends(signed_in)]
# A row id in a URL: out of the database's integer range is a 400, not a crash.
RowId = Annotated[int, PathParam(ge=1, le=MAX_ROW_ID)]
