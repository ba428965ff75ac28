"""Triage in the staff inbox: dismiss with a reason, snooze, assign, give to a team."""

from __future__ import annotations

import asyncio
import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.web.deps import CurrentStaff, HandoffsDep, RowId
from bot.web.inbox_conversation import SNOOZE_HOURS, _is_row_id, done, visible
from bot.web.staff_auth import checked_form

router = APIRouter(prefix="/inbox", include_in_schema=False)


@router.post("/c/{handoff_id}/dismiss")
async def dismiss(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """Close a false emergency or hand-off with a reason (kept for the editors' report)."""
    form = await checked_form(request, who)
    await asyncio.to_thread(visible, handoffs, handoff_id, who)
    if not await handoffs.dismiss(handoff_id, who.staff.id, form.get("reason", "")):
        return done(request, who, f"/inbox/c/{handoff_id}?error=dismiss", "triage-refused")
    return done(request, who, "/inbox", "dismissed")


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
async def snooze(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """Hide the conversation from the Unassigned view until a time ("wake" shows it again)."""
    form = await checked_form(request, who)
    await asyncio.to_thread(visible, handoffs, handoff_id, who)
    choice = form.get("until", "")
    until = snooze_until(choice, dt.datetime.now(dt.UTC), form.get("at", ""))
    if until is None and choice != "wake":
        return done(request, who, f"/inbox/c/{handoff_id}?error=snooze", "triage-refused")
    await asyncio.to_thread(handoffs.snooze, handoff_id, who.staff.id, until)
    if until is None:
        return done(request, who, f"/inbox/c/{handoff_id}", "woken")
    return done(request, who, "/inbox", "snoozed")


@router.post("/c/{handoff_id}/assign")
async def assign(
    request: Request, handoff_id: RowId, who: CurrentStaff, handoffs: HandoffsDep
) -> Response:
    """Give the conversation (waiting or taken) to a colleague and/or a team."""
    form = await checked_form(request, who)
    await asyncio.to_thread(visible, handoffs, handoff_id, who)
    colleague, team = form.get("staff_id", ""), form.get("team", "")
    ok = True
    if team:
        ok = await asyncio.to_thread(
            handoffs.set_team, handoff_id, who.staff.id, None if team == "-" else team
        )
    if colleague:
        ok = ok and _is_row_id(colleague)
        ok = ok and await asyncio.to_thread(
            handoffs.assign, handoff_id, who.staff.id, int(colleague)
        )
    if not ok:
        return done(request, who, f"/inbox/c/{handoff_id}?error=assign", "triage-refused")
    return done(request, who, f"/inbox/c/{handoff_id}", "assigned")
