"""The gateway's own check for danger, where Rasa's answer cannot be used.

While Rasa is down, and while a person has the conversation (the assistant
stays silent), the gateway still answers an emergency at once with the
emergency answer (the same answer the actions send) and alerts a person.
When Rasa is up it asks Rasa's risk detector (``/model/parse``, which reads
nothing of the conversation and stores nothing); otherwise the phrases of
``content/risk_lexicon.yml`` decide.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.conversation.rasa_client import RasaClient, RasaUnavailable
from common.content import AnswerStore, TopicCatalog
from common.content.envelopes import emergency_envelope
from common.envelope import Envelope
from common.text.risk import DANGER, RiskLexicon


class DangerCheck:
    """Recognises a message that is an emergency, and gives the emergency answer."""

    def __init__(
        self,
        lexicon: RiskLexicon | None = None,
        emergency: Callable[[str], Envelope] | None = None,
        rasa: RasaClient | None = None,
    ) -> None:
        """Use the content's lexicon and emergency answer unless others are given."""
        self.lexicon = RiskLexicon.load() if lexicon is None else lexicon
        if emergency is None:
            store, catalog = AnswerStore(), TopicCatalog.load()
            emergency = lambda language: emergency_envelope(store, catalog, language)  # noqa: E731
        self.emergency = emergency
        self.rasa = rasa

    def is_danger(self, text: str) -> bool:
        """Whether ``text`` is an emergency by its phrases."""
        return self.lexicon.level(text) == DANGER

    def answer(self, text: str, language: str) -> list[Envelope]:
        """The emergency answer when ``text`` is an emergency by its phrases, else nothing."""
        return [self.emergency(language)] if self.is_danger(text) else []

    async def answer_checked(self, text: str, language: str) -> list[Envelope]:
        """Like :meth:`answer`, asking Rasa's risk detector first when Rasa answers."""
        if self.rasa is not None and text:
            try:
                level = await self.rasa.risk(text)
            except RasaUnavailable:
                return self.answer(text, language)
            return [self.emergency(language)] if level == DANGER else []
        return self.answer(text, language)
