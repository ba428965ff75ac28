"""The checks every inbox route makes: roles, who may read a hand-off, CSRF."""

from __future__ import annotations

from fastapi import HTTPException, Request

from bot.handoff.states import OPEN_STATES
from bot.staff.accounts import has_role
from bot.staff.sessions import SignedIn, csrf_ok
from bot.storage.models import Handoff

LOGIN_CSRF_COOKIE = "login_csrf"


def require_role(who: SignedIn, role: str) -> None:
    """403 unless the staff member has ``role`` (or a higher one)."""
    if not has_role(who.staff, role):
        raise HTTPException(status_code=403, detail="not allowed for your role")


def may_see(who: SignedIn, handoff: Handoff) -> bool:
    """Who may read a hand-off (its transcript, attachments and notes).

    An open one: every staff member (the queue is the team's). A closed one:
    the staff member who held it last, and admins; and only up to its close
    (see ``bot.handoff.transcripts``).
    """
    if handoff.state in OPEN_STATES:
        return True
    return handoff.assigned_to == who.staff.id or has_role(who.staff, "admin")


async def checked_form(request: Request, who: SignedIn) -> dict[str, str]:
    """The posted form, after checking its CSRF token (403 without it)."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    if not csrf_ok(who, form.get("csrf_token")):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token")
    return form
