"""Rasa intent classifier: the topic of a message, and a second topic asked in the same message.

Logistic regression on TF-IDF character and word n-grams of the folded text
(``features.py``), trained on ``data/nlu``. A message that asks two things
("my card expired, and can my son go to school?") is answered on the first
topic; the second, found by classifying the message's sentences one by one,
is offered as a choice (``also_topic`` in the parse result). The emergency
intent this classifier predicts is only one signal among others: the
``RiskDetector`` after it decides what is danger.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from common.text.normalize import normalize
from rasa_server.components import persistence
from rasa_server.components.features import text_features
from rasa_server.components.text_normalizer import RAW_TEXT

ALSO_TOPIC = "also_topic"
RANKING_LENGTH = 10
# Intents that are never "a second question" (conversation and service intents).
NOT_TOPICS = frozenset(
    {"greet", "thank", "goodbye", "bot_challenge", "affirm", "deny", "choose_theme"}
)
_SENTENCE_END = re.compile(r"(?<=[.!?؟\n])\s+")
_MIN_SENTENCE_WORDS = 3


def sentences(raw: str) -> list[str]:
    """The sentences of a message that have enough words to be a question on their own."""
    parts = [part.strip() for part in _SENTENCE_END.split(raw)]
    return [part for part in parts if len(part.split()) >= _MIN_SENTENCE_WORDS]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TopicClassifier(IntentClassifier, GraphComponent):
    """Predicts the intent (topic) of a folded message, with a ranking and a second topic."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Inverse regularisation (tuned by ``make bench``) and the second-topic threshold."""
        return {"C": 20.0, "also_threshold": 0.45, "random_state": 42}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Pipeline | None = None,
    ) -> None:
        """Keep the configuration, where to save, and the fitted model once there is one."""
        self.config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TopicClassifier:
        """A new, untrained classifier."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> TopicClassifier:
        """The trained classifier, its weights kept in the order the prediction reads them."""
        model = persistence.load(model_storage, resource)
        model[-1].coef_ = np.asfortranarray(model[-1].coef_)
        return cls(config, model_storage, resource, model)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit on every example that has an intent; save the model."""
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        self.model = Pipeline(
            [
                ("features", text_features()),
                (
                    "classifier",
                    LogisticRegression(
                        C=self.config["C"],
                        class_weight="balanced",
                        max_iter=3000,
                        random_state=self.config["random_state"],
                    ),
                ),
            ]
        )
        self.model.fit([e.get(TEXT) for e in examples], [e.get(INTENT) for e in examples])
        persistence.save(self.model, self._storage, self._resource)
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Set the intent, the ranking and, for a two-question message, the second topic."""
        if self.model is None:
            return messages
        probabilities = self.model.predict_proba([m.get(TEXT) or "" for m in messages])
        for message, probs in zip(messages, probabilities, strict=True):
            ranking = self._ranking(probs)
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:RANKING_LENGTH], add_to_output=True)
            also = self._second_topic(message, ranking[0]["name"])
            if also:
                message.set(ALSO_TOPIC, also, add_to_output=True)
        return messages

    def _ranking(self, probs: Any) -> list[dict[str, Any]]:
        assert self.model is not None
        order = np.argsort(-probs)
        classes = self.model.classes_
        return [{"name": str(classes[i]), "confidence": float(probs[i])} for i in order]

    def _second_topic(self, message: Message, first: str) -> str | None:
        """The topic of another sentence of the message, when it is clearly another question."""
        assert self.model is not None
        parts = sentences(str(message.get(RAW_TEXT) or ""))
        if len(parts) < 2:
            return None
        probabilities = self.model.predict_proba([normalize(part) for part in parts])
        for probs in probabilities:
            best = int(np.argmax(probs))
            topic = str(self.model.classes_[best])
            if (
                topic not in (first, "emergency", "nlu_fallback")
                and topic not in NOT_TOPICS
                and probs[best] >= self.config["also_threshold"]
            ):
                return topic
        return None
