"""The admins' pages of the inbox: audit log in words, staff accounts, saved replies, survey."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from bot.handoff.survey import results_by_week
from bot.staff.accounts import (
    MIN_PASSWORD,
    ROLES,
    AccountError,
    add_staff,
    list_staff,
    new_password,
    update_account,
)
from bot.staff.audit_log import AuditFilters, recent_entries
from bot.staff.saved_replies import all_replies, delete_reply, save_reply
from bot.staff.sessions import SignedIn
from bot.storage.database import Database
from bot.web.deps import CurrentStaff, DatabaseDep, HandoffsDep
from bot.web.inbox import query_day
from bot.web.labels import ACTIONS, LANGUAGE_NAMES, Words
from bot.web.pages import page
from bot.web.staff_auth import checked_form, require_role

router = APIRouter(prefix="/inbox/admin", include_in_schema=False)


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def audit_filters(request: Request) -> AuditFilters:
    """The audit page's filters from its query string."""
    params, day = request.query_params, query_day(request)
    action = params.get("action", "")
    return AuditFilters(
        staff_id=_number(params.get("staff")),
        action=action if action in ACTIONS else "",
        day=day,
        handoff_id=_number(params.get("conversation")),
    )


@router.get("/audit")
async def audit_page(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """Who read or did what, in words, filterable (admins only)."""
    require_role(who, "admin")
    filters = audit_filters(request)
    entries = await asyncio.to_thread(recent_entries, database, filters)
    staff = await asyncio.to_thread(list_staff, database)
    words = Words(who.staff.language, {s.id: s.display_name for s in staff})
    return page(
        request,
        "inbox/audit.html",
        who,
        entries=entries,
        staff=staff,
        words=words,
        filters=filters,
        actions=ACTIONS,
    )


@router.get("/staff")
async def staff_page(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """Every account, with its role and state; invite, change, disable, reset."""
    require_role(who, "admin")
    return await _staff_page(request, who, database, error=request.query_params.get("error"))


async def _staff_page(
    request: Request,
    who: SignedIn,
    database: Database,
    error: str | None = None,
    password: tuple[str, int | None] | None = None,
) -> Response:
    """The accounts page; ``password``: a new one-time password and whose it is, shown once."""
    staff = await asyncio.to_thread(list_staff, database)
    return page(
        request,
        "inbox/staff.html",
        who,
        staff=staff,
        roles=ROLES,
        min_password=MIN_PASSWORD,
        password=password[0] if password else None,
        password_for=next((s.display_name for s in staff if password and s.id == password[1]), ""),
        error=error,
    )


@router.post("/staff")
async def change_staff(
    request: Request, who: CurrentStaff, database: DatabaseDep, handoffs: HandoffsDep
) -> Response:
    """Invite (create with a one-time password), change a role, disable, enable, reset."""
    require_role(who, "admin")
    form = await checked_form(request, who)
    action, target = form.get("action", ""), _number(form.get("staff_id"))
    password = new_password()
    try:
        if action == "invite":
            created = await asyncio.to_thread(
                add_staff,
                database,
                form.get("username", ""),
                form.get("password") or password,
                form.get("role", "agent"),
                form.get("display_name", ""),
                form.get("language", "fr"),
            )
            target = created.id
        elif target is None or target == who.staff.id:
            raise AccountError("not this account")
        elif action == "role":
            await asyncio.to_thread(update_account, database, target, role=form.get("role"))
        elif action in ("disable", "enable"):
            await asyncio.to_thread(update_account, database, target, active=action == "enable")
        elif action == "reset":
            await asyncio.to_thread(update_account, database, target, password=password)
        else:
            raise AccountError("unknown action")
    except AccountError:
        return RedirectResponse("/inbox/admin/staff?error=1", status_code=303)
    await asyncio.to_thread(handoffs.audit, who.staff.id, f"account:{action}")
    if action == "reset" or (action == "invite" and not form.get("password")):
        # Shown once, in this response only (never in a URL or a log).
        return await _staff_page(request, who, database, password=(password, target))
    return RedirectResponse("/inbox/admin/staff", status_code=303)


@router.get("/replies")
async def replies_page(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """The saved replies, every language, editable."""
    require_role(who, "admin")
    replies = await asyncio.to_thread(all_replies, database)
    return page(
        request,
        "inbox/replies.html",
        who,
        replies=replies,
        languages=LANGUAGE_NAMES,
        words=Words(who.staff.language),
        error=request.query_params.get("error"),
    )


@router.post("/replies")
async def change_reply(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """Save one language of a saved reply, or delete a reply in every language."""
    require_role(who, "admin")
    form = await checked_form(request, who)
    key = form.get("key", "").strip().lower()
    if form.get("action") == "delete":
        await asyncio.to_thread(delete_reply, database, key)
        return RedirectResponse("/inbox/admin/replies", status_code=303)
    language = form.get("language", "")
    saved = language in LANGUAGE_NAMES and await asyncio.to_thread(
        save_reply, database, key, language, form.get("title", ""), form.get("text", "")
    )
    target = "/inbox/admin/replies" + ("" if saved else "?error=1")
    return RedirectResponse(target, status_code=303)


@router.get("/survey")
async def survey_page(request: Request, who: CurrentStaff, database: DatabaseDep) -> Response:
    """Satisfaction answers per week."""
    require_role(who, "admin")
    weeks = await asyncio.to_thread(results_by_week, database)
    return page(request, "inbox/survey.html", who, weeks=weeks)
