"""Faults survived: Rasa down, database down, channel APIs failing, floods."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError
from twilio.request_validator import RequestValidator

from bot.channels.telegram import SECRET_HEADER, WEBHOOK_PATH
from bot.config import Settings
from bot.web.app import create_app
from common.content import AnswerStore, TopicCatalog
from common.content.envelopes import emergency_envelope
from tests.bot.conftest import PUBLIC_URL
from tests.fakes.rasa import FakeRasa
from tests.fakes.telegram import FakeTelegram, text_update
from tests.fakes.twilio import AUTH_TOKEN, FakeTwilio


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def say(client: TestClient, text: str, sender: str = "s1", channel: str = "web") -> dict:
    body = {"sender": sender, "text": text, "channel": channel}
    response = client.post("/api/messages", json=body)
    assert response.status_code == 200
    return response.json()


def wait_for_updates(client: TestClient, sender: str, after: int, timeout: float = 15) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        updates = client.get("/api/messages/updates", params={"sender": sender, "after": after})
        if updates.json()["replies"]:
            return updates.json()
        time.sleep(0.1)
    raise AssertionError("no delayed answer")


def test_rasa_down_apologises_keeps_the_message_and_answers_when_back(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    say(client, "bonjour")
    fake_rasa.down = True
    reply = say(client, "papiers")
    assert len(reply["replies"]) == 1 and "papiers" not in reply["replies"][0]["text"]
    second = say(client, "travail")
    assert second["replies"] == []  # one apology is enough; this one waits too
    fake_rasa.down = False
    updates = wait_for_updates(client, "s1", second["cursor"])
    texts = [r["text"] for r in updates["replies"]]
    assert texts[0] == "Réponse à : papiers"
    # Both waiting messages are answered once, in order, by the outbox.
    deadline = time.monotonic() + 10
    while [r["message"] for r in fake_rasa.requests][-2:] != ["papiers", "travail"]:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert [r["message"] for r in fake_rasa.requests].count("papiers") == 1


def test_emergency_while_rasa_is_down_gets_the_numbers_from_the_gateway(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.down = True
    reply = say(client, "au secours la police m'a arrêté", sender="s2")
    expected = emergency_envelope(AnswerStore(), TopicCatalog.load(), "fr")
    assert reply["kinds"][0] == "emergency"
    text = reply["replies"][0]["text"]
    assert text.startswith(expected["text"])  # the same answer the actions send,
    assert text.count("\n") == 2  # then the line saying whether a person was alerted
    assert "19" in expected["text"]
    [urgent] = client.app.state.handoffs.queue()  # type: ignore[attr-defined]
    assert urgent.reason == "emergency"  # a person is alerted although the assistant is down
    # On SMS: one message, the sms line (numbers first) then whether a person was alerted.
    sms = say(client, "au secours la police m'a arrêté", sender="+212600000002", channel="sms")
    first = sms["replies"][0]["text"]
    assert first.startswith(expected["short"]) and len(first.split("\n")) <= 3
    assert "prévenue" in first.split("\n")[-1]
    assert not any("Que faire" in r["text"] for r in sms["replies"])


def take_database_down(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new database session of the app fails as if the server were down."""

    def broken() -> None:
        raise OperationalError("SELECT 1", {}, Exception("database is down"))

    monkeypatch.setattr(client.app.state.database, "session", broken)  # type: ignore[attr-defined]


def test_database_down_makes_twilio_retry(
    twilio_settings: Settings, fake_rasa: FakeRasa, monkeypatch: pytest.MonkeyPatch
) -> None:
    params = {"From": "+99900000001", "Body": "papiers", "MessageSid": "SMdb1"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        PUBLIC_URL + "/webhooks/twilio/sms", params
    )
    with TestClient(create_app(twilio_settings)) as client:
        take_database_down(client, monkeypatch)
        response = client.post(
            "/webhooks/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
        )
        assert response.status_code == 503
        monkeypatch.undo()
        response = client.post(
            "/webhooks/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
        )
        assert response.status_code == 200


