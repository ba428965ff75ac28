"""Telegram end to end: webhook or polling in, python-telegram-bot's calls out."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.telegram import SECRET_HEADER, WEBHOOK_PATH, set_webhook
from bot.config import Settings
from bot.web.app import create_app
from tests.bot.conftest import PUBLIC_URL
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
    assert sent["text"] == "Réponse à : papiers"
    assert sent["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Que faire", "callback_data": "/part_steps"}],
            [{"text": "Sources", "callback_data": "/part_sources"}],
            [{"text": "Droits au travail", "callback_data": "/worker_rights"}],
            [{"text": "Menu", "callback_data": "/greet"}],
            [
                {"text": "Utile ? Oui", "callback_data": "/useful_yes:work_permit"},
                {"text": "Utile ? Non", "callback_data": "/useful_no:work_permit"},
            ],
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


def test_rasas_own_commands_typed_or_forged_as_buttons_never_silence_the_chat(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    """Rasa answers its own /restart, /back, /session_start with nothing (as scripted here)."""
    for command in ("/restart", "/back", "/session_start", "restart", "back", "session_start"):
        fake_rasa.scripted[command] = []
    updates = [
        button_update(7, CHAT, "/restart"),
        button_update(8, CHAT, "/back@assistant_bot"),
        text_update(9, CHAT, "/session_start@assistant_bot"),
        text_update(10, CHAT, "au secours on me frappe"),
    ]
    for update in updates:
        before = len(fake_telegram.sent("sendMessage"))
        assert post_update(client, update) == 200
        fake_telegram.wait_for("sendMessage", before + 1)  # every one is answered
    assert [r["message"] for r in fake_rasa.requests] == [
        "restart",
        "back",
        "session_start",
        "au secours on me frappe",
    ]


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


def test_webhook_mode_without_a_secret_is_said_at_start_up(
    telegram_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """Every update is then refused: said once at start-up, not left to be found."""
    caplog.set_level(logging.ERROR)
    settings = dataclasses.replace(telegram_settings, telegram_webhook_secret="")
    with TestClient(create_app(settings)) as client:
        assert any("TELEGRAM_WEBHOOK_SECRET is not set" in r.getMessage() for r in caplog.records)
        assert post_update(client, text_update(50, CHAT, "papiers"), secret=None) == 403


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


def _in_group(update: dict) -> dict:
    update["message"]["chat"] = {"id": -100123, "type": "group", "title": "Migrants Rabat"}
    return update


@pytest.mark.parametrize(
    "update",
    [
        _in_group(text_update(20, CHAT, "/delete@assistant_bot")),
        {"update_id": 21, "edited_message": text_update(21, CHAT, "papiers")["message"]},
        {
            "update_id": 22,
            "channel_post": {
                "message_id": 1,
                "date": 1,
                "chat": {"id": -100999, "type": "channel", "title": "news"},
                "text": "papiers",
            },
        },
        {
            "update_id": 23,
            "message": {
                "message_id": 2,
                "date": 1,
                "chat": {"id": CHAT, "type": "private"},
                "new_chat_title": "renamed",
            },
        },
    ],
    ids=["group", "edited", "channel-post", "service-message"],
)
def test_only_new_messages_of_private_chats_are_answered(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa, update: dict
) -> None:
    assert post_update(client, update) == 200
    assert post_update(client, text_update(30, CHAT, "merci")) == 200
    fake_telegram.wait_for("sendMessage")
    assert [r["message"] for r in fake_rasa.requests] == ["merci"]
    assert {m["chat_id"] for m in fake_telegram.sent()} == {CHAT}


def test_a_button_pressed_in_a_group_is_ignored(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    update = button_update(31, CHAT, "/affirm")
    update["callback_query"]["message"]["chat"] = {"id": -100123, "type": "supergroup"}
    assert post_update(client, update) == 200
    assert post_update(client, text_update(32, CHAT, "merci")) == 200
    fake_telegram.wait_for("sendMessage")
    assert [r["message"] for r in fake_rasa.requests] == ["merci"]


# Shapes that Telegram's library reads without complaint but that are not
# messages of ours: a valid update with one field replaced by any JSON value.
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_FIELDS = [
    ("message", "text"),
    ("message", "caption"),
    ("message", "chat"),
    ("message", "from"),
    ("message", "date"),
    ("message", "message_id"),
    ("message", "voice"),
    ("message", "photo"),
    ("message", "document"),
    ("message", "location"),
]


def _mutated(field: tuple[str, str], value: object) -> dict:
    update = text_update(40, CHAT, "papiers")
    update[field[0]][field[1]] = value
    return update


@pytest.mark.parametrize(
    "update",
    [
        _mutated(("message", "text"), 5),
        _mutated(("message", "text"), ["papiers"]),
        _mutated(("message", "chat"), {"id": "abc", "type": "private"}),
        _mutated(("message", "caption"), {"a": 1}),
        {"update_id": 41, "callback_query": {"id": "x", "data": 7, "from": {"id": 1}}},
        [1, 2],
        "update",
    ],
)
def test_malformed_updates_are_refused_not_crashed_on(client: TestClient, update: object) -> None:
    assert post_update(client, update) in (200, 400)  # type: ignore[arg-type]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(field=st.sampled_from(_FIELDS), value=_json)
def test_no_update_makes_the_webhook_fail(
    client: TestClient, field: tuple[str, str], value: object
) -> None:
    assert post_update(client, _mutated(field, value)) in (200, 400)


EMERGENCY = {
    "kind": "emergency",
    "lang": "fr",
    "text": "Appelez maintenant : Police 19 - Protection civile 15\nDites où vous êtes.",
    "calls": [{"name": "Police", "phone": "19"}, {"name": "Protection civile", "phone": "15"}],
    "handoff": "emergency",
    "buttons": [{"title": "Que faire", "payload": "/part_steps"}],
}


def test_emergency_numbers_are_call_buttons_telegram_accepts(
    client: TestClient, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["au secours"] = [EMERGENCY]
    assert post_update(client, text_update(1, CHAT, "au secours")) == 200
    sent = fake_telegram.wait_for("sendMessage")[0]
    rows = sent["reply_markup"]["inline_keyboard"]
    # Telegram accepts only http(s) and tg:// links in a button (the fake refuses others).
    assert rows[0] == [{"text": "\U0001f4de Police 19", "url": f"{PUBLIC_URL}/call/19"}]
    assert rows[1][0]["url"] == f"{PUBLIC_URL}/call/15"
    lines = sent["text"].split("\n")
    assert len(lines) == 3 and "19" in lines[0] and "prévenue" in lines[2]
    page = client.get("/call/19")
    assert page.status_code == 200 and 'href="tel:19"' in page.text
    assert client.get("/call/19<script>").status_code == 404


def test_without_a_public_https_address_the_numbers_stay_in_the_text(
    telegram_settings: Settings, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["au secours"] = [EMERGENCY]
    plain = dataclasses.replace(telegram_settings, public_url="http://127.0.0.1:8000")
    with TestClient(create_app(plain)) as local:
        assert post_update(local, text_update(1, CHAT, "au secours")) == 200
        sent = fake_telegram.wait_for("sendMessage")[0]
    assert all("url" not in b for row in sent["reply_markup"]["inline_keyboard"] for b in row)
    assert "Police 19" in sent["text"]
