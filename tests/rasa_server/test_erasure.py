"""Erasing a conversation removes its rows from Rasa's SQL tracker store (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import (
    AwaitableTrackerStore,
    FailSafeTrackerStore,
    InMemoryTrackerStore,
    SQLTrackerStore,
    TrackerStore,
)
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_server import erasure
from rasa_server.__main__ import check_version, with_auth_token

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
SECRET = "passport AB1234567"


def conversation(sender: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker(sender, [])
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(f"my {SECRET}", {"name": "greet", "confidence": 1.0}))
    tracker.update(SlotSet("language", "fr"))
    return tracker


@pytest.fixture
def sqlite_store(tmp_path: Path) -> SQLTrackerStore:
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


@pytest.fixture
def postgres_store() -> Iterator[SQLTrackerStore]:
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = "rasa_erase_" + uuid.uuid4().hex[:10]
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f"CREATE DATABASE {name}"))
    except sa.exc.OperationalError as error:
        pytest.skip(f"PostgreSQL is not reachable ({type(error).__name__})")
    store = SQLTrackerStore(
        Domain.empty(),
        dialect="postgresql",
        host="127.0.0.1",
        port=5432,
        db=name,
        username="postgres",
    )
    try:
        yield store
    finally:
        store.engine.dispose()
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()


def rows(store: SQLTrackerStore, sender: str) -> list[str]:
    with store.session_scope() as session:
        return [
            str(row.data)
            for row in session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender)
        ]


@pytest.mark.parametrize("kind", ["sqlite_store", "postgres_store"])
async def test_erase_deletes_every_row_of_one_sender(
    kind: str, request: pytest.FixtureRequest
) -> None:
    store: SQLTrackerStore = request.getfixturevalue(kind)
    await store.save(conversation("alice"))
    await store.save(conversation("bob"))
    assert any(SECRET in data for data in rows(store, "alice"))

    wrapped = AwaitableTrackerStore(FailSafeTrackerStore(store))
    assert erasure.erase(wrapped, "alice") >= 3

    assert rows(store, "alice") == []
    assert await store.retrieve("alice") is None
    assert len(rows(store, "bob")) >= 3  # nobody else's conversation is touched


async def test_rasa_replace_with_no_events_does_not_erase(sqlite_store: SQLTrackerStore) -> None:
    """Why the route exists: saving an empty tracker (Rasa's PUT .../events []) keeps every row."""
    await sqlite_store.save(conversation("alice"))
    await sqlite_store.save(DialogueStateTracker("alice", []))
    assert any(SECRET in data for data in rows(sqlite_store, "alice"))


async def test_erase_from_memory_store_and_fail_safe_fallback() -> None:
    primary = InMemoryTrackerStore(Domain.empty())
    fallback = InMemoryTrackerStore(Domain.empty())
    await primary.save(conversation("alice"))
    await fallback.save(conversation("alice"))
    store = AwaitableTrackerStore(FailSafeTrackerStore(primary, fallback_tracker_store=fallback))
    assert erasure.erase(store, "alice") == 2
    assert "alice" not in primary.store and "alice" not in fallback.store


def test_unknown_store_kind_is_refused() -> None:
    class Other(TrackerStore):
        pass

    with pytest.raises(erasure.UnsupportedTrackerStore):
        erasure.erase(Other(Domain.empty()), "alice")


def test_other_rasa_versions_are_refused() -> None:
    check_version("3.6.21")
    with pytest.raises(SystemExit):
        check_version("3.7.0")


def test_the_api_token_comes_from_the_environment() -> None:
    argv = ["x", "run", "--enable-api"]
    assert with_auth_token(argv, {"RASA_AUTH_TOKEN": "t0ken-long"})[-2:] == [
        "--auth-token",
        "t0ken-long",
    ]
    assert with_auth_token(argv, {}) == argv  # embedded profile: loopback only
    with pytest.raises(SystemExit):
        with_auth_token(argv, {"PROFILE": "production"})
    assert with_auth_token(["x", "run"], {"PROFILE": "production"}) == ["x", "run"]
