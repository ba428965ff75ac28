"""Signed-in staff sessions (cookie token, stored hashed) and their CSRF tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import delete

from bot.storage.database import Database
from bot.storage.models import Staff, StaffSession

SESSION_HOURS = 8


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
    # Bytes: comparing str with non-ASCII characters raises (a forged token is a 403).
    return bool(given) and hmac.compare_digest(signed_in.csrf_token.encode(), str(given).encode())
