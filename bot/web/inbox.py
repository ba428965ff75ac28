"""The staff inbox under ``/inbox``: queue, conversations, replies, notes, audit.

Server-rendered pages (Jinja, autoescaped: nothing a user wrote is ever
rendered as HTML), a live queue over server-sent events, French by default
with an Arabic interface (right to left) per staff member.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

import yaml
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import ColumnElement, and_, select
from starlette.responses import StreamingResponse

from bot.handoff.service import ASSIGNED, CLOSED, WAITING, HandoffService
from bot.staff.accounts import has_role, list_staff
from bot.staff.sessions import SignedIn, current
from bot.storage.models import AuditEntry, Handoff, Message, Staff
from bot.web.staff_auth import (
    SESSION_COOKIE,
    checked_form,
    may_see,
    require_role,
    signed_in,
)
from common.i18n import translate
from common.languages import direction

router = APIRouter(prefix="/inbox", include_in_schema=False)
CurrentStaff = Annotated[SignedIn, Depends(signed_in)]
MAX_ROW_ID = 2**31 - 1
KEEP_ALIVE_SECONDS = 15
# A row id in a URL: out of the database's integer range is a 400, not a crash.
RowId = Annotated[int, PathParam(ge=1, le=MAX_ROW_ID)]
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
templates = Jinja2Templates(directory=HERE / "templates")
SAVED_REPLIES = ROOT / "content" / "saved_replies.yml"
_SAME_SITE_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9\-._~/%?=&]*")


def handoffs_of(request: Request) -> HandoffService:
    """The application's hand-off service."""
    service: HandoffService = request.app.state.handoffs
    return service


def page(request: Request, name: str, who: SignedIn | None, **context: Any) -> HTMLResponse:
    """Render an inbox template in the staff member's language (French or Arabic)."""
    language = who.staff.language if who else request.query_params.get("lang", "fr")
    language = language if language in ("fr", "ar") else "fr"

    def gettext(message: str, **values: object) -> str:
        return translate(language, message, **values)

    return templates.TemplateResponse(
        request,
        name,
        {
            "_": gettext,
            "who": who,
            "lang": language,
            "dir": direction(language),
            "is_admin": bool(who and has_role(who.staff, "admin")),
            "is_editor": bool(who and has_role(who.staff, "editor")),
            **context,
        },
    )


def saved_replies() -> list[dict[str, Any]]:
    """Saved replies from the content folder."""
    data = yaml.safe_load(SAVED_REPLIES.read_text(encoding="utf-8")) or []
    return [r for r in data if isinstance(r, dict)]


@router.post("/language")
async def set_language(request: Request, who: CurrentStaff) -> Response:
    """Switch the inbox between French and Arabic."""
    form = await checked_form(request, who)
    language = form.get("language") if form.get("language") in ("fr", "ar") else "fr"

    def save() -> None:
        with request.app.state.database.session() as session:
            staff = session.get(Staff, who.staff.id)
            if staff is not None:
                staff.language = language
                session.commit()

    await asyncio.to_thread(save)
    return RedirectResponse(same_site_path(form.get("next", "")), status_code=303)


def same_site_path(target: str, default: str = "/inbox") -> str:
    """``target`` when it is a path on this site, else ``default`` (no open redirect).

    Browsers read ``//host``, a slash then a backslash, and paths once tabs
    or newlines are removed as other sites: only a plain absolute path passes.
    """
    if _SAME_SITE_PATH.fullmatch(target):
        return target
    return default