def test_database_down_makes_telegram_retry(
    telegram_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(create_app(telegram_settings)) as client:
        take_database_down(client, monkeypatch)
        response = client.post(
            WEBHOOK_PATH, json=text_update(1, 7, "papiers"), headers={SECRET_HEADER: "s3cret-token"}
        )
        assert response.status_code == 503


DANGER = "au secours on me frappe"


def test_while_the_database_is_down_danger_in_the_web_chat_is_answered(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing can be stored, so the web chat said only 'not sent': not to a person in danger."""
    take_database_down(client, monkeypatch)
    reply = client.post("/api/messages", json={"sender": "db-down", "text": DANGER})
    assert reply.status_code == 200
    assert reply.json()["kinds"] == ["emergency"] and "19" in reply.json()["replies"][0]["text"]
    other = client.post("/api/messages", json={"sender": "db-down", "text": "papiers"})
    assert other.status_code == 503


def test_while_the_database_is_down_danger_on_the_webhooks_is_answered_and_retried(
    telegram_settings: Settings,
    twilio_settings: Settings,
    fake_telegram: FakeTelegram,
    fake_twilio: FakeTwilio,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = dataclasses.replace(
        telegram_settings,
        twilio_account_sid=twilio_settings.twilio_account_sid,
        twilio_auth_token=twilio_settings.twilio_auth_token,
        twilio_sms_from=twilio_settings.twilio_sms_from,
        twilio_api_base_url=twilio_settings.twilio_api_base_url,
    )
    params = {"From": "+99900000001", "Body": DANGER, "MessageSid": "SMdb2"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        PUBLIC_URL + "/webhooks/twilio/sms", params
    )
    with TestClient(create_app(settings)) as client:
        take_database_down(client, monkeypatch)
        telegram = client.post(
            WEBHOOK_PATH, json=text_update(2, 7, DANGER), headers={SECRET_HEADER: "s3cret-token"}
        )
        sms = client.post(
            "/webhooks/twilio/sms", data=params, headers={"X-Twilio-Signature": signature}
        )
        assert (telegram.status_code, sms.status_code) == (503, 503)  # sent again later
        assert "19" in fake_telegram.wait_for("sendMessage")[0]["text"]
        assert "19" in fake_twilio.wait_for(1)[0]["Body"]


def test_while_the_database_is_down_danger_on_telegram_polling_is_answered(
    telegram_settings: Settings, fake_telegram: FakeTelegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Polling cannot ask Telegram to send the update again: the numbers go at once."""
    settings = dataclasses.replace(telegram_settings, telegram_mode="polling", public_url="")
    with TestClient(create_app(settings)) as client:
        take_database_down(client, monkeypatch)
        fake_telegram.updates.append(text_update(3, 7, DANGER))
        assert "19" in fake_telegram.wait_for("sendMessage")[0]["text"]


def test_twilio_server_errors_are_retried_with_back_off(
    twilio_settings: Settings, fake_twilio: FakeTwilio, fake_rasa: FakeRasa
) -> None:
    fake_twilio.fail_with, fake_twilio.fail_times = 503, 2
    params = {"From": "+99900000002", "Body": "papiers", "MessageSid": "SMretry"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        PUBLIC_URL + "/webhooks/twilio/sms", params
    )
    with TestClient(create_app(twilio_settings)) as client:
        client.app.state.twilio.retry_base_delay = 0.01  # type: ignore[attr-defined]
        client.post("/webhooks/twilio/sms", data=params, headers={"X-Twilio-Signature": signature})
        sent = fake_twilio.wait_for(1)
    assert sent[0]["Body"].startswith("Court : papiers")
    assert fake_twilio.attempts >= 3


def test_telegram_429_is_retried(
    telegram_settings: Settings, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    fake_telegram.too_many_requests = 1
    with TestClient(create_app(telegram_settings)) as client:
        client.post(
            WEBHOOK_PATH, json=text_update(1, 8, "papiers"), headers={SECRET_HEADER: "s3cret-token"}
        )
        sent = fake_telegram.wait_for("sendMessage", timeout=15)
    assert sent[0]["text"] == "Réponse à : papiers"


def test_a_flood_from_one_sender_gets_a_polite_limit(client: TestClient) -> None:
    replies = [say(client, f"message {i}", sender="flood") for i in range(25)]
    limited = [r for r in replies if r["replies"] and "minute" in r["replies"][0]["text"]]
    assert len(limited) == 5
    assert say(client, "bonjour", sender="someone-else")["replies"]


def test_an_emergency_over_the_rate_limit_still_gets_the_numbers(client: TestClient) -> None:
    """A sender over the limit (a shared phone, a flood from one address) in danger."""
    for i in range(20):
        say(client, f"message {i}", sender="flood")
    reply = say(client, "au secours on me frappe", sender="flood")
    texts = [r["text"] for r in reply["replies"]]
    assert "minute" in texts[-1]  # still over the limit: the message is not queued
    assert "emergency" in reply["kinds"] and any("19" in t for t in texts[:-1])
