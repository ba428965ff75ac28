"""Answer a topic question from the content files."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import envelope
from actions.base import LanguageAction
from actions.context import intent_name, risk_level, second_topic
from actions.fallback import ActionFallback, consecutive_fallbacks
from actions.replies import send_answer
from common import envelope as kinds
from common.i18n import _, translate


class ActionAnswer(LanguageAction):
    """Answer the topic the user asked about, in their language."""

    action_name = "action_answer"

    def pending_topic(self, tracker: Tracker) -> str | None:
        """Answer this question after the language menu."""
        return intent_name(tracker) or "out_of_scope"

    def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Send the answer of the topic (intent) of the latest message."""
        topic = intent_name(tracker) or "out_of_scope"
        if topic == "out_of_scope" and consecutive_fallbacks(tracker) >= 2:
            # Twice in a row nothing the assistant can answer: a person is offered first.
            return ActionFallback().respond(dispatcher, tracker, language)
        risk = risk_level(tracker) == "possible"
        if not send_answer(dispatcher, topic, language, risk=risk, also=second_topic(tracker)):
            envelope.send(
                dispatcher,
                kinds.MESSAGE,
                language,
                translate(language, _("This answer is not available right now.")),
            )
        return []
