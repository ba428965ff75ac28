"""The staff inbox under ``/inbox``: queue, conversations, replies, notes, audit.

Server-rendered pages (Jinja, autoescaped: nothing a user wrote is ever
rendered as HTML), a live queue over server-sent events, French by default
with an Arabic interface (right to left) per staff member.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import yaml
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.responses import StreamingResponse

from bot.handoff.service import HandoffService
from bot.handoff.states import ASSIGNED, WAITING
from bot.handoff.transcripts import transcript
from bot.staff.accounts import active_colleagues, has_role, list_staff, set_language
from bot.staff.audit_log import recent_entries
from bot.staff.sessions import SignedIn, current
from bot.storage.models import Handoff
from bot.web.deps import (
    MAX_ROW_ID,
    SESSION_COOKIE,
    CurrentStaff,
    DatabaseDep,
    HandoffsDep,
    RowId,
)
from bot.web.pages import page, same_site_path
from bot.web.staff_auth import checked_form, may_see, require_role

router = APIRouter(prefix="/inbox", include_in_schema=False)
KEEP_ALIVE_SECONDS = 15
ROOT = Path(__file__).resolve().parents[2]
SAVED_REPLIES = ROOT / "content" / "saved_replies.yml"


def saved_replies() -> list[dict[str, Any]]:
    """Saved replies from the content folder."""
    data = yaml.safe_load(SAVED_REPLIES.read_text(encoding="utf-8")) or []
    return [r for r in data if isinstance(r, dict)]


@router.post("/language")
async def change_language(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """Switch the inbox between French and Arabic."""
    form = await checked_form(request, who)
    await asyncio.to_thread(set_language, database, who.staff.id, form.get("language", ""))
    return RedirectResponse(same_site_path(form.get("next", "")), status_code=303)


def _queue_json(service: HandoffService) -> list[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    return [item.describe(now) for item in service.queue()]


@router.get("")
async def queue_page(request: Request, who: CurrentStaff, handoffs: HandoffsDep) -> Response:
    """The queue of conversations waiting for a person (live-updating)."""
    items = await asyncio.to_thread(_queue_json, handoffs)
    return page(request, "inbox/queue.html", who, items=items)


@router.get("/queue.json")
async def queue_json(who: CurrentStaff, handoffs: HandoffsDep) -> JSONResponse:
    """The queue as JSON, for the live page."""
    return JSONResponse(await asyncio.to_thread(_queue_json, handoffs))


@router.get("/events")
async def events(
    request: Request, who: CurrentStaff, handoffs: HandoffsDep, database: DatabaseDep
) -> Response:
    """Server-sent events: the queue or a conversation changed.

    The session is checked again at every event and every keep-alive: a
    stream ends once its session is signed out (at once in this process, where
    sign-out publishes a ``session`` event; within ``KEEP_ALIVE_SECONDS`` in
    the others) or its account disabled.
    """
    bus = handoffs.events
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


def _visible_handoff(handoffs: HandoffService, handoff_id: int, who: SignedIn) -> Handoff:
    """The hand-off if ``who`` may read it; 404 otherwise (missing or not theirs)."""
    handoff = handoffs.get(handoff_id)
    if handoff is None or not may_see(who, handoff):
        raise HTTPException(status_code=404)
    return handoff


def _conversation(handoffs: HandoffService, handoff_id: int, who: SignedIn) -> dict[str, Any]:
    handoff = _visible_handoff(handoffs, handoff_id, who)
    return {
        "handoff": handoff,
        "messages": transcript(handoffs.database, handoff),
        "notes": handoffs.notes(handoff_id),
        "colleagues": active_colleagues(handoffs.database, who.staff.id),
        "mine": handoff.state == ASSIGNED and handoff.assigned_to == who.staff.id,
        "waiting": handoff.state == WAITING,
        "window_closed": handoffs.whatsapp_window_closed(handoff),
        "template_configured": bool(handoffs.whatsapp_template_sid),
    }


@router.get("/c/{handoff_id}")
async def conversation_page(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """The whole conversation, the bot's part included (each read is audited)."""
    data = await asyncio.to_thread(_conversation, handoffs, handoff_id, who)
    await asyncio.to_thread(handoffs.audit, who.staff.id, "read", data["handoff"])
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
async def conversation_json(
    handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> JSONResponse:
    """The transcript as JSON, for live updates of an open conversation page."""
    data = await asyncio.to_thread(_conversation, handoffs, handoff_id, who)
    return JSONResponse({"state": data["handoff"].state, "messages": data["messages"]})


@router.post("/c/{handoff_id}/claim")
async def claim(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """Take a waiting conversation (back to the page, saying so, when a colleague was first)."""
    await checked_form(request, who)
    await asyncio.to_thread(_visible_handoff, handoffs, handoff_id, who)
    if not await asyncio.to_thread(handoffs.claim, handoff_id, who.staff.id):
        return RedirectResponse(f"/inbox/c/{handoff_id}?taken=1", status_code=303)
    return RedirectResponse(f"/inbox/c/{handoff_id}", status_code=303)


@router.post("/c/{handoff_id}/reply")
async def reply(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """Send a reply on the user's channel (or the WhatsApp template past 24 hours)."""
    form = await checked_form(request, who)
    await asyncio.to_thread(_visible_handoff, handoffs, handoff_id, who)
    text = form.get("text", "").strip()
    if not text:
        return RedirectResponse(f"/inbox/c/{handoff_id}", status_code=303)
    outcome = await handoffs.reply(handoff_id, who.staff.id, text)
    if outcome == "refused":
        raise HTTPException(status_code=409, detail="this conversation is not assigned to you")
    if outcome == "empty":
        return RedirectResponse(f"/inbox/c/{handoff_id}", status_code=303)
    return RedirectResponse(f"/inbox/c/{handoff_id}?sent={outcome}", status_code=303)


@router.post("/c/{handoff_id}/note")
async def note(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """Add an internal note (to a hand-off ``who`` may read)."""
    form = await checked_form(request, who)
    await asyncio.to_thread(_visible_handoff, handoffs, handoff_id, who)
    await asyncio.to_thread(handoffs.add_note, handoff_id, who.staff.id, form.get("text", ""))
    return RedirectResponse(f"/inbox/c/{handoff_id}", status_code=303)


def _is_row_id(value: str) -> bool:
    """True for a form value that can be a row id (digits, in the database's range)."""
    return value.isdigit() and 1 <= int(value[:12]) <= MAX_ROW_ID


def _held(handoffs: HandoffService, handoff_id: int, who: SignedIn) -> Handoff:
    """The hand-off when ``who`` holds it (or is an admin); 404 or 409 otherwise."""
    handoff = _visible_handoff(handoffs, handoff_id, who)
    if handoff.assigned_to != who.staff.id and not has_role(who.staff, "admin"):
        raise HTTPException(status_code=409, detail="this conversation is not assigned to you")
    return handoff


@router.post("/c/{handoff_id}/transfer")
async def transfer(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """Give the conversation to a colleague (back to the page, saying so, when it cannot)."""
    form = await checked_form(request, who)
    await asyncio.to_thread(_held, handoffs, handoff_id, who)
    colleague = form.get("staff_id", "")
    moved = _is_row_id(colleague) and await asyncio.to_thread(
        handoffs.transfer, handoff_id, who.staff.id, int(colleague)
    )
    if not moved:
        return RedirectResponse(f"/inbox/c/{handoff_id}?error=transfer", status_code=303)
    return RedirectResponse("/inbox", status_code=303)


@router.post("/c/{handoff_id}/close")
async def close(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """Give the conversation back to the assistant; the user is told."""
    await checked_form(request, who)
    await asyncio.to_thread(_held, handoffs, handoff_id, who)
    await handoffs.close(handoff_id, who.staff.id)
    return RedirectResponse("/inbox", status_code=303)


@router.get("/admin/audit")
async def audit_page(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """Who read or did what (admins only)."""
    require_role(who, "admin")
    entries = await asyncio.to_thread(recent_entries, database)
    staff = await asyncio.to_thread(list_staff, database)
    return page(request, "inbox/audit.html", who, entries=entries, staff=staff)
