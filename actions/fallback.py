"""What the assistant says when it does not understand.

The first time it asks to rephrase and shows the themes. When it still does
not understand the next message, it hands the conversation to a person. A bare number that
matches no menu item, and a message with no words at all (emojis only), get
their own clear answer.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import envelope
from actions.base import LanguageAction
from actions.context import user_text
from actions.replies import send_menu
from common import envelope as kinds
from common.i18n import _, translate
from common.menus import menu_number
from common.text.normalize import normalize

FALLBACK_INTENT = "nlu_fallback"


def consecutive_fallbacks(tracker: Tracker) -> int:
    """How many of the latest user messages in a row were not understood."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent != FALLBACK_INTENT:
            break
        count += 1
    return count


class ActionFallback(LanguageAction):
    """Reply to a message the model could not classify with confidence."""

    action_name = "action_fallback"

    def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Ask to rephrase, explain a wrong menu number, or hand over to a person."""
        text = user_text(tracker)
        number = menu_number(text)
        if number is not None:
            intro = translate(
                language,
                _("There is no choice number {number} here. Choose from this menu:"),
                number=number,
            )
            send_menu(dispatcher, language, intro=intro)
            return []
        if not normalize(text):
            intro = translate(
                language, _("I can only read text. Write your question in words, or choose:")
            )
            send_menu(dispatcher, language, intro=intro)
            return []
        if consecutive_fallbacks(tracker) >= 2:
            envelope.send(
                dispatcher,
                kinds.FALLBACK,
                language,
                translate(
                    language,
                    _("I still do not understand, sorry. I am passing your message to a person."),
                ),
                handoff="fallback",
            )
            return []
        intro = translate(
            language, _("Sorry, I did not understand. Say it in other words, or choose a theme:")
        )
        send_menu(dispatcher, language, intro=intro, fallback=True)
        return []
