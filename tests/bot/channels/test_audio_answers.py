"""Recorded audio answers go with the text on Telegram and WhatsApp, never by SMS."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from bot.channels.telegram import SECRET_HEADER, WEBHOOK_PATH
from bot.config import Settings
from bot.web.app import create_app
from common.content.paths import ROOT
from tests.bot.conftest import PUBLIC_URL
from tests.fakes.rasa import FakeRasa
from tests.fakes.telegram import FakeTelegram, text_update
from tests.fakes.twilio import AUTH_TOKEN, FakeTwilio

AUDIO = b"OggS-recorded-bambara-answer"
ANSWER = [
    {
        "kind": "answer",
        "lang": "bm",
        "text": "Jaabi",
        "short": "Jaabi kunkurunnin",
        "buttons": [],
        "audio": "audio/voluntary_return-bm.ogg",
    }
]


@pytest.fixture(autouse=True)
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    (folder / "audio").mkdir(exist_ok=True)
    (folder / "audio" / "voluntary_return-bm.ogg").write_bytes(AUDIO)
    monkeypatch.setenv("CONTENT_DIR", str(folder))
    return folder


def test_telegram_sends_the_audio_then_the_text(
    telegram_settings: Settings, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["segin"] = ANSWER
    with TestClient(create_app(telegram_settings)) as client:
        client.post(
            WEBHOOK_PATH, json=text_update(1, 9, "segin"), headers={SECRET_HEADER: "s3cret-token"}
        )
        fake_telegram.wait_for("sendMessage")
    [audio] = fake_telegram.sent("sendAudio")
    assert audio["audio"] == AUDIO
    assert fake_telegram.sent("sendMessage")[0]["text"] == "Jaabi"


@pytest.mark.parametrize(
    "reference", ["../../../etc/passwd", "/etc/hostname", "audio/../answers/asylum.yml"]
)
def test_telegram_never_sends_a_file_outside_the_audio_folder(
    telegram_settings: Settings,
    fake_telegram: FakeTelegram,
    fake_rasa: FakeRasa,
    content: Path,
    reference: str,
) -> None:
    """An answer file's ``audio:`` once sent any file of the server to the user."""
    fake_rasa.scripted["segin"] = [{**ANSWER[0], "audio": reference}]
    with TestClient(create_app(telegram_settings)) as client:
        client.post(
            WEBHOOK_PATH, json=text_update(1, 9, "segin"), headers={SECRET_HEADER: "s3cret-token"}
        )
        fake_telegram.wait_for("sendMessage")
    assert fake_telegram.sent("sendAudio") == []
    assert fake_telegram.sent("sendMessage")[0]["text"] == "Jaabi"


def say_on_twilio(client: TestClient, channel: str, sender: str, sid: str) -> None:
    """``sender`` writes "segin" on Twilio's ``channel`` (whatsapp or sms), signed by Twilio."""
    path = f"/webhooks/twilio/{channel}"
    params = {"From": sender, "Body": "segin", "MessageSid": sid}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + path, params)
    client.post(path, data=params, headers={"X-Twilio-Signature": signature})


def test_whatsapp_sends_the_audio_link_and_sms_only_text(
    twilio_settings: Settings, fake_twilio: FakeTwilio, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["segin"] = ANSWER
    with TestClient(create_app(twilio_settings)) as client:
        say_on_twilio(client, "whatsapp", "whatsapp:+99900000100", "SMa1")
        fake_twilio.wait_for(1)
        say_on_twilio(client, "sms", "+99900000101", "SMa2")
        sent = fake_twilio.wait_for(3)
        served = client.get("/content-audio/voluntary_return-bm.ogg")
    whatsapp = [m for m in sent if m["To"].startswith("whatsapp:")]
    sms = [m for m in sent if not m["To"].startswith("whatsapp:")]
    assert whatsapp[0]["MediaUrl"] == PUBLIC_URL + "/content-audio/voluntary_return-bm.ogg"
    assert all("MediaUrl" not in m for m in sms)
    assert served.content == AUDIO


@pytest.mark.parametrize("reference", ["audio/../answers/asylum.yml", "audio/missing-bm.ogg"])
def test_whatsapp_links_only_a_recorded_answer_of_the_audio_folder(
    twilio_settings: Settings, fake_twilio: FakeTwilio, fake_rasa: FakeRasa, reference: str
) -> None:
    """A link /content-audio cannot serve would fail Twilio's fetch, and the text with it."""
    fake_rasa.scripted["segin"] = [{**ANSWER[0], "audio": reference}]
    with TestClient(create_app(twilio_settings)) as client:
        say_on_twilio(client, "whatsapp", "whatsapp:+99900000102", "SMa3")
        [sent, *_rest] = fake_twilio.wait_for(1)
    assert sent["Body"] == "Jaabi" and "MediaUrl" not in sent
