"""Triage in the staff inbox: dismiss with a reason, snooze, assign, give to a team."""

from __future__ import annotations

import asyncio
import datetime as dt

from fastapi import APIRouter
from fastapi.responses import Response

from bot.web.deps import HandoffsDep
from bot.web.inbox_conversation import SNOOZE_HOURS, VisiblePost, is_row_id
from bot.web.staff_auth import may_see

router = APIRouter(prefix="/inbox", include_in_schema=False)


@router.post("/c/{handoff_id}/dismiss")
async def dismiss(post: VisiblePost, handoffs: HandoffsDep) -> Response:
    """Close a false emergency or hand-off with a reason (kept for the editors' report)."""
    reason = post.form.get("reason", "")
    if not await handoffs.dismiss(post.handoff_id, post.who.staff.id, reason):
        return post.done("triage-refused", "?error=dismiss")
    # An agent who dismissed a waiting conversation may no longer read it: back to the queue.
    handoff = await asyncio.to_thread(handoffs.get, post.handoff_id)
    if handoff is None or not may_see(post.who, handoff):
        return post.leave("/inbox?done=dismissed")
    return post.done("dismissed", target="/inbox")


def snooze_until(choice: str, at: dt.datetime, custom: str) -> dt.datetime | None:
    """The end of a snooze: a few hours, or a time typed (local to the browser, sent as UTC)."""
    if choice in SNOOZE_HOURS:
        return at + dt.timedelta(hours=SNOOZE_HOURS[choice])
    try:
        moment = dt.datetime.fromisoformat(custom)
    except ValueError:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return moment if moment > at else None


@router.post("/c/{handoff_id}/snooze")
async def snooze(post: VisiblePost, handoffs: HandoffsDep) -> Response:
    """Hide the conversation from the Unassigned view until a time ("wake" shows it again)."""
    choice = post.form.get("until", "")
    until = snooze_until(choice, dt.datetime.now(dt.UTC), post.form.get("at", ""))
    if until is None and choice != "wake":
        return post.done("triage-refused", "?error=snooze")
    await asyncio.to_thread(handoffs.snooze, post.handoff_id, post.who.staff.id, until)
    if until is None:
        return post.done("woken")
    return post.done("snoozed", target="/inbox")


@router.post("/c/{handoff_id}/assign")
async def assign(post: VisiblePost, handoffs: HandoffsDep) -> Response:
    """Give the conversation (waiting or taken) to a colleague and/or a team."""
    colleague, team = post.form.get("staff_id", ""), post.form.get("team", "")
    handoff_id, by = post.handoff_id, post.who.staff.id
    ok = True
    if team:
        ok = await asyncio.to_thread(
            handoffs.set_team, handoff_id, by, None if team == "-" else team
        )
    if colleague:
        ok = ok and is_row_id(colleague)
        ok = ok and await asyncio.to_thread(handoffs.assign, handoff_id, by, int(colleague))
    if not ok:
        return post.done("triage-refused", "?error=assign")
    return post.done("assigned")