def _queue_json(service: HandoffService) -> list[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    return [service.describe(item, now) for item in service.queue()]


@router.get("")
async def queue_page(request: Request, who: CurrentStaff) -> Response:
    """The queue of conversations waiting for a person (live-updating)."""
    service = handoffs_of(request)
    items = await asyncio.to_thread(_queue_json, service)
    return page(request, "inbox/queue.html", who, items=items)


@router.get("/queue.json")
async def queue_json(request: Request, who: CurrentStaff) -> JSONResponse:
    """The queue as JSON, for the live page."""
    return JSONResponse(await asyncio.to_thread(_queue_json, handoffs_of(request)))


@router.get("/events")
async def events(request: Request, who: CurrentStaff) -> Response:
    """Server-sent events: the queue or a conversation changed.

    The session is checked again at every event and every keep-alive: a
    stream ends once its session is signed out (at once in this process, where
    sign-out publishes a ``session`` event; within ``KEEP_ALIVE_SECONDS`` in
    the others) or its account disabled.
    """
    bus = handoffs_of(request).events
    database = request.app.state.database
    token = request.cookies.get(SESSION_COOKIE)

    async def stream() -> AsyncIterator[str]:
        async with bus.subscribe() as queue:
            yield "retry: 2000\n\n"
            while not await request.is_disconnected():
                try:
                    event: dict[str, Any] | None = await asyncio.wait_for(
                        queue.get(), timeout=KEEP_ALIVE_SECONDS
                    )
                except TimeoutError:
                    event = None
                if await asyncio.to_thread(current, database, token) is None:
                    return
                if event is None:
                    yield ": keep-alive\n\n"
                elif event.get("type") != "session":
                    yield f"data: {json.dumps(event)}\n\n"

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
    )


def _visible_handoff(request: Request, handoff_id: int, who: SignedIn) -> Handoff:
    """The hand-off if ``who`` may read it; 404 otherwise (missing or not theirs)."""
    handoff = handoffs_of(request).get(handoff_id)
    if handoff is None or not may_see(who, handoff):
        raise HTTPException(status_code=404)
    return handoff


def shown_messages(handoff: Handoff) -> ColumnElement[bool]:
    """The user's messages a hand-off's page shows: all of them, up to its close if closed."""
    shown = Message.user_id == handoff.user_id
    if handoff.state == CLOSED and handoff.closed_at is not None:
        shown = and_(shown, Message.created_at <= handoff.closed_at)
    return shown


def _conversation(request: Request, handoff_id: int, who: SignedIn) -> dict[str, Any]:
    service = handoffs_of(request)
    handoff = _visible_handoff(request, handoff_id, who)
    with request.app.state.database.session() as session:
        rows = session.execute(
            select(Message, Staff.display_name)
            .outerjoin(Staff, Staff.id == Message.staff_id)
            .where(shown_messages(handoff))
            .order_by(Message.id)
        ).all()
        colleagues = [
            s
            for s in session.scalars(select(Staff).where(Staff.active)).all()
            if s.id != who.staff.id
        ]
    messages = [
        {
            "id": m.id,
            "author": m.author,
            "staff": name,
            "kind": m.kind,
            "text": m.text,
            "topic": m.topic,
            "at": m.created_at.strftime("%d/%m %H:%M"),
            "media": bool(m.media_ref),
            "failed": m.delivery_failed,
        }
        for m, name in rows
    ]
    return {
        "handoff": handoff,
        "messages": messages,
        "notes": service.notes(handoff_id),
        "colleagues": colleagues,
        "mine": handoff.state == ASSIGNED and handoff.assigned_to == who.staff.id,
        "waiting": handoff.state == WAITING,
        "window_closed": service.whatsapp_window_closed(handoff),
        "template_configured": bool(service.whatsapp_template_sid),
    }


@router.get("/c/{handoff_id}")
async def conversation_page(request: Request, handoff_id: RowId, who: CurrentStaff) -> Response:
    """The whole conversation, the bot's part included (each read is audited)."""
    data = await asyncio.to_thread(_conversation, request, handoff_id, who)
    await asyncio.to_thread(handoffs_of(request).audit, who.staff.id, "read", data["handoff"])
    language = data["handoff"].language or "fr"
    replies = [
        {
            "title": r["title"].get(who.staff.language) or r["title"].get("fr"),
            "text": r["text"].get(language) or r["text"].get("fr"),
        }
        for r in saved_replies()
    ]
    return page(request, "inbox/conversation.html", who, saved=replies, **data)


@router.get("/c/{handoff_id}/messages.json")
async def conversation_json(request: Request, handoff_id: RowId, who: CurrentStaff) -> JSONResponse:
    """The transcript as JSON, for live updates of an open conversation page."""
    data = await asyncio.to_thread(_conversation, request, handoff_id, who)
    return JSONResponse({"state": data["handoff"].state, "messages": data["messages"]})


