"""Staff sessions: the cookie token is stored hashed, expires, ends, and checks CSRF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.staff.accounts import add_staff
from bot.staff.sessions import SignedIn, csrf_ok, current, end_session, start_session
from bot.storage.database import Database
from bot.storage.models import Staff, StaffSession

PASSWORD = "a-long-password"


@pytest.fixture
def database(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'sessions.db'}")


@pytest.fixture
def staff_id(database: Database) -> int:
    return add_staff(database, "awa", PASSWORD, "agent", "Awa").id


def test_a_started_session_finds_its_staff_member(database: Database, staff_id: int) -> None:
    token = start_session(database, staff_id)
    found = current(database, token)
    assert found is not None
    assert found.staff.id == staff_id
    assert found.csrf_token


def test_only_the_hash_of_the_token_is_stored(database: Database, staff_id: int) -> None:
    token = start_session(database, staff_id)
    with database.session() as session:
        stored = session.scalars(select(StaffSession.token_hash)).all()
    assert len(stored) == 1
    assert token not in stored[0] and len(stored[0]) == 64


def test_unknown_empty_and_missing_tokens_find_nobody(database: Database, staff_id: int) -> None:
    start_session(database, staff_id)
    assert current(database, None) is None
    assert current(database, "") is None
    assert current(database, "not-a-token") is None


def test_an_expired_session_is_deleted(database: Database, staff_id: int) -> None:
    token = start_session(database, staff_id)
    with database.session() as session:
        session.execute(
            update(StaffSession).values(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
            )
        )
        session.commit()
    assert current(database, token) is None
    with database.session() as session:
        assert session.scalars(select(StaffSession)).all() == []


def test_a_disabled_account_is_signed_out(database: Database, staff_id: int) -> None:
    token = start_session(database, staff_id)
    with database.session() as session:
        session.execute(update(Staff).values(active=False))
        session.commit()
    assert current(database, token) is None


def test_signing_out_ends_only_that_session(database: Database, staff_id: int) -> None:
    first = start_session(database, staff_id)
    second = start_session(database, staff_id)
    end_session(database, first)
    assert current(database, first) is None
    assert current(database, second) is not None
    end_session(database, None)  # nothing to end: no error
    assert current(database, second) is not None


def test_each_session_has_its_own_csrf_token(database: Database, staff_id: int) -> None:
    first = current(database, start_session(database, staff_id))
    second = current(database, start_session(database, staff_id))
    assert first is not None and second is not None
    assert first.csrf_token != second.csrf_token


def test_csrf_check(database: Database, staff_id: int) -> None:
    found = current(database, start_session(database, staff_id))
    assert isinstance(found, SignedIn)
    assert csrf_ok(found, found.csrf_token)
    assert not csrf_ok(found, None)
    assert not csrf_ok(found, "")
    assert not csrf_ok(found, found.csrf_token + "x")
    assert not csrf_ok(found, "é" * 10)  # non-ASCII: refused, not an exception
