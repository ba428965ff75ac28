"""Property-based tests of parsing and rendering, and a short fuzz of every webhook."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from bot.channels.telegram import SECRET_HEADER, WEBHOOK_PATH
from bot.config import Settings
from bot.conversation.incoming import clean_text
from bot.replies.rendering import TELEGRAM_LIMIT, WHATSAPP_LIMIT, render
from bot.web.app import create_app
from common.sms_encoding import segments
from tests.bot.conftest import PUBLIC_URL
from tests.fakes.twilio import AUTH_TOKEN

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")
FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

envelopes = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(
            ["answer", "menu", "message", "emergency", "language_menu", "part"]
        ),
        "lang": st.sampled_from(["fr", "ar", "bm", None]),
        "text": st.text(max_size=6000),
        "short": st.one_of(st.none(), st.text(max_size=200)),
        "status_line": st.text(max_size=80),
        "buttons": st.lists(
            st.fixed_dictionaries({"title": st.text(max_size=80), "payload": st.text(max_size=80)}),
            max_size=6,
        ),
    }
)


@given(envelopes, st.integers(min_value=1, max_value=4))
def test_rendering_any_envelope_respects_each_channel(
    envelope: dict[str, Any], budget: int
) -> None:
    for channel in ("web", "telegram", "whatsapp", "sms"):
        rendered = render(envelope, channel, budget)
        for message in rendered.messages:
            if channel == "telegram":
                assert len(message.text) <= TELEGRAM_LIMIT
            if channel == "whatsapp":
                assert len(message.text) <= WHATSAPP_LIMIT
            if channel == "sms":
                assert segments(message.text) <= budget
            if channel in ("sms", "whatsapp"):
                assert not message.buttons
        assert all(segments(page) <= budget for page in rendered.pages)
        assert [c.number for c in rendered.menu] == list(range(1, len(rendered.menu) + 1))
        if channel != "sms":
            assert len(rendered.menu) == len(envelope["buttons"])


@given(st.text(), st.integers(min_value=1, max_value=3000))
def test_cleaned_text_has_no_hidden_characters_and_is_capped(text: str, cap: int) -> None:
    cleaned = clean_text(text, cap)
    assert len(cleaned) <= cap
    assert not BIDI & set(cleaned)
    assert all(c in "\n\t" or ord(c) >= 32 for c in cleaned if ord(c) < 0xA0 and ord(c) != 0x7F)


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {
            "sender": st.text(max_size=200),
            "text": st.text(max_size=300),
            "channel": st.sampled_from(["web", "sms", "whatsapp", "telegram", "fax", ""]),
        }
    ),
)


@FUZZ
@given(body=bodies)
def test_local_channel_never_fails_on_any_body(app_client: TestClient, body: Any) -> None:
    response = app_client.post("/api/messages", json=body)
    assert response.status_code in (200, 400, 413), response.text


@FUZZ
@given(body=json_values)
def test_telegram_webhook_never_fails_on_any_update(telegram_settings: Settings, body: Any) -> None:
    with TestClient(create_app(telegram_settings)) as client:
        response = client.post(WEBHOOK_PATH, json=body, headers={SECRET_HEADER: "s3cret-token"})
    assert response.status_code in (200, 400), response.text


@FUZZ
@given(
    form=st.dictionaries(
        st.sampled_from(
            [
                "From",
                "Body",
                "MessageSid",
                "NumMedia",
                "MediaUrl0",
                "MediaContentType0",
                "Latitude",
                "Longitude",
                "To",
                "Other",
            ]
        ),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
        max_size=8,
    )
)
def test_twilio_webhook_never_fails_on_any_signed_form(
    twilio_settings: Settings, form: dict[str, str]
) -> None:
    path = "/webhooks/twilio/whatsapp"
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + path, form)
    with TestClient(create_app(twilio_settings)) as client:
        response = client.post(path, data=form, headers={"X-Twilio-Signature": signature})
    assert response.status_code in (200, 400, 403), response.text


@pytest.mark.parametrize(
    "hidden",
    [
        "\u061c",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200e",
        "\u200f",
        "\u202e",
        "\ufeff",
        "\U000e0041",
        "\u2060",
        "\u180e",
        "\x00",
        "\ud800",
    ],
)
def test_every_hidden_or_unstorable_character_is_removed(hidden: str) -> None:
    assert clean_text(f"a{hidden}b", 100) == "ab"


def test_joiners_of_emoji_and_arabic_script_survive() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_text(family, 100) == family
    assert clean_text("a\u2028b", 100) == "a\nb"
