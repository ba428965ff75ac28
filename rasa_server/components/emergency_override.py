"""Rasa pipeline component: an emergency phrase always wins over the model.

Placed after the FallbackClassifier in ``config.yml``. When a message contains
a phrase of ``content/emergency_lexicon.yml`` the predicted intent becomes
``emergency`` with full confidence, so the emergency answer goes first even
when the model guessed another topic or was unsure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from common.text.emergency import DEFAULT_LEXICON, EmergencyLexicon

EMERGENCY_INTENT = "emergency"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmergencyOverride(GraphComponent):
    """Set the intent to ``emergency`` when an emergency phrase is present."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The lexicon file, relative to the working directory or absolute."""
        return {"lexicon": str(DEFAULT_LEXICON)}

    def __init__(self, lexicon: EmergencyLexicon) -> None:
        """Keep the compiled lexicon."""
        self.lexicon = lexicon

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EmergencyOverride:
        """Load the lexicon named in the configuration."""
        return cls(EmergencyLexicon.load(Path(config["lexicon"])))

    def process(self, messages: list[Message]) -> list[Message]:
        """Override the intent of messages that contain an emergency phrase."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith(INTENT_MESSAGE_PREFIX) or not self.lexicon.matches(text):
                continue
            intent = {INTENT_NAME_KEY: EMERGENCY_INTENT, PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [
                r
                for r in message.get(INTENT_RANKING_KEY) or []
                if r.get(INTENT_NAME_KEY) != EMERGENCY_INTENT
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
        return messages
