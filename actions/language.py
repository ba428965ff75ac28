"""Choosing and changing the conversation's language."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import envelope
from actions.context import LANGUAGE_SLOT, user_text
from actions.replies import PENDING_TOPIC_SLOT, ask_language, send_menu, send_pending
from common import envelope as kinds
from common.i18n import _, translate
from common.language import LANGUAGES
from common.text.normalize import normalize

# Each language as it is named by the people who speak it and by others,
# folded by common.text.normalize (no accents, Arabic letter variants unified).
LANGUAGE_NAMES = {
    "fr": (
        "francais",
        "french",
        "fransi",
        "faransi",
        "fransa kan",
        "tubabukan",
        "فرنسيه",
        "الفرنسيه",
        "بالفرنسيه",
        "بالفرنساويه",
        "lfransawiya",
        "bel fransawiya",
    ),
    "ar": (
        "arabe",
        "arab",
        "arabic",
        "arabu",
        "arabukan",
        "larabu",
        "darija",
        "3arbiya",
        "l3arbiya",
        "bel3arbiya",
        "3arbia",
        "عربي",
        "العربيه",
        "بالعربيه",
        "الداريجه",
        "الدارجه",
        "بالدارجه",
    ),
    "bm": ("bambara", "bamanankan", "bamana", "bamanan", "بمبارا", "البمبارا", "bambarakan"),
}
_NAME_PATTERNS = {
    lang: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    for lang, names in LANGUAGE_NAMES.items()
}


def named_language(text: str) -> str | None:
    """The language a message names ("en arabe svp" -> "ar"), if exactly one."""
    folded = normalize(text)
    found = [lang for lang, pattern in _NAME_PATTERNS.items() if pattern.search(folded)]
    return found[0] if len(found) == 1 else None


def requested_language(tracker: Tracker) -> str | None:
    """The language a button payload or the message itself asks for."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "language" and entity.get("value") in LANGUAGES:
            return str(entity["value"])
    return named_language(user_text(tracker))


class ActionChangeLanguage(Action):
    """Switch to the language asked for, or show the language menu."""

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return "action_change_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Set the language and confirm it, then answer a question left pending."""
        language = requested_language(tracker)
        if language is None:
            return ask_language(dispatcher, tracker.get_slot(PENDING_TOPIC_SLOT))
        events: list[dict[str, Any]] = [
            SlotSet(LANGUAGE_SLOT, language),
            SlotSet(PENDING_TOPIC_SLOT, None),
        ]
        pending = tracker.get_slot(PENDING_TOPIC_SLOT)
        confirmation = translate(language, _("From now on I answer in English."))
        if pending:
            envelope.send(dispatcher, kinds.MESSAGE, language, confirmation)
            send_pending(dispatcher, pending, language)
        else:
            send_menu(dispatcher, language, intro=confirmation)
        return events
