"""Answer a topic question from the content files."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import envelope
from actions.context import intent_name, resolve_language
from actions.replies import ask_language, send_answer
from bot.i18n import _, translate


class ActionAnswer(Action):
    """Answer the topic the user asked about, in their language."""

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Send the answer, or ask for the language first when it is unknown."""
        topic = intent_name(tracker) or "out_of_scope"
        language, events = resolve_language(tracker)
        if language is None:
            return ask_language(dispatcher, pending_topic=topic)
        if not send_answer(dispatcher, topic, language):
            envelope.send(
                dispatcher,
                envelope.MESSAGE,
                language,
                translate(language, _("This answer is not available right now.")),
            )
        return events
