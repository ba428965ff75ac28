"""The emergency answer in a reply: three lines, told once, never with the privacy notice."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.conversation.emergency import single_emergency, with_alert
from bot.handoff.hours import OfficeHours
from bot.web.app import create_app
from common.envelope import ANSWER, EMERGENCY, Envelope, envelope
from tests.fakes.rasa import FakeRasa

HOURS = OfficeHours.parse("mon-fri 09:00-17:00")
TUESDAY_NOON = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
SATURDAY_NIGHT = dt.datetime(2026, 12, 5, 23, 0, tzinfo=dt.UTC)

EMERGENCY_ENVELOPE: dict[str, Any] = {
    "kind": "emergency",
    "lang": "fr",
    "text": "Appelez maintenant : Police 19 - Protection civile 15\nDites où vous êtes.",
    "short": "Appelez maintenant : Police 19 - Protection civile 15\nDites où vous êtes.",
    "parts": [{"key": "steps", "title": "Que faire", "text": "Tout le détail de l'urgence."}],
    "calls": [{"name": "Police", "phone": "19"}, {"name": "Protection civile", "phone": "15"}],
    "handoff": "emergency",
    "buttons": [{"title": "Que faire", "payload": "/part_steps"}],
}
RISKY_ANSWER: dict[str, Any] = {
    "kind": "answer",
    "lang": "fr",
    "text": "Contrôle de police\n\nLIGNE DE RISQUE\n\nVos droits lors d'un contrôle.",
    "risk_line": "LIGNE DE RISQUE",
    "topic": "regularization_overview",
    "buttons": [],
}


def emergency() -> Envelope:
    return envelope(EMERGENCY, "fr", "un\ndeux", [])


def test_the_emergency_is_told_once_and_first() -> None:
    answer = envelope(ANSWER, "fr", "Titre\n\nLIGNE\n\nTexte", [], risk_line="LIGNE")
    reply = single_emergency([answer, emergency(), emergency()])
    assert [e["kind"] for e in reply] == [EMERGENCY, ANSWER]
    assert reply[1]["text"] == "Titre\n\nTexte" and "risk_line" not in reply[1]


def test_without_emergency_the_risk_line_stays() -> None:
    answer = envelope(ANSWER, "fr", "Titre\n\nLIGNE\n\nTexte", [], risk_line="LIGNE")
    assert single_emergency([answer]) == [answer]


def test_third_line_in_and_out_of_office_hours() -> None:
    [during] = with_alert([emergency()], HOURS, "fr", now=TUESDAY_NOON)
    [night] = with_alert([emergency()], HOURS, "fr", now=SATURDAY_NIGHT)
    [busy] = with_alert([emergency()], HOURS, "fr", accepted=False, now=TUESDAY_NOON)
    assert during["text"].split("\n")[2].endswith("bientôt.")
    assert night["text"].split("\n")[2].endswith("à partir de lundi 09:00.")
    assert "numéros" in busy["text"].split("\n")[2]
    [arabic] = with_alert([emergency()], HOURS, "ar", now=SATURDAY_NIGHT)
    assert "الاثنين 09:00" in arabic["text"]


@pytest.fixture
def client(settings: Settings, fake_rasa: FakeRasa) -> Iterator[TestClient]:
    fake_rasa.scripted["au secours la police me frappe"] = [
        EMERGENCY_ENVELOPE,
        RISKY_ANSWER,
        EMERGENCY_ENVELOPE,
    ]
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def say(client: TestClient, text: str, channel: str = "web") -> dict[str, Any]:
    body = {"sender": "s-emergency", "text": text, "channel": channel}
    response = client.post("/api/messages", json=body)
    assert response.status_code == 200
    result: dict[str, Any] = response.json()
    return result


def test_first_message_is_three_lines_with_tappable_numbers(client: TestClient) -> None:
    data = say(client, "au secours la police me frappe")
    first = data["replies"][0]
    lines = first["text"].split("\n")
    assert len(lines) == 3
    assert lines[2].startswith("Une personne de l'équipe a été prévenue")
    assert first["calls"][0] == {"name": "Police", "phone": "19", "tel": "tel:19"}
    assert data["handoff"] is True
    # Told once: one emergency answer, no risk line, no second "call the police".
    assert data["kinds"].count("emergency") == 1
    everything = "\n".join(r["text"] for r in data["replies"])
    assert "LIGNE DE RISQUE" not in everything and everything.count("19") == 1


def test_no_privacy_notice_after_the_emergency_but_at_the_next_reply(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    data = say(client, "au secours la police me frappe")
    assert "privacy" not in data["kinds"]
    assert all("/privacy" not in r["text"] for r in data["replies"])
    # The person is alerted; once the team hands back, the notice comes with the next reply.
    handoffs = client.app.state.handoffs  # type: ignore[attr-defined]
    [item] = handoffs.queue()
    asyncio.run(handoffs.close(item.id, None))
    later = say(client, "papiers")
    assert "privacy" in later["kinds"]
    assert "privacy" not in say(client, "travail")["kinds"]


def test_on_sms_the_emergency_is_one_message_numbers_first(client: TestClient) -> None:
    data = say(client, "au secours la police me frappe", channel="sms")
    first = data["replies"][0]
    assert first["calls"] == [] and first["text"].startswith("Appelez maintenant : Police 19")
    lines = first["text"].split("\n")
    assert len(lines) <= 3 and lines[-1].startswith("Une personne de l'équipe a été prévenue")
    assert "Que faire" not in first["text"]  # no choices under it: as short as can be
    # A person is awaited, yet the parts of the answer come on request.
    part = say(client, "1", channel="sms")
    assert "Tout le détail de l'urgence." in part["replies"][0]["text"]
