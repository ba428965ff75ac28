"""Telegram end to end: webhook or polling in, python-telegram-bot's calls out."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bot.channels.telegram import SECRET_HEADER, WEBHOOK_PATH, set_webhook
from bot.config import Settings
from bot.web.app import create_app
from tests.fakes.rasa import FakeRasa
from tests.fakes.telegram import FakeTelegram, button_update, text_update, voice_update

CHAT = 5550001


@pytest.fixture
def client(telegram_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(telegram_settings)) as test_client:
        yield test_client


def post_update(client: TestClient, update: dict, secret: str | None = "s3cret-token") -> int:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    return client.post(WEBHOOK_PATH, json=update, headers=headers).status_code


def test_text_message_is_answered_with_an_inline_keyboard(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    assert post_update(client, text_update(1, CHAT, "papiers")) == 200
    sent = fake_telegram.wait_for("sendMessage")[0]
    assert sent["chat_id"] == CHAT
    assert sent["text"] == "Réponse complète à : papiers"
    assert sent["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Droits au travail", "callback_data": "/worker_rights"}],
            [{"text": "Menu", "callback_data": "/greet"}],
        ]
    }
    assert fake_rasa.requests[0]["metadata"]["channel"] == "telegram"
    assert fake_rasa.requests[0]["sender"] != str(CHAT)


@pytest.mark.parametrize("secret", [None, "", "wrong"])
def test_missing_or_wrong_secret_is_refused(
    client: TestClient, fake_rasa: FakeRasa, secret: str | None
) -> None:
    assert post_update(client, text_update(2, CHAT, "papiers"), secret) == 403
    assert fake_rasa.requests == []


def test_malformed_body_is_refused(client: TestClient) -> None:
    response = client.post(
        WEBHOOK_PATH, content=b"{not json", headers={SECRET_HEADER: "s3cret-token"}
    )
    assert response.status_code == 400


def test_duplicate_update_is_answered_once(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    post_update(client, text_update(3, CHAT, "papiers"))
    post_update(client, text_update(3, CHAT, "papiers"))
    post_update(client, text_update(4, CHAT, "merci"))
    fake_telegram.wait_for("sendMessage", 2)
    assert [r["message"] for r in fake_rasa.requests] == ["papiers", "merci"]


def test_button_press_sends_its_payload(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    post_update(client, button_update(5, CHAT, "/worker_rights"))
    fake_telegram.wait_for("sendMessage")
    assert fake_telegram.sent("answerCallbackQuery")[0]["callback_query_id"] == "cb5"
    assert fake_rasa.requests[0]["message"] == "/worker_rights"


def test_start_command_shows_the_menu(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    post_update(client, text_update(6, CHAT, "/start"))
    fake_telegram.wait_for("sendMessage")
    assert fake_rasa.requests[0]["message"] == "/greet"


def test_voice_note_gets_the_text_only_notice(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["/greet"] = [
        {
            "kind": "menu",
            "lang": "fr",
            "text": "menu",
            "buttons": [{"title": "Travail", "payload": '/choose_theme{"theme":"work"}'}],
        }
    ]
    post_update(client, voice_update(7, CHAT))
    sent = fake_telegram.wait_for("sendMessage")[0]
    assert sent["text"] != "menu"
    assert sent["reply_markup"]["inline_keyboard"]


def test_long_answer_is_split_under_4096_characters(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    long_text = "\n\n".join(f"Paragraphe {i}. " + "mot " * 400 for i in range(5))
    fake_rasa.scripted["long"] = [
        {
            "kind": "answer",
            "lang": "fr",
            "text": long_text,
            "buttons": [{"title": "Menu", "payload": "/greet"}],
        }
    ]
    post_update(client, text_update(8, CHAT, "long"))
    sent = fake_telegram.wait_for("sendMessage", 3)[:-1]  # the answer; then the privacy notice
    assert len(sent) >= 2
    assert all(len(s["text"]) <= 4096 for s in sent)
    assert "reply_markup" in sent[-1] and "reply_markup" not in sent[0]


def test_polling_mode_answers_without_a_public_url(
    telegram_settings: Settings, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    settings = dataclasses.replace(telegram_settings, telegram_mode="polling", public_url="")
    fake_telegram.updates.append(text_update(20, CHAT, "bonjour"))
    with TestClient(create_app(settings)) as client:
        sent = fake_telegram.wait_for("sendMessage")[0]
        assert sent["chat_id"] == CHAT
        assert client.post(WEBHOOK_PATH, json={}).status_code == 404


def test_set_webhook_registers_the_public_url_with_the_secret(
    telegram_settings: Settings, fake_telegram: FakeTelegram
) -> None:
    assert asyncio.run(set_webhook(telegram_settings))
    [params] = fake_telegram.sent("setWebhook")
    assert params["url"] == "https://gateway.example.org/webhooks/telegram"
    assert params["secret_token"] == "s3cret-token"


def test_without_a_token_telegram_is_off(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.post(WEBHOOK_PATH, json={}).status_code == 404
