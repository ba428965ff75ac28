"""Emergencies: the emergency contacts at once, before anything else."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import language_detector, resolve_language, typed_words
from actions.replies import send_emergency
from common.languages import FALLBACK_LANGUAGE


class ActionEmergency(Action):
    """Send the emergency answer and ask the gateway for a hand-off to the staff."""

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Answer in the user's language, or in French when it is not known.

        An emergency never waits for the language menu: the contacts go out
        in the best guess (French when nothing is known), and the gateway
        starts a hand-off to a person.
        """
        language, events = resolve_language(tracker)
        if language is None:
            scores = language_detector().scores(typed_words(tracker))
            language = max(scores, key=lambda lang: scores[lang]) if scores else FALLBACK_LANGUAGE
        send_emergency(dispatcher, language)
        return events
