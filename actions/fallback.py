"""What the assistant says when it is not sure what the message is about.

It asks instead of guessing: the two or three most likely topics are offered
as choices ("Is it about: 1 renewing your card 2 ..."). After two messages in
a row it could not place, it offers a person first. A bare number that
matches no menu item, and a message with no words (emojis only), get their
own clear answer.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import envelope
from actions.base import LanguageAction
from actions.context import answer_store, answerable, user_text
from actions.replies import send_menu
from common import envelope as kinds
from common.choices import FALLBACK_INTENT, choices
from common.content.envelopes import topic_title
from common.envelope import MENU_PAYLOAD, PERSON_PAYLOAD, button
from common.i18n import _, translate
from common.menus import menu_number
from common.text.normalize import normalize

# Not understood, for offering a person: unsure of the topic, or outside what the
# assistant covers (gibberish often lands there, under the fallback threshold's reach).
NOT_UNDERSTOOD = frozenset({FALLBACK_INTENT, "out_of_scope"})


def consecutive_fallbacks(tracker: Tracker) -> int:
    """How many of the latest user messages in a row were not understood.

    A message answered with the language menu was not misunderstood: the
    assistant asked which language first ("fr" typed as a first message), so it
    ends the run like an understood one.
    """
    count = 0
    language_menu = False
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            custom = (event.get("data") or {}).get("custom") or {}
            language_menu = language_menu or custom.get("kind") == kinds.LANGUAGE_MENU
            continue
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent not in NOT_UNDERSTOOD or language_menu:
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
        offered = choices(tracker.latest_message.get("intent_ranking") or [], answerable())
        store = answer_store()
        # "Talk to a person" is always its own button: not a second time as a topic.
        buttons = [
            button(topic_title(store.get(t), t, language), f"/{t}")
            for t in offered
            if f"/{t}" != PERSON_PAYLOAD
        ]
        person = button(translate(language, _("Talk to a person")), PERSON_PAYLOAD)
        menu = button(translate(language, _("Menu")), MENU_PAYLOAD)
        if consecutive_fallbacks(tracker) >= 2:
            text = _("I still do not understand, sorry. Do you want to talk to a person?")
            buttons = [person, *buttons, menu]
        elif buttons:
            text = _("I am not sure I understood. Is it about:")
            buttons = [*buttons, menu, person]
        else:
            text = _("Sorry, I did not understand. Say it in other words, or choose a theme:")
            send_menu(dispatcher, language, intro=translate(language, text), fallback=True)
            return []
        envelope.send(
            dispatcher,
            kinds.FALLBACK,
            language,
            translate(language, text),
            buttons=buttons,
            fallback=True,
        )
        return []
