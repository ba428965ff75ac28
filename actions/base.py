"""What most actions share: they answer in the conversation's language.

rasa-sdk registers every concrete ``Action`` subclass; this base class is
abstract, so it is not registered itself.
"""

from __future__ import annotations

import abc
from typing import Any, ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import LANGUAGE_SLOT, resolve_language, user_metadata
from actions.replies import ask_language, offer_way_back
from common.languages import LANGUAGES


class LanguageAction(Action, abc.ABC):
    """An action that needs the language: it shows the language menu when unknown."""

    action_name: ClassVar[str]

    def name(self) -> str:
        """Action name used in rules and the domain."""
        return self.action_name

    def pending_topic(self, tracker: Tracker) -> str | None:
        """The question to answer once the user has picked a language."""
        return None

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Resolve the language, then respond (or ask for the language first)."""
        before = tracker.get_slot(LANGUAGE_SLOT) or user_metadata(tracker).get("language")
        language, events = resolve_language(tracker)
        if language is None:
            return ask_language(dispatcher, self.pending_topic(tracker))
        reply = self.respond(dispatcher, tracker, language)
        if before in LANGUAGES and before != language:
            offer_way_back(dispatcher, str(before))
        return [*events, *reply]

    @abc.abstractmethod
    def respond(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, language: str
    ) -> list[dict[str, Any]]:
        """Send the reply in ``language``; return extra events."""
