"""The main menu, theme menus and small talk (thanks, goodbye, "are you a bot")."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import envelope
from actions.base import LanguageAction
from actions.context import intent_name
from actions.replies import send_menu, send_theme
from common import envelope as kinds
from common.envelope import MENU_PAYLOAD, PERSON_PAYLOAD, button
from common.i18n import _, translate

SMALL_TALK = {
    "thank": _("You are welcome. Do you have another question?"),
    "goodbye": _("Goodbye, take care. You can write to me at any time."),
    "bot_challenge": _(
        "I am an automatic assistant (a bot), not a person. "
        "I can pass you to a person from the association if you wish."
    ),
}


class ActionGreet(LanguageAction):
    """Greet the user with the menu of themes."""

    action_name = "action_greet"

    def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Show the main menu."""
        send_menu(dispatcher, language)
        return []


class ActionShowTheme(LanguageAction):
    """Show the topics of the theme the user picked."""

    action_name = "action_show_theme"

    def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Send the theme's menu (the main menu when the theme is unknown)."""
        theme = next(
            (
                e.get("value")
                for e in tracker.latest_message.get("entities") or []
                if e.get("entity") == "theme"
            ),
            None,
        )
        if not theme or not send_theme(dispatcher, str(theme), language):
            send_menu(dispatcher, language)
        return []


class ActionSmallTalk(LanguageAction):
    """Answer thanks, goodbye and "are you a bot?"."""

    action_name = "action_small_talk"

    def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Send the fitting reply with the menu and "talk to a person" buttons."""
        message = SMALL_TALK.get(intent_name(tracker) or "", SMALL_TALK["thank"])
        buttons = [
            button(translate(language, _("Menu")), MENU_PAYLOAD),
            button(translate(language, _("Talk to a person")), PERSON_PAYLOAD),
        ]
        envelope.send(
            dispatcher, kinds.MESSAGE, language, translate(language, message), buttons=buttons
        )
        return []