@router.post("/c/{handoff_id}/claim")
async def claim(request: Request, handoff_id: RowId, who: CurrentStaff) -> Response:
    """Take a waiting conversation (back to the page, saying so, when a colleague was first)."""
    await checked_form(request, who)
    await asyncio.to_thread(_visible_handoff, request, handoff_id, who)
    if not await asyncio.to_thread(handoffs_of(request).claim, handoff_id, who.staff.id):
        return RedirectResponse(f"/inbox/c/{handoff_id}?taken=1", status_code=303)
    return RedirectResponse(f"/inbox/c/{handoff_id}", status_code=303)


@router.post("/c/{handoff_id}/reply")
async def reply(request: Request, handoff_id: RowId, who: CurrentStaff) -> Response:
    """Send a reply on the user's channel (or the WhatsApp template past 24 hours)."""
    form = await checked_form(request, who)
    await asyncio.to_thread(_visible_handoff, request, handoff_id, who)
    text = form.get("text", "").strip()
    if not text:
        return RedirectResponse(f"/inbox/c/{handoff_id}", status_code=303)
    outcome = await handoffs_of(request).reply(handoff_id, who.staff.id, text)
    if outcome == "refused":
        raise HTTPException(status_code=409, detail="this conversation is not assigned to you")
    if outcome == "empty":
        return RedirectResponse(f"/inbox/c/{handoff_id}", status_code=303)
    return RedirectResponse(f"/inbox/c/{handoff_id}?sent={outcome}", status_code=303)


@router.post("/c/{handoff_id}/note")
async def note(request: Request, handoff_id: RowId, who: CurrentStaff) -> Response:
    """Add an internal note (to a hand-off ``who`` may read)."""
    form = await checked_form(request, who)
    await asyncio.to_thread(_visible_handoff, request, handoff_id, who)
    await asyncio.to_thread(
        handoffs_of(request).add_note, handoff_id, who.staff.id, form.get("text", "")
    )
    return RedirectResponse(f"/inbox/c/{handoff_id}", status_code=303)


def _is_row_id(value: str) -> bool:
    """True for a form value that can be a row id (digits, in the database's range)."""
    return value.isdigit() and 1 <= int(value[:12]) <= MAX_ROW_ID


def _held(request: Request, handoff_id: int, who: SignedIn) -> Handoff:
    """The hand-off when ``who`` holds it (or is an admin); 404 or 409 otherwise."""
    handoff = _visible_handoff(request, handoff_id, who)
    if handoff.assigned_to != who.staff.id and not has_role(who.staff, "admin"):
        raise HTTPException(status_code=409, detail="this conversation is not assigned to you")
    return handoff


@router.post("/c/{handoff_id}/transfer")
async def transfer(request: Request, handoff_id: RowId, who: CurrentStaff) -> Response:
    """Give the conversation to a colleague (back to the page, saying so, when it cannot)."""
    form = await checked_form(request, who)
    await asyncio.to_thread(_held, request, handoff_id, who)
    colleague = form.get("staff_id", "")
    moved = _is_row_id(colleague) and await asyncio.to_thread(
        handoffs_of(request).transfer, handoff_id, who.staff.id, int(colleague)
    )
    if not moved:
        return RedirectResponse(f"/inbox/c/{handoff_id}?error=transfer", status_code=303)
    return RedirectResponse("/inbox", status_code=303)


@router.post("/c/{handoff_id}/close")
async def close(request: Request, handoff_id: RowId, who: CurrentStaff) -> Response:
    """Give the conversation back to the assistant; the user is told."""
    await checked_form(request, who)
    await asyncio.to_thread(_held, request, handoff_id, who)
    await handoffs_of(request).close(handoff_id, who.staff.id)
    return RedirectResponse("/inbox", status_code=303)


@router.get("/admin/audit")
async def audit_page(request: Request, who: CurrentStaff) -> Response:
    """Who read or did what (admins only)."""
    require_role(who, "admin")

    def rows() -> list[tuple[AuditEntry, str | None]]:
        with request.app.state.database.session() as session:
            return [
                (entry, name)
                for entry, name in session.execute(
                    select(AuditEntry, Staff.display_name)
                    .outerjoin(Staff, Staff.id == AuditEntry.staff_id)
                    .order_by(AuditEntry.id.desc())
                    .limit(500)
                ).all()
            ]

    entries = await asyncio.to_thread(rows)
    staff = await asyncio.to_thread(list_staff, request.app.state.database)
    return page(request, "inbox/audit.html", who, entries=entries, staff=staff)
