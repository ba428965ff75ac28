"""The web chat's interface strings in every language, for ``chat.js``.

The chat page carries the strings of the three languages (a JSON data
attribute: no inline script under the CSP), so the interface follows the
conversation's language at once, without a reload, and the first screen
greets in all three.
"""

from __future__ import annotations

from typing import Any

from common.i18n import _, translate
from common.languages import FALLBACK_LANGUAGE, LANGUAGES, direction

LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية", "bm": "Bamanankan"}
STRINGS = {
    "title": _("Migrant rights assistant"),
    "greeting": _(
        "Hello! I answer your questions on papers, work, health, school and return. "
        "Choose your language."
    ),
    "placeholder": _("Write your question…"),
    "send": _("Send"),
    "menu": _("Menu"),
    "language": _("Language"),
    "topics": _("Topics"),
    "delete": _("Delete my data"),
    "person": _("Talk to a person"),
    "preview": _("Preview as"),
    "staff": _("NGO staff"),
    "staff_named": _("{name}, NGO staff"),
    "failed": _("The message was not sent. Check your connection and try again."),
}


def chat_strings() -> dict[str, dict[str, str]]:
    """Every interface string of the chat, per language."""
    return {
        language: {key: translate(language, message) for key, message in STRINGS.items()}
        for language in LANGUAGES
    }


def chat_context(lang: str) -> dict[str, Any]:
    """What ``chat.html`` needs, the page first shown in ``lang`` (the device's saved one wins)."""
    language = lang if lang in LANGUAGES else FALLBACK_LANGUAGE
    strings = chat_strings()
    return {
        "lang": language,
        "dir": direction(language),
        "s": strings[language],
        "strings": strings,
        "languages": LANGUAGE_NAMES,
    }
