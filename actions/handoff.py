"""A request to talk to a person."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import envelope
from actions.base import LanguageAction
from common import envelope as kinds
from common.i18n import _, translate


class ActionHandoff(LanguageAction):
    """Tell the user a person will answer, and ask the gateway for a hand-off.

    The gateway owns the hand-off (queue, staff inbox, office hours): it reads
    ``handoff`` in the envelope and replaces the text with the expected wait
    and hours.
    """

    action_name = "action_handoff"

    def pending_topic(self, tracker: Tracker) -> str | None:
        """After the language menu, hand over."""
        return "human_agent"

    def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Send the hand-off notice."""
        envelope.send(
            dispatcher,
            kinds.HANDOFF,
            language,
            translate(
                language,
                _(
                    "You asked to talk to a person. "
                    "A member of the association will answer you here."
                ),
            ),
            handoff="request",
        )
        return []
