""" "Useful? Yes / No" under an answer: one vote per answer shown, nothing personal kept."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from bot.config import Settings
from bot.feedback.votes import vote_of
from bot.web.app import create_app
from tests.fakes.rasa import FakeRasa

SENDER = "s-feedback"


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def say(client: TestClient, words: str, channel: str = "web") -> dict[str, Any]:
    body = {"sender": SENDER, "text": words, "channel": channel}
    response = client.post("/api/messages", json=body)
    assert response.status_code == 200
    result: dict[str, Any] = response.json()
    return result


def votes(client: TestClient) -> list[tuple[Any, ...]]:
    database = client.app.state.database  # type: ignore[attr-defined]
    with database.engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text("SELECT * FROM feedback"))]


def test_vote_of_reads_only_our_buttons() -> None:
    assert vote_of("/useful_yes:work_permit") == ("work_permit", True)
    assert vote_of("/useful_no:asylum") == ("asylum", False)
    assert vote_of("/useful_maybe:asylum") is None
    assert vote_of("utile") is None


def test_a_vote_is_kept_once_without_the_user(client: TestClient, fake_rasa: FakeRasa) -> None:
    answer = say(client, "papiers")["replies"][0]
    titles = [b["title"] for b in answer["buttons"]]
    # After the answer's own choices: the parts and related topics take the first numbers.
    assert titles[-2:] == ["Utile ? Oui", "Utile ? Non"]
    asked = len(fake_rasa.requests)
    thanks = say(client, "/useful_yes:work_permit")
    assert thanks["replies"][0]["text"] == "Merci pour votre réponse."
    assert say(client, "/useful_yes:work_permit")["replies"] == []  # pressed twice: one vote
    assert len(fake_rasa.requests) == asked
    [row] = votes(client)
    user_id = client.app.state.service.user_id("local", SENDER)  # type: ignore[attr-defined]
    assert user_id not in " ".join(str(v) for v in row)
    database = client.app.state.database  # type: ignore[attr-defined]
    columns = {c["name"] for c in inspect(database.engine).get_columns("feedback")}
    assert columns == {"id", "topic", "language", "channel", "useful", "day"}


def test_on_sms_the_vote_is_a_number_after_the_answers_choices(client: TestClient) -> None:
    choices = say(client, "papiers", channel="sms")["replies"][1]["text"]
    # The fake answer offers 1 Que faire, 2 Sources, 3 Menu: the vote comes after.
    assert choices.endswith("\n4 Utile\n5 Pas utile")
    no = say(client, "5", channel="sms")["replies"][0]["text"]
    assert no.startswith("Merci. Écrivez votre question")
    [row] = votes(client)
    assert row[1:5] == ("work_permit", "fr", "sms", 0)


def test_a_vote_under_an_older_answer_is_not_counted(client: TestClient) -> None:
    say(client, "papiers")
    say(client, "autre chose")
    say(client, "/useful_no:other_topic")
    assert votes(client) == []


def test_erasure_leaves_the_anonymous_vote(client: TestClient, fake_rasa: FakeRasa) -> None:
    say(client, "papiers")
    say(client, "/useful_yes:work_permit")
    fake_rasa.scripted["/affirm"] = [
        {"kind": "deleted", "lang": "fr", "text": "effacé", "buttons": [], "delete_user_data": True}
    ]
    say(client, "/affirm")
    assert len(votes(client)) == 1
