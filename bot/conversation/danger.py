"""The gateway's own check for danger, where Rasa cannot be asked.

While Rasa is down, and while a person has the conversation (the assistant
stays silent), the gateway still answers an emergency at once with the
emergency answer: the same answer the actions send.
"""

from __future__ import annotations

from collections.abc import Callable

from common.content import AnswerStore, TopicCatalog
from common.content.envelopes import emergency_envelope
from common.envelope import Envelope
from common.text.emergency import EmergencyLexicon


class DangerCheck:
    """Recognises a message that is an emergency, and gives the emergency answer."""

    def __init__(
        self,
        lexicon: EmergencyLexicon | None = None,
        emergency: Callable[[str], Envelope] | None = None,
    ) -> None:
        """Use the content's lexicon and emergency answer unless others are given."""
        self.lexicon = EmergencyLexicon.load() if lexicon is None else lexicon
        if emergency is None:
            store, catalog = AnswerStore(), TopicCatalog.load()
            emergency = lambda language: emergency_envelope(store, catalog, language)  # noqa: E731
        self.emergency = emergency

    def answer(self, text: str, language: str) -> list[Envelope]:
        """The emergency answer when ``text`` is an emergency, else nothing."""
        return [self.emergency(language)] if self.lexicon.matches(text) else []
