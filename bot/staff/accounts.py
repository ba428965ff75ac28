"""Staff accounts (the admins' page and ``python -m bot staff``), passwords hashed with argon2."""

from __future__ import annotations

import secrets
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select

from bot.storage.database import Database
from bot.storage.models import Staff, StaffSession

ROLES = ("agent", "editor", "admin")
# Editors can do what agents do and edit content; admins can do everything.
# The languages of the staff pages: French, Arabic, and English (the source strings).
STAFF_LANGUAGES = ("fr", "ar", "en")
ROLE_RANK = {"agent": 0, "editor": 1, "admin": 2}
MIN_PASSWORD = 10

_hasher = PasswordHasher()
# Compared against when the username is unknown, so both cases take as long.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def normalize_username(username: str) -> str:
    """The one spelling of a username: compatibility forms folded, spaces and case ignored.

    Used to create accounts, to sign in and to key the lock on failed logins,
    so " Awa", "AWA" and a full-width "Ａｗａ" are one username everywhere.
    """
    folded = unicodedata.normalize("NFKC", username).casefold()
    return unicodedata.normalize("NFKC", folded).strip()


class AccountError(ValueError):
    """A staff account cannot be created as asked."""


def add_staff(
    database: Database,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    language: str = "fr",
) -> Staff:
    """Create an account.

    Raises:
        AccountError: unknown role, short password, or the username is taken.
    """
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password needs at least {MIN_PASSWORD} characters")
    username = normalize_username(username)
    with database.session() as session:
        if session.scalars(select(Staff).where(Staff.username == username)).first():
            raise AccountError(f"the username {username!r} is taken")
        staff = Staff(
            username=username,
            display_name=display_name or username,
            password_hash=_hasher.hash(password),
            role=role,
            language=language if language in STAFF_LANGUAGES else "fr",
            active=True,
        )
        session.add(staff)
        session.commit()
        return staff


def authenticate(database: Database, username: str, password: str) -> Staff | None:
    """The active account with these credentials, or None."""
    with database.session() as session:
        staff = session.scalars(
            select(Staff).where(Staff.username == normalize_username(username))
        ).first()
        try:
            _hasher.verify(staff.password_hash if staff else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if staff is None or not staff.active:
            return None
        if _hasher.check_needs_rehash(staff.password_hash):
            staff.password_hash = _hasher.hash(password)
            session.commit()
        return staff


def has_role(staff: Staff, role: str) -> bool:
    """True when ``staff`` has ``role`` or a higher one."""
    return ROLE_RANK.get(staff.role, -1) >= ROLE_RANK[role]


def list_staff(database: Database) -> list[Staff]:
    """Every account, by name."""
    with database.session() as session:
        return list(session.scalars(select(Staff).order_by(Staff.display_name)))


def active_colleagues(database: Database, staff_id: int) -> list[Staff]:
    """The active accounts other than ``staff_id``."""
    with database.session() as session:
        return list(session.scalars(select(Staff).where(Staff.active, Staff.id != staff_id)))


def set_language(database: Database, staff_id: int, language: str) -> None:
    """The language of a staff member's inbox (French, Arabic or English)."""
    with database.session() as session:
        staff = session.get(Staff, staff_id)
        if staff is not None:
            staff.language = language if language in STAFF_LANGUAGES else "fr"
            session.commit()


def first_names(database: Database, staff_ids: set[int]) -> dict[int, str]:
    """The first word of each account's display name: how users see who wrote."""
    if not staff_ids:
        return {}
    with database.session() as session:
        rows = session.execute(
            select(Staff.id, Staff.display_name).where(Staff.id.in_(staff_ids))
        ).all()
    return {staff_id: (name.split() or [""])[0] for staff_id, name in rows}


def new_password() -> str:
    """A one-time password an admin hands over (long enough for the rule above)."""
    return secrets.token_urlsafe(12)


def update_account(
    database: Database,
    staff_id: int,
    *,
    role: str | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> Staff:
    """Change an account's role, switch it on or off, or set its password.

    Raises:
        AccountError: unknown account or role, or a short password.
    """
    if role is not None and role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AccountError(f"the password needs at least {MIN_PASSWORD} characters")
    with database.session() as session:
        staff = session.get(Staff, staff_id)
        if staff is None:
            raise AccountError("no such account")
        if role is not None:
            staff.role = role
        if active is not None:
            staff.active = active
        if password is not None:
            staff.password_hash = _hasher.hash(password)
        if active is False or password is not None:
            session.execute(delete(StaffSession).where(StaffSession.staff_id == staff_id))
        session.commit()
        return staff


def find_staff(database: Database, username: str) -> Staff | None:
    """The account with this username (any spelling), or None."""
    with database.session() as session:
        return session.scalars(
            select(Staff).where(Staff.username == normalize_username(username))
        ).first()
