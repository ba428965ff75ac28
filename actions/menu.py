"""The main menu, theme menus and small talk (thanks, goodbye, "are you a bot")."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import envelope
from actions.context import intent_name, resolve_language
from actions.envelope import Button
from actions.rendering import MENU_PAYLOAD, PERSON_PAYLOAD
from actions.replies import ask_language, send_menu, send_theme
from bot.i18n import _, translate

SMALL_TALK = {
    "thank": _("You are welcome. Do you have another question?"),
    "goodbye": _("Goodbye, take care. You can write to me at any time."),
    "bot_challenge": _(
        "I am an automatic assistant (a bot), not a person. "
        "I can pass you to a person from the association if you wish."
    ),
}


class ActionGreet(Action):
    """Greet the user with the menu of themes."""

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Show the main menu, or the language menu when the language is unknown."""
        language, events = resolve_language(tracker)
        if language is None:
            return ask_language(dispatcher)
        send_menu(dispatcher, language)
        return events


class ActionShowTheme(Action):
    """Show the topics of the theme the user picked."""

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return "action_show_theme"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Send the theme's menu (the main menu when the theme is unknown)."""
        language, events = resolve_language(tracker)
        if language is None:
            return ask_language(dispatcher)
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
        return events


class ActionSmallTalk(Action):
    """Answer thanks, goodbye and "are you a bot?"."""

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return "action_small_talk"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Send the fitting reply with the menu and "talk to a person" buttons."""
        language, events = resolve_language(tracker)
        if language is None:
            return ask_language(dispatcher)
        message = SMALL_TALK.get(intent_name(tracker) or "", SMALL_TALK["thank"])
        buttons = [
            Button(translate(language, _("Menu")), MENU_PAYLOAD),
            Button(translate(language, _("Talk to a person")), PERSON_PAYLOAD),
        ]
        envelope.send(
            dispatcher, envelope.MESSAGE, language, translate(language, message), buttons=buttons
        )
        return events
