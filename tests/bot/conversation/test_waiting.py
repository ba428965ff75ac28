"""Messages written while a person has the conversation: kept, acknowledged now and then."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from bot.config import Settings
from bot.storage.models import Handoff
from bot.web.app import create_app
from tests.fakes.rasa import DELETE_CONFIRM, FakeRasa

SENDER = "s-waiting"


@pytest.fixture
def client(settings: Settings, fake_rasa: FakeRasa) -> Iterator[TestClient]:
    fake_rasa.scripted["une personne"] = [
        {"kind": "handoff", "lang": "fr", "text": "x", "buttons": [], "handoff": "request"}
    ]
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def say(client: TestClient, text: str, channel: str = "web") -> dict[str, Any]:
    response = client.post(
        "/api/messages", json={"sender": SENDER, "text": text, "channel": channel}
    )
    assert response.status_code == 200
    result: dict[str, Any] = response.json()
    return result


def last_ack_long_ago(client: TestClient) -> None:
    database = client.app.state.database  # type: ignore[attr-defined]
    with database.session() as session:
        long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=6)
        session.execute(update(Handoff).values(acked_at=long_ago))
        session.commit()


def test_messages_are_acknowledged_at_most_once_per_interval(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    say(client, "bonjour")
    opened = say(client, "une personne")
    assert opened["handoff"] is True
    asked = len(fake_rasa.requests)
    # Just told a person will answer: the next message is kept without a word.
    assert say(client, "vous êtes là ?")["replies"] == []
    last_ack_long_ago(client)
    ack = say(client, "allo ?")["replies"]
    assert len(ack) == 1 and ack[0]["text"].startswith("Votre message")
    assert say(client, "allo ??")["replies"] == []
    assert len(fake_rasa.requests) == asked  # the assistant stayed silent


def test_the_acknowledgement_survives_a_restart(settings: Settings, fake_rasa: FakeRasa) -> None:
    fake_rasa.scripted["une personne"] = [
        {"kind": "handoff", "lang": "fr", "text": "x", "buttons": [], "handoff": "request"}
    ]
    with TestClient(create_app(settings)) as first:
        say(first, "une personne")
        last_ack_long_ago(first)
        assert len(say(first, "allo ?")["replies"]) == 1
    with TestClient(create_app(settings)) as second:
        assert say(second, "allo ??")["replies"] == []


def test_danger_while_waiting_is_answered_and_moves_the_conversation_up_the_queue(
    client: TestClient,
) -> None:
    """Once stored silently, behind everyone who asked for a person before."""
    first = client.post("/api/messages", json={"sender": "s-before", "text": "une personne"})
    assert first.json()["handoff"] is True
    say(client, "une personne")
    handoffs = client.app.state.handoffs  # type: ignore[attr-defined]
    assert [item.reason for item in handoffs.queue()] == ["request", "request"]
    reply = say(client, "au secours on me frappe")
    assert reply["kinds"][0] == "emergency" and "19" in reply["replies"][0]["text"]
    [urgent, other] = handoffs.queue()
    assert (urgent.reason, other.reason) == ("emergency", "request")
    user_id = client.app.state.service.user_id("local", SENDER)  # type: ignore[attr-defined]
    assert urgent.id == handoffs.active(user_id).id


def test_a_person_waiting_for_the_team_can_still_delete_their_data(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    """/delete while a person was awaited was kept for the team, unanswered, nothing erased."""
    fake_rasa.scripted["/delete_my_data"] = [DELETE_CONFIRM]
    fake_rasa.scripted["/affirm"] = [
        {"kind": "deleted", "lang": "fr", "text": "effacé", "buttons": [], "delete_user_data": True}
    ]
    say(client, "une personne")
    assert say(client, "/delete")["kinds"] == ["confirm"]
    assert say(client, "/affirm")["kinds"] == ["deleted"]
    service = client.app.state.service  # type: ignore[attr-defined]
    assert service.records.load_user(service.user_id("local", SENDER)) is None
    assert client.app.state.handoffs.queue() == []  # type: ignore[attr-defined]


def test_saying_no_to_the_deletion_keeps_the_place_in_the_queue(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["/delete_my_data"] = [DELETE_CONFIRM]
    fake_rasa.scripted["/deny"] = [
        {"kind": "menu", "lang": "fr", "text": "Rien n'a été effacé.", "buttons": []}
    ]
    say(client, "une personne")
    say(client, "/delete@assistant_bot", channel="sms")
    assert say(client, "2", channel="sms")["replies"][0]["text"].startswith("Rien")
    assert [item.reason for item in client.app.state.handoffs.queue()] == ["request"]  # type: ignore[attr-defined]
    assert say(client, "/affirm")["replies"] == []  # no question pending: kept for the team


def test_bot_gives_the_conversation_back_and_the_web_chat_is_told(client: TestClient) -> None:
    say(client, "une personne")
    back = say(client, "BOT")
    assert back["handoff"] is False
    assert back["replies"][0]["text"].startswith("La conversation avec l'équipe est terminée")
    handoffs = client.app.state.handoffs  # type: ignore[attr-defined]
    assert handoffs.queue() == []
    updates = client.get(
        "/api/messages/updates", params={"sender": SENDER, "after": back["cursor"]}
    )
    assert updates.json()["replies"] == []  # told once, in the reply


def test_staff_handing_back_reaches_the_web_chat(client: TestClient) -> None:
    opened = say(client, "une personne")
    handoffs = client.app.state.handoffs  # type: ignore[attr-defined]
    [item] = handoffs.queue()
    asyncio.run(handoffs.close(item.id, None))
    updates = client.get(
        "/api/messages/updates", params={"sender": SENDER, "after": opened["cursor"]}
    ).json()
    assert [r["text"][:40] for r in updates["replies"]] == [
        "La conversation avec l'équipe est termin"
    ]


@pytest.mark.parametrize(
    ("language", "alerted", "numbers"),
    [
        ("fr", "Une personne de l'équipe a été prévenue", "appelez le 19 (police)"),
        ("ar", "تم إبلاغ شخص من الفريق", "اتصل بالرقم 19 (الشرطة)"),
        ("bm", "Jɛkulu mɔgɔ dɔ ladonniyara", "i ka 19 wele (polisi)"),
    ],
)
def test_after_an_emergency_the_person_is_told_now_and_then_that_someone_knows(
    client: TestClient, fake_rasa: FakeRasa, language: str, alerted: str, numbers: str
) -> None:
    """Someone was alerted, the numbers still hold; at most once per five minutes (a clock)."""
    fake_rasa.scripted["aidez-moi il me frappe"] = [
        {"kind": "emergency", "lang": language, "text": "19\n15", "handoff": "emergency"}
    ]
    start = dt.datetime.now(dt.UTC)
    minutes = [0]
    acks = client.app.state.service.turn.waiting.acks  # type: ignore[attr-defined]
    acks.clock = lambda: start + dt.timedelta(minutes=minutes[0])
    assert say(client, "aidez-moi il me frappe")["handoff"] is True
    assert say(client, "vous êtes là ?")["replies"] == []  # the answer just said it
    minutes[0] = 6
    [ack] = say(client, "allo ?")["replies"]
    assert alerted in ack["text"] and numbers in ack["text"] and "BOT" not in ack["text"]
    minutes[0] = 10
    assert say(client, "allo ??")["replies"] == []
    minutes[0] = 12
    assert len(say(client, "allo ???")["replies"]) == 1
