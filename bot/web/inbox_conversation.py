"""One conversation in the staff inbox: transcript, replies, notes and triage.

The page is made of fragments (the state and actions panel, the transcript,
the notes) that htmx reloads in place when the event stream says the
conversation changed; the reply box is never reloaded, so a draft survives a
colleague's claim, a new message, a note or a triage action. Forms posted by
htmx get the page's message line (``_flash.html``: done, or why not) and an
``HX-Trigger`` that reloads the fragments; without JavaScript they redirect,
the message named in the query string.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from bot.handoff.dismissals import DISMISS_REASONS
from bot.handoff.service import HandoffService
from bot.handoff.states import ASSIGNED, WAITING, aware
from bot.handoff.transcripts import transcript
from bot.handoff.triage import TEAMS, earlier_conversations, mark_seen
from bot.staff.accounts import active_colleagues, has_role
from bot.staff.saved_replies import choices
from bot.staff.sessions import SignedIn
from bot.storage.models import Handoff
from bot.web.deps import MAX_ROW_ID, CurrentStaff, HandoffsDep, RowId
from bot.web.labels import Words
from bot.web.pages import page
from bot.web.staff_auth import checked_form, may_see

router = APIRouter(prefix="/inbox", include_in_schema=False)
SNOOZE_HOURS = {"1h": 1, "3h": 3, "24h": 24}
SENT_FLASH = {"failed": "not-delivered", "template": "template-sent"}


def htmx(request: Request) -> bool:
    """True for a request made by htmx (it answers without reloading the page)."""
    return request.headers.get("HX-Request") == "true"


def done(request: Request, who: SignedIn, target: str, flash: str = "") -> Response:
    """After a form: htmx stays on the page (message ``flash``, fragments refreshed).

    Without JavaScript the browser goes to ``target``.
    """
    if not htmx(request):
        return RedirectResponse(target, status_code=303)
    response = page(request, "inbox/_flash.html", who, flash=flash)
    response.headers["HX-Trigger"] = "inbox:refresh"
    return response


def flash_of(request: Request) -> str:
    """The message a redirect without JavaScript asked for (``?taken=1``, ``?error=…``)."""
    params = request.query_params
    if params.get("taken"):
        return "taken"
    error, sent = params.get("error", ""), params.get("sent", "")
    if error == "transfer":
        return "transfer-refused"
    if error in ("assign", "snooze", "dismiss"):
        return "triage-refused"
    return SENT_FLASH.get(sent, "")


def visible(handoffs: HandoffService, handoff_id: int, who: SignedIn) -> Handoff:
    """The hand-off if ``who`` may read it; 404 otherwise (missing or not theirs)."""
    handoff = handoffs.get(handoff_id)
    if handoff is None or not may_see(who, handoff):
        raise HTTPException(status_code=404)
    return handoff


def held(handoffs: HandoffService, handoff_id: int, who: SignedIn) -> Handoff:
    """The hand-off when ``who`` holds it (or is an admin); 404 or 409 otherwise."""
    handoff = visible(handoffs, handoff_id, who)
    if handoff.assigned_to != who.staff.id and not has_role(who.staff, "admin"):
        raise HTTPException(status_code=409, detail="this conversation is not assigned to you")
    return handoff


@dataclass(frozen=True)
class Posted:
    """A form posted about one conversation: CSRF checked, the conversation ``who`` may touch."""

    request: Request
    who: SignedIn
    handoff_id: int
    form: dict[str, str]

    def done(self, flash: str = "", query: str = "", target: str = "") -> Response:
        """:func:`done`, going back to this conversation unless ``target`` says where."""
        return done(self.request, self.who, target or f"/inbox/c/{self.handoff_id}{query}", flash)

    def leave(self, target: str) -> Response:
        """Off this page (the conversation is no longer ``who``'s to see): htmx goes too."""
        if not htmx(self.request):
            return RedirectResponse(target, status_code=303)
        return Response(headers={"HX-Redirect": target})


def _posted(check: Callable[[HandoffService, int, SignedIn], Handoff]) -> Any:
    async def dependency(
        request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
    ) -> Posted:
        form = await checked_form(request, who)
        await asyncio.to_thread(check, handoffs, handoff_id, who)
        return Posted(request, who, handoff_id, form)

    return Depends(dependency)


# A form about a conversation ``who`` may read, or one ``who`` holds (404 or 409 first).
VisiblePost = Annotated[Posted, _posted(visible)]
HeldPost = Annotated[Posted, _posted(held)]


def _conversation(handoffs: HandoffService, handoff_id: int, who: SignedIn) -> dict[str, Any]:
    handoff = visible(handoffs, handoff_id, who)
    messages = transcript(handoffs.database, handoff)
    colleagues = active_colleagues(handoffs.database, who.staff.id)
    at = dt.datetime.now(dt.UTC)
    snoozed = aware(handoff.snoozed_until)
    return {
        "handoff": handoff,
        "messages": messages,
        "notes": handoffs.notes(handoff_id),
        "colleagues": colleagues,
        "names": {c.id: c.display_name for c in colleagues}
        | {who.staff.id: who.staff.display_name},
        "mine": handoff.state == ASSIGNED and handoff.assigned_to == who.staff.id,
        "waiting": handoff.state == WAITING,
        "window_closed": handoffs.whatsapp_window_closed(handoff),
        "template_configured": bool(handoffs.whatsapp_template_sid),
        "words": Words(who.staff.language),
        "teams": TEAMS,
        "dismiss_reasons": DISMISS_REASONS,
        "snoozed_until": snoozed if snoozed and snoozed > at else None,
        "now": at,
    }


def _seen(handoffs: HandoffService, data: dict[str, Any]) -> None:
    if data["messages"]:
        mark_seen(handoffs.database, data["handoff"].id, data["messages"][-1]["id"])


@router.get("/c/{handoff_id}")
async def conversation_page(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """The whole conversation, the bot's part included (each read is audited)."""
    data = await asyncio.to_thread(_conversation, handoffs, handoff_id, who)
    await asyncio.to_thread(handoffs.audit, who.staff.id, "read", data["handoff"])
    await asyncio.to_thread(_seen, handoffs, data)
    handoff = data["handoff"]
    earlier = await asyncio.to_thread(earlier_conversations, handoffs.database, handoff)
    # With their notes, for whoever may read this conversation: the team's memory of the person
    # (scenario 12). What the person wrote in them is still only for who may read each one.
    saved = await asyncio.to_thread(
        choices, handoffs.database, who.staff.language, handoff.language or "fr"
    )
    return page(
        request,
        "inbox/conversation.html",
        who,
        saved=saved,
        earlier=earlier,
        flash=flash_of(request),
        **data,
    )


@router.get("/c/{handoff_id}/part/{part}")
async def conversation_part(
    request: Request, handoff_id: RowId, part: str, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """One fragment of the page (``panel``, ``transcript`` or ``notes``), for live updates."""
    if part not in ("panel", "transcript", "notes"):
        raise HTTPException(status_code=404)
    data = await asyncio.to_thread(_conversation, handoffs, handoff_id, who)
    if part == "transcript":
        await asyncio.to_thread(_seen, handoffs, data)
    return page(request, f"inbox/_conversation_{part}.html", who, **data)


@router.get("/c/{handoff_id}/messages.json")
async def conversation_json(
    handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> JSONResponse:
    """The transcript as JSON."""
    data = await asyncio.to_thread(_conversation, handoffs, handoff_id, who)
    return JSONResponse({"state": data["handoff"].state, "messages": data["messages"]})


@router.post("/c/{handoff_id}/claim")
async def claim(post: VisiblePost, handoffs: HandoffsDep) -> Response:
    """Take a waiting conversation (back to the page, saying so, when a colleague was first)."""
    if not await asyncio.to_thread(handoffs.claim, post.handoff_id, post.who.staff.id):
        return post.done("taken", "?taken=1")
    return post.done()


@router.post("/c/{handoff_id}/reply")
async def reply(post: VisiblePost, handoffs: HandoffsDep) -> Response:
    """Send a reply on the user's channel (or the WhatsApp template past 24 hours)."""
    text = post.form.get("text", "").strip()
    if not text:
        return post.done()
    outcome = await handoffs.reply(post.handoff_id, post.who.staff.id, text)
    if outcome == "refused":
        raise HTTPException(status_code=409, detail="this conversation is not assigned to you")
    if outcome == "empty":
        return post.done()
    return post.done(SENT_FLASH.get(outcome, ""), f"?sent={outcome}")


@router.post("/c/{handoff_id}/note")
async def note(post: VisiblePost, handoffs: HandoffsDep) -> Response:
    """Add an internal note (to a hand-off ``who`` may read)."""
    text = post.form.get("text", "")
    await asyncio.to_thread(handoffs.add_note, post.handoff_id, post.who.staff.id, text)
    return post.done()


def is_row_id(value: str) -> bool:
    """True for a form value that can be a row id (digits, in the database's range)."""
    return value.isdigit() and 1 <= int(value[:12]) <= MAX_ROW_ID


@router.post("/c/{handoff_id}/transfer")
async def transfer(post: HeldPost, handoffs: HandoffsDep) -> Response:
    """Give the conversation to a colleague (back to the page, saying so, when it cannot)."""
    colleague = post.form.get("staff_id", "")
    moved = is_row_id(colleague) and await asyncio.to_thread(
        handoffs.transfer, post.handoff_id, post.who.staff.id, int(colleague)
    )
    if not moved:
        return post.done("transfer-refused", "?error=transfer")
    return post.done("transferred", target="/inbox")


@router.post("/c/{handoff_id}/close")
async def close(post: HeldPost, handoffs: HandoffsDep) -> Response:
    """Give the conversation back to the assistant; the user is told (and maybe asked)."""
    survey = post.form.get("survey") == "1"
    await handoffs.close(post.handoff_id, post.who.staff.id, ask_survey=survey)
    return post.done(target="/inbox")
