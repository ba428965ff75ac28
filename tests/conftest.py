"""Shared fixtures of the gateway tests (Python 3.11+ environment)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

try:
    from bot.config import Settings
    from tests.fakes.rasa import FakeRasa
    from tests.fakes.server import serving
except ImportError:  # the Rasa environment runs tests/actions only
    Settings = None  # type: ignore[assignment,misc]


if Settings is not None:

    @pytest.fixture
    def fake_rasa() -> Iterator[FakeRasa]:
        """A fake Rasa server on loopback; its URL is in ``fake_rasa.url``."""
        with serving(FakeRasa()) as fake:
            yield fake

    @pytest.fixture
    def settings(tmp_path: Path, fake_rasa: FakeRasa) -> Settings:
        """Settings for a gateway talking to the fake Rasa, with a fresh SQLite file."""
        return Settings(
            database_url=f"sqlite:///{tmp_path / 'gateway.db'}",
            rasa_url=fake_rasa.url,  # type: ignore[attr-defined]
            pseudonym_key="test-pseudonym-key",
            address_key=Fernet.generate_key().decode(),
            session_key="test-session-key",
            rasa_timeout=2.0,
            var_dir=tmp_path,
        )
