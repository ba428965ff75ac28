"""Voice notes and images in the inbox, fetched from Telegram and Twilio; staff alerts."""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.channels.telegram import SECRET_HEADER, WEBHOOK_PATH
from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.web.app import create_app
from tests.bot.web.inbox_client import ask_for_a_person
from tests.bot.web.inbox_client import login as inbox_login
from tests.fakes.rasa import FakeRasa
from tests.fakes.telegram import VOICE_BYTES, FakeTelegram, text_update, voice_update
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, IMAGE_BYTES, FakeTwilio

PASSWORD = "a-long-password"
HANDOFF = [{"kind": "handoff", "lang": "fr", "text": "x", "buttons": [], "handoff": "request"}]


def login(client: TestClient) -> None:
    add_staff(client.app.state.database, "agent", PASSWORD, "agent", "Awa")  # type: ignore[attr-defined]
    page = client.get("/inbox/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    client.post(
        "/inbox/login", data={"username": "agent", "password": PASSWORD, "csrf_token": token}
    )


def wait_for_voice(client: TestClient, user_id: str) -> Any:
    """The voice note in the transcript (Telegram updates are processed async)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        transcript = client.app.state.service.records.transcript(user_id)  # type: ignore[attr-defined]
        voices = [m for m in transcript if m.kind == "voice"]
        if voices:
            return voices[0]
        time.sleep(0.05)
    raise AssertionError("the voice note was not recorded")


def test_telegram_voice_note_is_playable_and_staff_group_is_told(
    telegram_settings: Settings, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    settings = dataclasses.replace(telegram_settings, telegram_staff_chat_id="-100777")
    fake_rasa.scripted["une personne svp"] = HANDOFF
    with TestClient(create_app(settings), base_url="https://testserver") as client:
        headers = {SECRET_HEADER: "s3cret-token"}
        client.post(WEBHOOK_PATH, json=text_update(1, 42, "une personne svp"), headers=headers)
        fake_telegram.wait_for("sendMessage", 2)  # the notice to the user, the staff alert
        alerts = [m for m in fake_telegram.sent() if m["chat_id"] == -100777]
        assert len(alerts) == 1 and "42" not in alerts[0]["text"]

        client.post(WEBHOOK_PATH, json=voice_update(2, 42), headers=headers)
        handoffs = client.app.state.handoffs  # type: ignore[attr-defined]
        user_id = handoffs.get(handoffs.queue()[0].id).user_id
        voice = wait_for_voice(client, user_id)
        login(client)
        page = client.get(f"/inbox/c/{handoffs.queue()[0].id}").text
        assert f'src="/inbox/media/{voice.id}"' in page
        media = client.get(f"/inbox/media/{voice.id}")
        assert media.status_code == 200 and media.content == VOICE_BYTES


def test_whatsapp_image_is_fetched_with_twilio_credentials(
    twilio_settings: Settings, fake_twilio: FakeTwilio, fake_rasa: FakeRasa
) -> None:
    from twilio.request_validator import RequestValidator

    from tests.bot.conftest import PUBLIC_URL

    with TestClient(create_app(twilio_settings), base_url="https://testserver") as client:
        url = fake_twilio.url + f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/MM1/Media/ME1"  # type: ignore[attr-defined]
        params = {
            "From": "whatsapp:+99900000009",
            "Body": "",
            "MessageSid": "MM1",
            "NumMedia": "1",
            "MediaContentType0": "image/jpeg",
            "MediaUrl0": url,
        }
        signature = RequestValidator(AUTH_TOKEN).compute_signature(
            PUBLIC_URL + "/webhooks/twilio/whatsapp", params
        )
        client.post(
            "/webhooks/twilio/whatsapp", data=params, headers={"X-Twilio-Signature": signature}
        )
        fake_twilio.wait_for(1)
        service = client.app.state.service  # type: ignore[attr-defined]
        user_id = service.user_id("whatsapp", "whatsapp:+99900000009")
        image = next(m for m in service.records.transcript(user_id) if m.kind == "image")
        assert image.media_ref == url
        handoffs = client.app.state.handoffs  # type: ignore[attr-defined]
        asyncio.run(handoffs.open(user_id, "request", None, "fr", "whatsapp"))
        login(client)
        media = client.get(f"/inbox/media/{image.id}")
        assert media.status_code == 200 and media.content == IMAGE_BYTES
        assert fake_twilio.auth[-1].startswith("Basic ")


def test_media_outside_twilio_is_never_fetched(
    twilio_settings: Settings, fake_twilio: FakeTwilio
) -> None:
    from bot.channels.twilio_channel import TwilioChannel

    channel = TwilioChannel(twilio_settings, service=None)  # type: ignore[arg-type]
    try:
        asyncio.run(channel.fetch_media("http://169.254.169.254/latest/meta-data"))
    except ValueError:
        pass
    else:
        raise AssertionError("fetched a URL outside the Twilio API")


# -- who may fetch which attachment, and how it is served ------------------------------


def add_media(client: TestClient, user_id: str, kind: str, reference: str) -> int:
    """A message with an attachment from ``user_id`` (as a channel would record it)."""
    from bot.storage.models import Message

    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        message = Message(
            user_id=user_id, direction="in", author="user", kind=kind, media_ref=reference
        )
        session.add(message)
        session.commit()
        return message.id


@pytest.fixture
def attachments(app_client: TestClient) -> dict[str, tuple[bytes, str]]:
    """Media the local channel "fetches": reference -> (bytes, the type the channel gave)."""
    files: dict[str, tuple[bytes, str]] = {}

    async def fetch(reference: str) -> tuple[bytes, str]:
        return files[reference]

    app_client.app.state.outbound.register_media("local", fetch)  # type: ignore[attr-defined]
    return files


def web_user(client: TestClient, sender: str = "web-1") -> str:
    return client.app.state.service.user_id("local", sender)  # type: ignore[attr-defined,no-any-return]


def served_to_an_agent(
    client: TestClient,
    fake_rasa: FakeRasa,
    attachments: dict[str, tuple[bytes, str]],
    kind: str,
    media: tuple[bytes, str],
) -> Any:
    """What an agent gets for an attachment of a user waiting for a person."""
    ask_for_a_person(client, fake_rasa)
    attachments["media"] = media
    message_id = add_media(client, web_user(client), kind, "media")
    inbox_login(client, "agent")
    return client.get(f"/inbox/media/{message_id}")


def test_an_html_attachment_is_downloaded_never_shown(
    app_client: TestClient, fake_rasa: FakeRasa, attachments: dict[str, tuple[bytes, str]]
) -> None:
    """A "document" with a script must not run with the agent's session."""
    script = b"<script>fetch('/inbox/queue.json')</script>"
    response = served_to_an_agent(
        app_client, fake_rasa, attachments, "document", (script, "text/html")
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    "declared", ["image/svg+xml", "IMAGE/SVG+XML; charset=utf-8", "application/pdf", ""]
)
def test_other_types_are_downloaded(
    app_client: TestClient,
    fake_rasa: FakeRasa,
    attachments: dict[str, tuple[bytes, str]],
    declared: str,
) -> None:
    svg = b"<svg onload='alert(1)'/>"
    response = served_to_an_agent(app_client, fake_rasa, attachments, "image", (svg, declared))
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["content-type"] == "application/octet-stream"


