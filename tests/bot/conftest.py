"""Fake Telegram and Twilio servers on loopback, and settings pointing at them.

Only for the gateway's environment: the Rasa environment runs tests/bot/nlu
and lacks the gateway's libraries.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

PUBLIC_URL = "https://gateway.example.org"

try:
    from bot.config import Settings
    from tests.fakes.server import serving
    from tests.fakes.telegram import TOKEN, FakeTelegram
    from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio
except ImportError:  # Rasa's environment
    Settings = None  # type: ignore[assignment,misc]

if Settings is not None:

    @pytest.fixture
    def fake_telegram() -> Iterator[FakeTelegram]:
        with serving(FakeTelegram()) as fake:
            yield fake

    @pytest.fixture
    def fake_twilio() -> Iterator[FakeTwilio]:
        with serving(FakeTwilio()) as fake:
            yield fake

    @pytest.fixture
    def telegram_settings(settings: Settings, fake_telegram: FakeTelegram) -> Settings:
        return dataclasses.replace(
            settings,
            telegram_token=TOKEN,
            telegram_mode="webhook",
            telegram_webhook_secret="s3cret-token",
            telegram_base_url=fake_telegram.url + "/bot",  # type: ignore[attr-defined]
            public_url=PUBLIC_URL,
        )

    @pytest.fixture
    def twilio_settings(settings: Settings, fake_twilio: FakeTwilio) -> Settings:
        return dataclasses.replace(
            settings,
            twilio_account_sid=ACCOUNT_SID,
            twilio_auth_token=AUTH_TOKEN,
            twilio_sms_from="+99900000500",
            twilio_whatsapp_from="whatsapp:+99900000886",
            twilio_api_base_url=fake_twilio.url,  # type: ignore[attr-defined]
            public_url=PUBLIC_URL,
            sms_max_segments=1,
        )
