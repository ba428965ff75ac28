"""The gateway's logs: useful to run the service, silent about the people using it.

Log lines never carry a message text, a phone number, a chat id, a
pseudonymous id (unless ``DEBUG_LOG_IDS=1``) or a secret. The gateway's own
code logs only kinds and counts; this module keeps the libraries in line:

- httpx logs every request's URL at INFO, and Telegram's Bot API puts the bot
  token in the URL (``/bot<token>/sendMessage``); twilio logs each request's
  URL (with the account) and headers at INFO: these libraries log warnings
  only;
- a filter on the handler masks any configured secret and anything shaped
  like a Telegram token that would still reach a line (defence in depth).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QUIET_LIBRARIES = (
    "httpx",
    "httpcore",
    "hpack",
    "apscheduler",
    "multipart",
    "twilio",
    "alembic",
)
_TELEGRAM_TOKEN = re.compile(r"(?<![0-9])[0-9]{6,}:[A-Za-z0-9_-]{8,}")
MASK = "[secret]"


class Redact(logging.Filter):
    """Replaces secrets in a record's final text."""

    def __init__(self, secrets: Iterable[str]) -> None:
        """Mask these values (empty ones are ignored) and Telegram-token shapes."""
        super().__init__()
        self.secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        """``text`` with every secret masked."""
        for secret in self.secrets:
            text = text.replace(secret, MASK)
        return _TELEGRAM_TOKEN.sub(MASK, text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message once, masked; exception texts are masked too."""
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
        return True


def configure(secrets: Iterable[str] = (), level: int = logging.INFO) -> None:
    """Log to stderr at ``level``, libraries quieted, secrets masked."""
    logging.basicConfig(level=level, format=FORMAT)
    for name in QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.WARNING)
    redact = Redact(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
