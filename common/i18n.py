"""Interface strings (menus, prompts, errors) in the user's language.

Strings are written in English in the code, marked with ``_()`` for
``pybabel extract``, and translated in ``locales/<lang>/LC_MESSAGES/messages.po``
(French, Arabic, Bambara). A string missing in Arabic or Bambara falls back to
French, the language every string is guaranteed in; the content check reports
the gap. Standard library only (the action server uses it too).
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from common.languages import FALLBACK_LANGUAGE, LANGUAGES

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
DOMAIN = "messages"


def _(message: str) -> str:
    """Mark a string for extraction; translate it later with :func:`translate`."""
    return message


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language`` with French behind it."""
    french = gettext.translation(DOMAIN, LOCALES_DIR, [FALLBACK_LANGUAGE], fallback=True)
    if language == FALLBACK_LANGUAGE or language not in LANGUAGES:
        return french
    catalog = gettext.translation(DOMAIN, LOCALES_DIR, [language], fallback=True)
    catalog.add_fallback(french)
    return catalog


def translate(language: str, message: str, **values: object) -> str:
    """Translate ``message`` into ``language`` and fill its ``{named}`` values."""
    text = translations(language).gettext(message)
    return text.format(**values) if values else text
