"""Signing in to and out of the staff inbox (the lock on failed logins: ``login_guard``)."""

from __future__ import annotations

import asyncio
import secrets

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from bot.staff.login_guard import DEVICE_COOKIE, DEVICE_DAYS
from bot.staff.sessions import end_session, start_session
from bot.web.client_address import client_network
from bot.web.deps import (
    SESSION_COOKIE,
    CurrentStaff,
    DatabaseDep,
    HandoffsDep,
    LoginGuardDep,
    SettingsDep,
)
from bot.web.pages import page
from bot.web.staff_auth import LOGIN_CSRF_COOKIE, checked_form

router = APIRouter(prefix="/inbox", include_in_schema=False)


@router.get("/login")
async def login_page(request: Request, settings: SettingsDep) -> Response:
    """The sign-in form (with a CSRF token bound to a cookie)."""
    token = secrets.token_urlsafe(24)
    response = page(
        request, "inbox/login.html", None, csrf_token=token, error=request.query_params.get("error")
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies,
        path="/inbox",
    )
    return response


@router.post("/login")
async def login(
    request: Request, settings: SettingsDep, database: DatabaseDep, guard: LoginGuardDep
) -> Response:
    """Sign in, behind the lock on failed logins (``bot.staff.login_guard``)."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(
        cookie.encode(), form.get("csrf_token", "").encode()
    ):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token")
    result = await guard.sign_in(
        form.get("username", ""),
        form.get("password", ""),
        client_network(request.client.host) if request.client else "?",
        request.cookies.get(DEVICE_COOKIE),
    )
    if result.locked:
        return RedirectResponse("/inbox/login?error=locked", status_code=303)
    if result.staff is None:
        return RedirectResponse("/inbox/login?error=wrong", status_code=303)
    token = await asyncio.to_thread(start_session, database, result.staff.id)
    secure = settings.secure_cookies
    response = RedirectResponse("/inbox", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=secure,
        path="/",
        max_age=8 * 3600,
    )
    response.set_cookie(
        DEVICE_COOKIE,
        result.device_cookie or "",
        httponly=True,
        samesite="strict",
        secure=secure,
        path="/inbox/login",
        max_age=DEVICE_DAYS * 24 * 3600,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/inbox")
    return response


@router.post("/logout")
async def logout(
    request: Request, who: CurrentStaff, database: DatabaseDep, handoffs: HandoffsDep
) -> Response:
    """Sign out."""
    await checked_form(request, who)
    await asyncio.to_thread(end_session, database, request.cookies.get(SESSION_COOKIE))
    handoffs.events.publish({"type": "session"})  # open streams check theirs
    response = RedirectResponse("/inbox/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
