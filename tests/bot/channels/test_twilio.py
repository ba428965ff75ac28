"""SMS and WhatsApp end to end: a signed Twilio webhook in, the Messages API out."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from twilio.request_validator import RequestValidator

from bot.channels.twilio_channel import NotDelivered
from bot.config import Settings
from bot.replies.rendering import OutMessage
from bot.web.app import create_app
from common.sms_encoding import segments
from tests.bot.conftest import PUBLIC_URL
from tests.fakes.rasa import FakeRasa
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio

PHONE = "+99900000011"


@pytest.fixture
def client(twilio_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(twilio_settings)) as test_client:
        yield test_client


def post(
    client: TestClient, channel: str, params: dict[str, str], signature: str | None = None
) -> int:
    path = f"/webhooks/twilio/{channel}"
    if signature is None:
        signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + path, params)
    response = client.post(path, data=params, headers={"X-Twilio-Signature": signature})
    if response.status_code == 200:
        assert response.headers["content-type"].startswith("text/xml")
        assert "<Response></Response>" in response.text
    return response.status_code


def sms(body: str, sid: str, sender: str = PHONE) -> dict[str, str]:
    return {
        "From": sender,
        "To": "+99900000500",
        "Body": body,
        "MessageSid": sid,
        "AccountSid": ACCOUNT_SID,
        "NumMedia": "0",
    }


def test_sms_is_answered_through_the_messages_api(
    client: TestClient, fake_twilio: FakeTwilio, fake_rasa: FakeRasa
) -> None:
    assert post(client, "sms", sms("papiers", "SM1")) == 200
    sent = fake_twilio.wait_for(1)
    assert sent[0]["To"] == PHONE
    assert sent[0]["From"] == "+99900000500"
    assert sent[0]["Body"].startswith("Court : papiers")
    assert fake_twilio.auth[0].startswith("Basic ")
    assert fake_rasa.requests[0]["metadata"]["channel"] == "sms"
    # Every SMS fits the budget of one segment set for this test.
    assert all(segments(m["Body"]) == 1 for m in fake_twilio.messages)


def test_whatsapp_uses_whatsapp_addresses_and_numbered_menus(
    client: TestClient, fake_twilio: FakeTwilio
) -> None:
    params = sms("papiers", "SM2", sender="whatsapp:" + PHONE)
    assert post(client, "whatsapp", params) == 200
    sent = fake_twilio.wait_for(1)[0]
    assert sent["To"] == "whatsapp:" + PHONE
    assert sent["From"] == "whatsapp:+99900000886"
    assert "Réponse à : papiers" in sent["Body"]
    assert "1. Que faire\n2. Sources\n3. Droits au travail\n4. Menu" in sent["Body"]


@pytest.mark.parametrize("signature", ["", "bm90IGEgc2lnbmF0dXJl"])
def test_missing_or_wrong_signature_is_refused(
    client: TestClient, fake_rasa: FakeRasa, fake_twilio: FakeTwilio, signature: str
) -> None:
    assert post(client, "sms", sms("papiers", "SM3"), signature) == 403
    assert fake_rasa.requests == [] and fake_twilio.messages == []


def test_signature_for_another_url_is_refused(client: TestClient, fake_rasa: FakeRasa) -> None:
    params = sms("papiers", "SM4")
    other = RequestValidator(AUTH_TOKEN).compute_signature("https://evil.example/x", params)
    assert post(client, "sms", params, other) == 403
    assert fake_rasa.requests == []


def test_missing_fields_are_refused(client: TestClient) -> None:
    params = {"Body": "papiers"}
    assert post(client, "sms", params) == 400


def test_duplicate_message_sid_is_answered_once(
    client: TestClient, fake_twilio: FakeTwilio, fake_rasa: FakeRasa
) -> None:
    post(client, "whatsapp", sms("papiers", "SM5", sender="whatsapp:" + PHONE))
    post(client, "whatsapp", sms("papiers", "SM5", sender="whatsapp:" + PHONE))
    post(client, "whatsapp", sms("merci", "SM6", sender="whatsapp:" + PHONE))
    fake_twilio.wait_for(2)
    assert [r["message"] for r in fake_rasa.requests] == ["papiers", "merci"]


def test_a_bare_number_picks_from_the_last_menu(
    client: TestClient, fake_twilio: FakeTwilio, fake_rasa: FakeRasa
) -> None:
    post(client, "whatsapp", sms("papiers", "SM7", sender="whatsapp:" + PHONE))
    fake_twilio.wait_for(1)
    post(client, "whatsapp", sms("3", "SM8", sender="whatsapp:" + PHONE))  # after two parts
    fake_twilio.wait_for(2)
    assert fake_rasa.requests[-1]["message"] == "/worker_rights"


def test_voice_note_on_whatsapp_gets_the_text_only_notice(
    client: TestClient, fake_twilio: FakeTwilio, fake_rasa: FakeRasa
) -> None:
    params = sms("", "SM9", sender="whatsapp:" + PHONE)
    params.update(
        NumMedia="1", MediaContentType0="audio/ogg", MediaUrl0="https://api.twilio.com/media/ME1"
    )
    post(client, "whatsapp", params)
    fake_twilio.wait_for(1)
    assert fake_rasa.requests[0]["message"] == "/greet"


def test_arabic_sms_is_split_within_the_ucs2_budget(
    client: TestClient, fake_twilio: FakeTwilio, fake_rasa: FakeRasa
) -> None:
    text = " ".join(["هذه جملة عن بطاقة الإقامة."] * 12)
    fake_rasa.scripted["long"] = [{"kind": "message", "lang": "ar", "text": text, "buttons": []}]
    post(client, "sms", sms("long", "SM10"))
    sent = fake_twilio.wait_for(3)
    assert all(segments(m["Body"]) == 1 for m in sent)
    arabic = [m["Body"] for m in sent if any("\u0600" <= c <= "\u06ff" for c in m["Body"])]
    assert arabic and all(len(body) <= 70 for body in arabic)


def test_without_credentials_twilio_is_off(settings: Settings) -> None:
    with TestClient(create_app(settings)) as client:
        assert client.post("/webhooks/twilio/sms", data={"Body": "x"}).status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {**sms("papiers", "SM20"), "SmsStatus": "delivered", "MessageStatus": "delivered"},
        {**sms("papiers", "SM21", sender="+99900000500"), "SmsStatus": "received"},
        sms("Votre code: 1234", "SM22", sender="MTNMaroc"),
        sms("papiers", "SM23", sender="whatsapp:" + PHONE),  # a WhatsApp address on the SMS URL
    ],
    ids=["status-callback", "our-own-number", "alphanumeric-sender", "wrong-channel"],
)
def test_only_messages_from_people_are_answered(
    client: TestClient, fake_rasa: FakeRasa, fake_twilio: FakeTwilio, params: dict[str, str]
) -> None:
    assert post(client, "sms", params) == 200
    assert post(client, "sms", sms("merci", "SM24")) == 200
    fake_twilio.wait_for(1)
    assert [r["message"] for r in fake_rasa.requests] == ["merci"]
    assert {m["To"] for m in fake_twilio.messages} == {PHONE}


@pytest.mark.parametrize("count", ["²", "١", "-1", "", "x"])
def test_an_odd_media_count_is_no_attachment_and_no_crash(
    client: TestClient, fake_rasa: FakeRasa, fake_twilio: FakeTwilio, count: str
) -> None:
    """A media count Python calls a digit but cannot read ("²") once raised a 500."""
    assert post(client, "sms", {**sms("papiers", "SM27"), "NumMedia": count}) == 200
    fake_twilio.wait_for(1)
    assert [r["message"] for r in fake_rasa.requests] == ["papiers"]


def test_a_signed_url_with_a_query_string_is_accepted(
    client: TestClient, fake_rasa: FakeRasa, fake_twilio: FakeTwilio
) -> None:
    path = "/webhooks/twilio/sms?site=rabat"
    params = sms("papiers", "SM25")
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + path, params)
    response = client.post(path, data=params, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200
    fake_twilio.wait_for(1)


def test_without_public_url_every_webhook_is_refused_and_the_log_says_why(
    twilio_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR)
    with TestClient(create_app(dataclasses.replace(twilio_settings, public_url=""))) as client:
        # Said at start-up, before any webhook comes in.
        assert any("PUBLIC_URL is not set" in r.getMessage() for r in caplog.records)
        caplog.clear()
        assert post(client, "sms", sms("papiers", "SM26")) == 403
    assert any("PUBLIC_URL is not set" in r.getMessage() for r in caplog.records)


def test_a_staff_message_twilio_refuses_is_reported_not_delivered(
    client: TestClient, fake_twilio: FakeTwilio
) -> None:
    """The staff sender raises when Twilio refuses, so the inbox records "not delivered"."""
    app = client.app
    send = app.state.twilio.sender("sms")  # type: ignore[attr-defined]
    fake_twilio.fail_with, fake_twilio.fail_times = 400, 1
    with pytest.raises(NotDelivered):
        client.portal.call(send, PHONE, OutMessage("Bonjour"))  # type: ignore[union-attr]
    client.portal.call(send, PHONE, OutMessage("Bonjour"))  # type: ignore[union-attr]
    assert [m["Body"] for m in fake_twilio.messages] == ["Bonjour"]
