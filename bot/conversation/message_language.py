"""The language a message is written in, for the gateway's own answers.

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
from common.language.switch import clearly_written_in

log = logging.getLogger(__name__)
_lock = threading.Lock()
_built: list[LanguageDetector] = []


def _detector() -> LanguageDetector:
    """The detector, built once even when several threads ask at the same time."""
    with _lock:
        if not _built:
            _built.append(LanguageDetector.from_project())
        return _built[0]


def language_for(text: str, current: str | None) -> str | None:
    """The language to answer ``text`` in, the conversation's being ``current``.

    The conversation's, unless ``text`` is clearly written in another of the
    three languages (the person switched: a French emergency in a Bambara
    conversation gets the French numbers); with no conversation language yet,
    the text's own (None when unsure). A detector failure keeps ``current``.
    """
    try:
        if current is None:
            return _detector().detect(text).language
        return clearly_written_in(_detector(), text, current) or current
    except Exception:
        log.warning("language detector unavailable; keeping the conversation's language")
        return current
