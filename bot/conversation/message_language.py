"""The language a message is written in, for a user whose language is not known yet.

While Rasa is down the gateway answers by itself (the emergency answer, the
apology): a new user gets it in the language they wrote in, as Rasa's
actions would answer, not in French. The project's detector
(``common.language``) is trained once, at the first message that needs it;
Arabic letters decide by themselves.
"""

from __future__ import annotations

from functools import cache

from common.language import LanguageDetector


@cache
def _detector() -> LanguageDetector:
    return LanguageDetector.from_project()


def language_of(text: str) -> str | None:
    """The language ``text`` is written in, or None when the detector is unsure."""
    return _detector().detect(text).language
