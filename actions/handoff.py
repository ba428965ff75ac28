"""A request to talk to a person."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import envelope
from actions.context import resolve_language
from actions.replies import ask_language
from bot.i18n import _, translate


class ActionHandoff(Action):
    """Tell the user a person will answer, and ask the gateway for a hand-off.

    The gateway owns the hand-off (queue, staff inbox, office hours): it reads
    ``handoff`` in the envelope and adds the expected wait and hours.
    """

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Send the hand-off notice."""
        language, events = resolve_language(tracker)
        if language is None:
            return ask_language(dispatcher, pending_topic="human_agent")
        envelope.send(
            dispatcher,
            envelope.HANDOFF,
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
        return events
