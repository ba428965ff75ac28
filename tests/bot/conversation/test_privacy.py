"""Privacy: notice at the first message, deletion everywhere, retention, clean logs."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text, update

from bot.config import Settings
from bot.conversation.privacy import erasure_requests, purge_once
from bot.staff.accounts import add_staff
from bot.storage.models import Message, User
from bot.web.app import create_app
from tests.fakes.rasa import FakeRasa

SENDER = "+99900000077"
SECRET_WORDS = "ma soeur est malade a Oujda"


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def say(client: TestClient, words: str, sender: str = SENDER) -> dict:
    response = client.post("/api/messages", json={"sender": sender, "text": words})
    assert response.status_code == 200
    return response.json()


def test_first_message_only_carries_the_privacy_notice(client: TestClient) -> None:
    first = say(client, "bonjour")["replies"]
    second = say(client, "papiers")["replies"]
    assert "/privacy" in first[-1]["text"] and "90" in first[-1]["text"]
    assert all("/privacy" not in r["text"] for r in second)


@pytest.mark.parametrize("lang", ["fr", "ar", "bm"])
def test_privacy_page_in_each_language(client: TestClient, lang: str) -> None:
    page = client.get("/privacy", params={"lang": lang})
    assert page.status_code == 200 and f'lang="{lang}"' in page.text and "90" in page.text


def test_deletion_leaves_nothing_of_the_user_in_any_table(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    app = client.app
    database = app.state.database  # type: ignore[attr-defined]
    fake_rasa.scripted["une personne"] = [
        {"kind": "handoff", "lang": "fr", "text": "x", "buttons": [], "handoff": "request"}
    ]
    say(client, SECRET_WORDS)
    say(client, "une personne")
    handoffs = app.state.handoffs  # type: ignore[attr-defined]
    [item] = handoffs.queue()
    agent = add_staff(database, "agent", "a-long-password", "agent").id
    handoffs.claim(item.id, agent)
    handoffs.add_note(item.id, agent, "note about " + SECRET_WORDS)
    handoffs.audit(agent, "read", handoffs.get(item.id))
    asyncio.run(handoffs.close(item.id, agent))

    fake_rasa.scripted["/affirm"] = [
        {"kind": "deleted", "lang": "fr", "text": "effacé", "buttons": [], "delete_user_data": True}
    ]
    user_id = app.state.service.user_id("local", SENDER)  # type: ignore[attr-defined]
    assert say(client, "/affirm")["replies"][0]["text"] == "effacé"
    assert fake_rasa.deleted == [user_id]

    with database.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                dump = " ".join(str(value) for value in row)
                assert user_id not in dump, table
                assert SECRET_WORDS not in dump, table
                assert SENDER not in dump, table


def test_retention_purge_erases_inactive_users_and_old_messages(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    app = client.app
    database = app.state.database  # type: ignore[attr-defined]
    say(client, "vieux message", sender="old")
    say(client, "message récent", sender="recent")
    service = app.state.service  # type: ignore[attr-defined]
    old_id, recent_id = service.user_id("local", "old"), service.user_id("local", "recent")
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=120)
    with database.session() as session:
        session.execute(update(User).where(User.id == old_id).values(last_seen_at=long_ago))
        first = session.scalars(select(Message).where(Message.user_id == recent_id)).first()
        first.created_at = long_ago
        session.commit()

    purged = purge_once(database, fake_rasa.url, 90)  # type: ignore[attr-defined]
    users, messages = asyncio.run(purged)
    assert users == 1 and messages >= 1
    assert fake_rasa.deleted == [old_id]
    with database.session() as session:
        assert session.get(User, old_id) is None
        assert session.get(User, recent_id) is not None
        assert first.id not in list(session.scalars(select(Message.id)))


def test_what_the_purge_deletes_leaves_the_database_files_too(
    client: TestClient, fake_rasa: FakeRasa, settings: Settings
) -> None:
    """SQLite's write-ahead log kept the old messages of active users after the purge."""
    database = client.app.state.database  # type: ignore[attr-defined]
    say(client, "ancien passeport QX7731246", sender="active")
    say(client, "message récent", sender="active")
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=120)
    with database.session() as session:
        session.execute(
            update(Message).where(Message.text.contains("QX7731246")).values(created_at=long_ago)
        )
        session.commit()
    path = Path(settings.database_url.removeprefix("sqlite:///"))
    files = list(path.parent.glob(path.name + "*"))
    assert any(b"QX7731246" in file.read_bytes() for file in files)  # the check can fail

    purged = purge_once(database, fake_rasa.url, 90)  # type: ignore[attr-defined]
    assert asyncio.run(purged)[1] >= 1
    for file in path.parent.glob(path.name + "*"):  # the database, its journal or WAL
        assert b"QX7731246" not in file.read_bytes(), file.name


def test_logs_hold_no_phone_number_or_message_text(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    say(client, SECRET_WORDS)
    say(client, SECRET_WORDS)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert SENDER not in logged and SECRET_WORDS not in logged


def test_an_erasure_rasa_could_not_take_is_finished_when_it_is_back(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    """The user is told "deleted": it must become true in Rasa too, even after an outage."""
    app = client.app
    say(client, SECRET_WORDS)
    user_id = app.state.service.user_id("local", SENDER)  # type: ignore[attr-defined]
    fake_rasa.scripted["/affirm"] = [
        {"kind": "deleted", "lang": "fr", "text": "effacé", "buttons": [], "delete_user_data": True}
    ]
    fake_rasa.token = "not-the-gateway's"  # Rasa refuses the erasure for now
    assert say(client, "/affirm")["replies"][0]["text"] == "effacé"
    assert fake_rasa.deleted == []
    database = app.state.database  # type: ignore[attr-defined]
    assert erasure_requests(database) == [user_id]
    fake_rasa.token = ""
    deadline = time.monotonic() + 15
    while fake_rasa.deleted != [user_id] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert fake_rasa.deleted == [user_id]
    assert user_id not in fake_rasa.trackers
    while erasure_requests(database) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert erasure_requests(database) == []
