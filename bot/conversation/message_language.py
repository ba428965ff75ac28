"""The language a message is written in, for a user whose language is not known yet.

While Rasa is down, over the rate limit or with the database down, the gateway
answers by itself (the emergency answer, the apology): a new user gets it in
the language they wrote in, as Rasa's actions would answer, not in French.
The project's detector (``common.language``) is trained once, at the first
message that needs it (seconds: callers run this in a worker thread); Arabic
letters decide by themselves.
"""

from __future__ import annotations

import logging
import threading

from common.language import LanguageDetector

log = logging.getLogger(__name__)
_lock = threading.Lock()
_built: list[LanguageDetector] = []


def _detector() -> LanguageDetector:
    """The detector, built once even when several threads ask at the same time."""
    with _lock:
        if not _built:
            _built.append(LanguageDetector.from_project())
        return _built[0]


def language_of(text: str) -> str | None:
    """The language ``text`` is written in, or None when unsure (or the detector fails).

    A failure must not cost a person in danger the emergency answer: the
    caller then answers in French.
    """
    try:
        return _detector().detect(text).language
    except Exception:
        log.warning("language detector unavailable; answering in French")
        return None
