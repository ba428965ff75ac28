"""Voice notes and images in the inbox, fetched from Telegram and Twilio; staff alerts."""

from __future__ import annotations

import dataclasses
import re
import time
from typing import Any

from fastapi.testclient import TestClient

from bot.channels.telegram import SECRET_HEADER, WEBHOOK_PATH
from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.web.app import create_app
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
        transcript = client.app.state.service.transcript(user_id)  # type: ignore[attr-defined]
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
        image = next(m for m in service.transcript(user_id) if m.kind == "image")
        assert image.media_ref == url
        login(client)
        media = client.get(f"/inbox/media/{image.id}")
        assert media.status_code == 200 and media.content == IMAGE_BYTES
        assert fake_twilio.auth[-1].startswith("Basic ")


def test_media_outside_twilio_is_never_fetched(
    twilio_settings: Settings, fake_twilio: FakeTwilio
) -> None:
    import asyncio

    from bot.channels.twilio_channel import TwilioChannel

    channel = TwilioChannel(twilio_settings, service=None)  # type: ignore[arg-type]
    try:
        asyncio.run(channel.fetch_media("http://169.254.169.254/latest/meta-data"))
    except ValueError:
        pass
    else:
        raise AssertionError("fetched a URL outside the Twilio API")
