"""The local channel API and the web chat page."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.web.app import create_app
from tests.fakes.rasa import FakeRasa


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_replies_are_rendered_for_the_requested_channel(client: TestClient) -> None:
    response = client.post(
        "/api/messages", json={"sender": "s1", "text": "papiers", "channel": "sms"}
    )
    assert response.status_code == 200
    data = response.json()
    # The core alone, its date and choices, then the privacy notice (first message).
    message, choices, notice = data["replies"]
    assert "/privacy" in notice["text"]
    assert message["text"] == "Court : papiers"
    assert choices["text"].startswith("Non vérifié, 30/11/26\n1 Que faire\n2 Sources\n3 Menu")
    assert message["buttons"] == []
    assert message["sms"] == {"encoding": "GSM-7", "segments": 1}


def test_web_channel_keeps_buttons(client: TestClient) -> None:
    data = client.post("/api/messages", json={"sender": "s1", "text": "x"}).json()
    assert data["replies"][0]["buttons"][0] == {
        "number": 1,
        "title": "Que faire",
        "payload": "/part_steps",
    }
    assert data["replies"][0]["buttons"][2]["payload"] == "/worker_rights"


@pytest.mark.parametrize(
    "text", ["", "😀😀😀", "a" * 5000, "ثم je veux papiers ɛɔ 123", "7", "\u202eevil\u202c"]
)
def test_bad_input_gets_an_answer_not_a_crash(
    client: TestClient, fake_rasa: FakeRasa, text: str
) -> None:
    response = client.post("/api/messages", json={"sender": "s2", "text": text})
    assert response.status_code == 200
    assert response.json()["replies"]
    if fake_rasa.requests:
        assert len(fake_rasa.requests[-1]["message"]) <= 2000
        assert "\u202e" not in fake_rasa.requests[-1]["message"]


@pytest.mark.parametrize(
    "body",
    [b"not json", b'{"text": "no sender"}', b'{"sender": "s", "channel": "fax"}', b"[]"],
)
def test_malformed_bodies_get_400(client: TestClient, body: bytes) -> None:
    response = client.post(
        "/api/messages", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400


def test_oversized_body_gets_413(client: TestClient) -> None:
    response = client.post(
        "/api/messages",
        content=b'{"sender": "s", "text": "' + b"a" * 70_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413


@pytest.mark.parametrize("after", ["99999999999999999999999", "2147483648", "-1", "x"])
def test_an_out_of_range_cursor_is_refused_not_a_crash(client: TestClient, after: str) -> None:
    """An integer past the database's range once crashed the query (500)."""
    response = client.get("/api/messages/updates", params={"sender": "s1", "after": after})
    assert response.status_code == 400


def test_chat_page_and_openapi(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'id="composer"' in page.text
    schema = client.get("/openapi.json").json()
    assert "/api/messages" in schema["paths"]


def test_readiness_follows_rasa(client: TestClient, fake_rasa: FakeRasa) -> None:
    assert client.get("/readyz").status_code == 200
    fake_rasa.down = True
    assert client.get("/readyz").status_code == 503


def test_the_switch_turns_the_chat_and_its_api_off(settings: Settings) -> None:
    with TestClient(create_app(dataclasses.replace(settings, local_channel=False))) as client:
        assert client.get("/").status_code == 404
        assert client.post("/api/messages", json={"sender": "s", "text": "x"}).status_code == 404
        assert client.get("/healthz").status_code == 200


def test_rotating_senders_from_one_address_is_limited(
    settings: Settings, fake_rasa: FakeRasa
) -> None:
    with TestClient(create_app(dataclasses.replace(settings, rate_limit_per_minute=2))) as client:
        statuses = [
            client.post("/api/messages", json={"sender": f"s{i}", "text": "x"}).json()
            for i in range(12)
        ]
    assert len(fake_rasa.requests) == 10  # five times the per-sender limit, for the address
    assert statuses[-1]["replies"] and not statuses[-1]["handoff"]


def test_rotating_ipv6_addresses_of_one_64_is_limited_like_one_address(
    settings: Settings, fake_rasa: FakeRasa
) -> None:
    """A /64 is one subscriber's: a new address per message gave each one a limit of its own."""
    behind_proxy = dataclasses.replace(settings, rate_limit_per_minute=2, trusted_proxies="*")
    with TestClient(create_app(behind_proxy)) as client:
        for i in range(12):
            client.post(
                "/api/messages",
                json={"sender": f"v6-{i}", "text": "x"},
                headers={"X-Forwarded-For": f"2001:db8:0:7::{i + 1:x}"},
            )
    assert len(fake_rasa.requests) == 10  # five times the per-sender limit, for the /64


def test_a_flood_of_handoff_requests_cannot_bury_the_queue(
    settings: Settings, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["une personne"] = [
        {"kind": "handoff", "lang": "fr", "text": "x", "buttons": [], "handoff": "request"}
    ]
    capped = dataclasses.replace(settings, local_handoffs_per_minute=3)
    with TestClient(create_app(capped)) as client:
        replies = [
            client.post(
                "/api/messages", json={"sender": f"flood{i}", "text": "une personne"}
            ).json()
            for i in range(6)
        ]
        queue = client.app.state.handoffs.queue()  # type: ignore[attr-defined]
    assert len(queue) == 3
    assert [r["handoff"] for r in replies] == [True] * 3 + [False] * 3
    assert "19" in replies[-1]["replies"][0]["text"]
