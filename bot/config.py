"""Configuration from environment variables, in one place.

Every variable is documented in ``.env.example``. Every credential is
optional: a channel without its credentials is switched off with one log
line at start-up. Secrets (the pseudonym key, the address encryption key)
come from the environment; when they are absent in the embedded profile they
are generated once into ``var/secrets.json`` (never committed).
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _local_secrets(var_dir: Path) -> dict[str, str]:
    """Secrets kept on this machine for the embedded profile (created once)."""
    path = var_dir / "secrets.json"
    if path.exists():
        data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return data
    var_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "PSEUDONYM_KEY": secrets.token_hex(32),
        "ADDRESS_KEY": Fernet.generate_key().decode(),
        "SESSION_KEY": secrets.token_hex(32),
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    path.chmod(0o600)
    return data


@dataclass(frozen=True)
class Settings:
    """All settings of the gateway."""

    database_url: str
    rasa_url: str
    pseudonym_key: str
    address_key: str
    session_key: str
    public_url: str = ""
    trusted_proxies: str = ""
    rasa_timeout: float = 10.0
    rasa_token: str = ""
    action_server_url: str = ""
    local_channel: bool = True
    local_handoffs_per_minute: int = 20
    telegram_token: str = ""
    telegram_webhook_secret: str = ""
    telegram_mode: str = "polling"
    telegram_base_url: str = "https://api.telegram.org/bot"
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_sms_from: str = ""
    twilio_whatsapp_from: str = ""
    twilio_api_base_url: str = ""
    sms_max_segments: int = 3
    telegram_staff_chat_id: str = ""
    twilio_whatsapp_template_sid: str = ""
    office_hours: str = "mon-fri 09:00-17:00"
    office_timezone: str = "Africa/Casablanca"
    handoff_default_wait_minutes: int = 15
    handoff_ack_minutes: int = 5
    retention_days: int = 90
    redis_url: str = ""
    rate_limit_per_minute: int = 20
    max_body_bytes: int = 64_000
    max_text_chars: int = 2_000
    debug_log_ids: bool = False
    var_dir: Path = field(default_factory=lambda: ROOT / "var")

    @classmethod
    def from_env(cls) -> Settings:
        """Read the environment (and the local secrets file for missing keys)."""
        var_dir = Path(_env("VAR_DIR", str(ROOT / "var")))
        keys = {k: _env(k) for k in ("PSEUDONYM_KEY", "ADDRESS_KEY", "SESSION_KEY")}
        if not all(keys.values()):
            local = _local_secrets(var_dir)
            keys = {k: v or local[k] for k, v in keys.items()}
        return cls(
            database_url=_env("DATABASE_URL", f"sqlite:///{var_dir / 'gateway.db'}"),
            rasa_url=_env("RASA_URL", "http://127.0.0.1:5005"),
            pseudonym_key=keys["PSEUDONYM_KEY"],
            address_key=keys["ADDRESS_KEY"],
            session_key=keys["SESSION_KEY"],
            public_url=_env("PUBLIC_URL").rstrip("/"),
            trusted_proxies=_env("TRUSTED_PROXIES"),
            rasa_timeout=float(_env("RASA_TIMEOUT", "10")),
            rasa_token=_env("RASA_AUTH_TOKEN"),
            action_server_url=_env("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook"),
            local_channel=_env("LOCAL_CHANNEL", "on").lower() not in ("off", "0", "false", "no"),
            local_handoffs_per_minute=int(_env("LOCAL_HANDOFFS_PER_MINUTE", "20")),
            telegram_token=_env("TELEGRAM_TOKEN"),
            telegram_webhook_secret=_env("TELEGRAM_WEBHOOK_SECRET"),
            telegram_mode=_env("TELEGRAM_MODE", "polling"),
            telegram_base_url=_env("TELEGRAM_BASE_URL", "https://api.telegram.org/bot"),
            twilio_account_sid=_env("TWILIO_ACCOUNT_SID"),
            twilio_auth_token=_env("TWILIO_AUTH_TOKEN"),
            twilio_sms_from=_env("TWILIO_SMS_FROM"),
            twilio_whatsapp_from=_env("TWILIO_WHATSAPP_FROM"),
            twilio_api_base_url=_env("TWILIO_API_BASE_URL"),
            sms_max_segments=int(_env("SMS_MAX_SEGMENTS", "3")),
            telegram_staff_chat_id=_env("TELEGRAM_STAFF_CHAT_ID"),
            twilio_whatsapp_template_sid=_env("TWILIO_WHATSAPP_TEMPLATE_SID"),
            office_hours=_env("OFFICE_HOURS", "mon-fri 09:00-17:00"),
            office_timezone=_env("OFFICE_TIMEZONE", "Africa/Casablanca"),
            handoff_default_wait_minutes=int(_env("HANDOFF_DEFAULT_WAIT_MINUTES", "15")),
            handoff_ack_minutes=int(_env("HANDOFF_ACK_MINUTES", "5")),
            retention_days=int(_env("RETENTION_DAYS", "90")),
            redis_url=_env("REDIS_URL"),
            rate_limit_per_minute=int(_env("RATE_LIMIT_PER_MINUTE", "20")),
            debug_log_ids=_env("DEBUG_LOG_IDS") == "1",
            var_dir=var_dir,
        )

    def secrets(self) -> tuple[str, ...]:
        """Every secret value, for the log filter that masks them."""
        return (
            self.pseudonym_key,
            self.address_key,
            self.session_key,
            self.telegram_token,
            self.telegram_webhook_secret,
            self.twilio_auth_token,
            self.rasa_token,
        )

    @property
    def secure_cookies(self) -> bool:
        """Staff cookies are marked Secure when the gateway is served over https."""
        return self.public_url.startswith("https://")

    @property
    def telegram_enabled(self) -> bool:
        """Telegram runs only with a bot token."""
        return bool(self.telegram_token)

    @property
    def twilio_enabled(self) -> bool:
        """SMS and WhatsApp run only with Twilio credentials."""
        return bool(self.twilio_account_sid and self.twilio_auth_token)
