"""Deleting the user's data, after a confirmation; yes/no replies."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import envelope
from actions.context import intent_name, resolve_language
from actions.envelope import Button
from actions.replies import ask_language, send_answer, send_menu
from bot.i18n import _, translate

PENDING_CONFIRMATION_SLOT = "pending_confirmation"
DELETE = "delete"


class ActionDeleteData(Action):
    """Explain what is kept and ask to confirm the deletion."""

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return "action_delete_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Send what is kept, then a yes/no question."""
        language, events = resolve_language(tracker)
        if language is None:
            return ask_language(dispatcher, pending_topic="delete_my_data")
        send_answer(dispatcher, "delete_my_data", language)
        envelope.send(
            dispatcher,
            envelope.CONFIRM,
            language,
            translate(language, _("Do you want to delete all your messages and data now?")),
            buttons=[
                Button(translate(language, _("Yes, delete")), "/affirm"),
                Button(translate(language, _("No, keep")), "/deny"),
            ],
        )
        return [*events, SlotSet(PENDING_CONFIRMATION_SLOT, DELETE)]


class ActionConfirm(Action):
    """Yes or no: confirm what was asked, or show the menu."""

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return "action_confirm"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Carry out or cancel the pending deletion; otherwise show the menu."""
        language, events = resolve_language(tracker)
        if language is None:
            return ask_language(dispatcher)
        pending = tracker.get_slot(PENDING_CONFIRMATION_SLOT)
        yes = intent_name(tracker) == "affirm"
        if pending == DELETE and yes:
            envelope.send(
                dispatcher,
                envelope.DELETED,
                language,
                translate(
                    language,
                    _("Your messages and data have been deleted. You can write again at any time."),
                ),
                delete_user_data=True,
            )
            return [AllSlotsReset()]
        if pending == DELETE:
            intro = translate(language, _("Nothing was deleted. What would you like to know?"))
            send_menu(dispatcher, language, intro=intro)
            return [*events, SlotSet(PENDING_CONFIRMATION_SLOT, None)]
        send_menu(
            dispatcher, language, intro=translate(language, _("What would you like to know?"))
        )
        return events
