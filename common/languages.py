"""The assistant's languages, in one place."""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("fr", "ar", "bm")
# French is the source of every answer and the language every string exists in:
# used when a person's language is not known yet, or a translation is missing.
FALLBACK_LANGUAGE: Final = "fr"
# French is the source language of the answers; Arabic and Bambara translate it.
SOURCE_LANGUAGE: Final = "fr"
# The staff inbox is in French or Arabic.
STAFF_LANGUAGES: Final = ("fr", "ar")
RIGHT_TO_LEFT: Final = frozenset({"ar"})


def known(language: object, among: tuple[str, ...] = LANGUAGES) -> str:
    """``language`` when it is one of ``among``, else the fallback language."""
    return language if isinstance(language, str) and language in among else FALLBACK_LANGUAGE


def direction(language: str | None) -> str:
    """``"rtl"`` for Arabic, ``"ltr"`` otherwise."""
    return "rtl" if language in RIGHT_TO_LEFT else "ltr"
