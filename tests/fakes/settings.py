"""Gateway settings for tests: a fresh SQLite file in a folder, a (fake) Rasa's address."""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet

from bot.config import Settings


def gateway_settings(folder: Path, rasa_url: str) -> Settings:
    """Settings for a gateway keeping its files in ``folder`` and talking to ``rasa_url``."""
    return Settings(
        database_url=f"sqlite:///{folder / 'gateway.db'}",
        rasa_url=rasa_url,
        pseudonym_key="test-pseudonym-key",
        address_key=Fernet.generate_key().decode(),
        session_key="test-session-key",
        rasa_timeout=2.0,
        var_dir=folder,
    )