@pytest.mark.parametrize(
    ("declared", "served"),
    [
        ("audio/ogg; codecs=opus", "audio/ogg"),
        ("image/jpeg", "image/jpeg"),
        ("audio/mpeg", "audio/mpeg"),
    ],
)
def test_voice_notes_and_photos_play_in_the_page(
    app_client: TestClient,
    fake_rasa: FakeRasa,
    attachments: dict[str, tuple[bytes, str]],
    declared: str,
    served: str,
) -> None:
    response = served_to_an_agent(app_client, fake_rasa, attachments, "voice", (b"OggS", declared))
    assert response.headers["content-type"] == served
    assert "content-disposition" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"


def test_media_of_a_user_who_never_asked_for_a_person_is_refused(
    app_client: TestClient, attachments: dict[str, tuple[bytes, str]]
) -> None:
    app_client.post("/api/messages", json={"sender": "web-9", "text": "bonjour"})
    attachments["photo"] = (IMAGE_BYTES, "image/jpeg")
    message_id = add_media(app_client, web_user(app_client, "web-9"), "image", "photo")
    inbox_login(app_client, "boss")
    assert app_client.get(f"/inbox/media/{message_id}").status_code == 404


def test_a_closed_conversation_is_for_its_agent_and_admins_up_to_the_close(
    app_client: TestClient, fake_rasa: FakeRasa, attachments: dict[str, tuple[bytes, str]]
) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    attachments["before"] = (IMAGE_BYTES, "image/jpeg")
    attachments["after"] = (IMAGE_BYTES, "image/jpeg")
    before = add_media(app_client, web_user(app_client), "image", "before")
    csrf = inbox_login(app_client, "agent")
    app_client.post(f"/inbox/c/{handoff_id}/claim", data={"csrf_token": csrf})
    app_client.post(f"/inbox/c/{handoff_id}/close", data={"csrf_token": csrf})
    app_client.post("/api/messages", json={"sender": "web-1", "text": "merci, autre chose"})
    after = add_media(app_client, web_user(app_client), "image", "after")

    page = app_client.get(f"/inbox/c/{handoff_id}").text
    assert "je veux une personne" in page and "autre chose" not in page
    assert app_client.get(f"/inbox/media/{before}").status_code == 200
    assert app_client.get(f"/inbox/media/{after}").status_code == 404
    transcript = app_client.get(f"/inbox/c/{handoff_id}/messages.json").json()["messages"]
    assert after not in [m["id"] for m in transcript]

    app_client.cookies.clear()
    inbox_login(app_client, "agent2")
    assert app_client.get(f"/inbox/c/{handoff_id}").status_code == 404
    assert app_client.get(f"/inbox/media/{before}").status_code == 404

    app_client.cookies.clear()
    inbox_login(app_client, "boss")
    assert app_client.get(f"/inbox/c/{handoff_id}").status_code == 200
    assert app_client.get(f"/inbox/media/{before}").status_code == 200
    assert app_client.get(f"/inbox/media/{after}").status_code == 404
