"""Signed-in staff sessions (cookie token, stored hashed), CSRF tokens, login limits."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from bot.storage.database import Database
from bot.storage.models import LoginAttempt, Staff, StaffSession

SESSION_HOURS = 8
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class SignedIn:
    """The staff member behind a request and the CSRF token of their session."""

    staff: Staff
    csrf_token: str


def start_session(database: Database, staff_id: int, hours: int = SESSION_HOURS) -> str:
    """Create a session; return the cookie token (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    with database.session() as session:
        session.add(
            StaffSession(
                token_hash=_hash(token),
                staff_id=staff_id,
                csrf_token=secrets.token_urlsafe(32),
                expires_at=_now() + dt.timedelta(hours=hours),
            )
        )
        session.commit()
    return token


def current(database: Database, token: str | None) -> SignedIn | None:
    """The signed-in staff member for a cookie token (None when absent or expired)."""
    if not token:
        return None
    with database.session() as session:
        row = session.get(StaffSession, _hash(token))
        if row is None:
            return None
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=dt.UTC)
        if expires <= _now():
            session.delete(row)
            session.commit()
            return None
        staff = session.get(Staff, row.staff_id)
        if staff is None or not staff.active:
            return None
        return SignedIn(staff, row.csrf_token)


def end_session(database: Database, token: str | None) -> None:
    """Sign out."""
    if token:
        with database.session() as session:
            session.execute(delete(StaffSession).where(StaffSession.token_hash == _hash(token)))
            session.commit()


def csrf_ok(signed_in: SignedIn, given: str | None) -> bool:
    """True when a form carries the session's CSRF token."""
    return bool(given) and hmac.compare_digest(signed_in.csrf_token, str(given))


def too_many_failures(database: Database, key: str) -> bool:
    """True when ``key`` (username and client) failed too often recently."""
    since = _now() - FAILURE_WINDOW
    with database.session() as session:
        count = session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(LoginAttempt.key == _hash(key), LoginAttempt.at >= since)
        )
    return (count or 0) >= MAX_FAILURES


def record_failure(database: Database, key: str) -> None:
    """Remember a failed login (and forget those older than an hour)."""
    with database.session() as session:
        session.add(LoginAttempt(key=_hash(key)))
        session.execute(
            delete(LoginAttempt).where(LoginAttempt.at < _now() - dt.timedelta(hours=1))
        )
        session.commit()
