"""Rasa pipeline component that folds message text before tokenising.

Placed first in ``config.yml``. It replaces each message's text with
:func:`common.text.normalize.normalize` so that the classifiers see one
spelling for the many ways a word is typed, and keeps the text as typed in
``raw_text`` (its punctuation tells sentences apart). The text of the user's
event in the tracker keeps what the user typed.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from common.text.normalize import normalize

# A message that folds to nothing (emojis only) still needs one token, or the
# featurizers have nothing to work on; this placeholder is never a real word.
EMPTY_PLACEHOLDER = "emptymessage"
# Where the text as typed is kept (sentence boundaries need its punctuation).
RAW_TEXT = "raw_text"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class TextNormalizer(GraphComponent):
    """Replace the text of every message with its folded form."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TextNormalizer:
        """Create the component (it has no configuration and no state)."""
        return cls()

    @staticmethod
    def _fold(message: Message) -> None:
        text = message.get(TEXT)
        # "/intent{...}" payloads (buttons) are read later by Rasa's
        # RegexMessageHandler and must reach it untouched.
        if isinstance(text, str) and not text.startswith(INTENT_MESSAGE_PREFIX):
            message.set(RAW_TEXT, text)
            message.set(TEXT, normalize(text) or EMPTY_PLACEHOLDER)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Fold the text of every training example."""
        for example in training_data.training_examples:
            self._fold(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Fold the text of incoming messages."""
        for message in messages:
            self._fold(message)
        return messages
