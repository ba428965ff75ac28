"""Deleting the user's data, after a confirmation; yes/no replies."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import envelope
from actions.base import LanguageAction
from actions.context import intent_name
from actions.replies import send_answer, send_menu
from common import envelope as kinds
from common.envelope import button
from common.i18n import _, translate

PENDING_CONFIRMATION_SLOT = "pending_confirmation"
DELETE = "delete"


class ActionDeleteData(LanguageAction):
    """Explain what is kept and ask to confirm the deletion."""

    action_name = "action_delete_data"

    def pending_topic(self, tracker: Tracker) -> str | None:
        """After the language menu, explain deletion."""
        return "delete_my_data"

    def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Send what is kept, then a yes/no question."""
        send_answer(dispatcher, "delete_my_data", language)
        envelope.send(
            dispatcher,
            kinds.CONFIRM,
            language,
            translate(language, _("Do you want to delete all your messages and data now?")),
            buttons=[
                button(translate(language, _("Yes, delete")), "/affirm"),
                button(translate(language, _("No, keep")), "/deny"),
            ],
        )
        return [SlotSet(PENDING_CONFIRMATION_SLOT, DELETE)]


class ActionConfirm(LanguageAction):
    """Yes or no: confirm what was asked, or show the menu."""

    action_name = "action_confirm"

    def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Carry out or cancel the pending deletion; otherwise show the menu."""
        pending = tracker.get_slot(PENDING_CONFIRMATION_SLOT)
        yes = intent_name(tracker) == "affirm"
        if pending == DELETE and yes:
            envelope.send(
                dispatcher,
                kinds.DELETED,
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
            return [SlotSet(PENDING_CONFIRMATION_SLOT, None)]
        send_menu(
            dispatcher, language, intro=translate(language, _("What would you like to know?"))
        )
        return []
