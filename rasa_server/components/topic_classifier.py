"""Rasa intent classifier: the topic of a message, and a second topic asked in the same message.

Logistic regression on TF-IDF character and word n-grams of the folded text
(``features.py``), trained on ``data/nlu``, blended for French with a sentence
encoder's opinion (``sentence_encoder.py``). A message that asks two things
("my card expired, how do I renew it? and can my son go to school?") is
answered on the question asked first, and the other is offered as a choice
(``also_topic`` in the parse result): the message is cut into sentences and
questions, and when its first part is a confident question on another topic
than the whole message's, the first question wins and the whole message's
topic is offered. A story before the question (a first sentence that asks
nothing) never does. The emergency intent this classifier predicts is only
one signal among others: the ``RiskDetector`` after it decides what is danger.
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
from rasa_server.components.sentence_encoder import EncoderBlend
from rasa_server.components.text_normalizer import EMPTY_PLACEHOLDER, RAW_TEXT

ALSO_TOPIC = "also_topic"
RANKING_LENGTH = 10
# Intents that are never "a second question" (conversation and service intents).
NOT_TOPICS = frozenset(
    {"greet", "thank", "goodbye", "bot_challenge", "affirm", "deny", "choose_theme"}
)
# Where a message is cut into parts: after . ! ? ؟ or a line break; before the
# words people use to start a second question; and before a plain "and" (et, w or
# و, ani), which people type instead of punctuation ("comment renouveler ma carte
# et inscrire mon fils a l ecole"). A cut inside one question ("la carte de sejour
# et de travail") leaves a short part or a part on the same topic, which changes
# nothing. Arabic's و is written joined to the next word ("ونسجل", "وكيفاش"): the
# message is cut before every word that starts with it, and a word that merely
# starts with the letter ("ولدي", my son) leaves a part that is no other question.
_PARTS = re.compile(
    r"(?<=[.!?؟\n])\s+"
    r"|\s*,?\s*(?=\b(?:autre (?:chose|question)|et aussi|ani fana|sinon)\b)"
    r"|\s+(?=(?:et|w|ani)\s+\S)"
    r"|\s+(?=w(?:kifach|fin|wach|ch7al|chno|3lach|imta|bghit)\b)"
    r"|\s+(?=و)",
    re.IGNORECASE,
)
# Shorter pieces ("c'est quoi l'ANAPEC", "mon frere") are not questions of their own.
_MIN_PART_WORDS = 4
# A part that asks something: a question mark, or a question word of the three languages
# (folded: Arabic without hamzas, Bambara without its letters).
_QUESTION = re.compile(
    r"\b(?:comment|cmt|koi|quoi|quel|quelle|ou|est ce|combien|peux|peut|puis|faut"
    r"|wach|wech|kifach|kifech|fin|ch7al|chno|chnou"
    r"|cogo|min|jumen|mun|joli|wa"
    r"|هل|كيف|واش|شنو|فين|اين|كيفاش|شحال|علاش)\b"
)


def parts(raw: str) -> list[str]:
    """The parts of a message, each with enough words to be a question on its own.

    A piece too short to be one ("Bonjour.", "وفين نسجل") is the start of the
    next ("وفين نسجل" + "ولدي فالمدرسة"); the last one ends the part before it.
    """
    merged: list[str] = []
    carried = ""
    for piece in (p.strip() for p in _PARTS.split(raw) if p and p.strip()):
        text = f"{carried} {piece}".strip()
        if len(text.split()) < _MIN_PART_WORDS:
            carried = text
        else:
            merged.append(text)
            carried = ""
    if carried and merged:
        merged[-1] = f"{merged[-1]} {carried}"
    elif carried:
        merged.append(carried)
    return merged


def asks(part: str) -> bool:
    """True when a part of a message is a question."""
    return part.rstrip().endswith(("?", "؟")) or bool(_QUESTION.search(normalize(part)))


def first_question_ranking(
    first: dict[str, Any], ranking: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The ranking once the first question's topic leads: the others share what it leaves.

    The first question's confidence comes from its own part, the others' from the
    whole message; left as they were, the whole message's topic (at 0.96, say) looked
    tied with the first question's (0.99), and Rasa's ambiguity check answered
    neither. The others keep their order, scaled to sum to ``1 - first``.
    """
    others = [r for r in ranking if r["name"] != first["name"]]
    total = sum(float(r["confidence"]) for r in others)
    scale = (1.0 - float(first["confidence"])) / total if total > 0 else 0.0
    return [first, *[{**r, "confidence": float(r["confidence"]) * scale} for r in others]]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class TopicClassifier(IntentClassifier, GraphComponent):
    """Predicts the intent (topic) of a folded message, with a ranking and a second topic."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Inverse regularisation; the two-question thresholds (tuned on ``tests/eval/dev14``)."""
        return {
            "C": 20.0,
            "first_question_threshold": 0.5,
            "also_threshold": 0.7,
            "random_state": 42,
            "encoder_languages": ["fr"],
            "encoder_weight": 0.25,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Pipeline | None = None,
        encoder_model: LogisticRegression | None = None,
    ) -> None:
        """Keep the configuration, where to save, and the fitted models once there are."""
        self.config = {**self.get_default_config(), **config}
        self._storage = model_storage
        self._resource = resource
        self.model = model
        self.encoder_model = encoder_model
        self.blend = EncoderBlend(self.config["encoder_languages"], self.config["encoder_weight"])

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
        saved = persistence.load(model_storage, resource)
        model = saved["ngrams"]
        model[-1].coef_ = np.asfortranarray(model[-1].coef_)
        return cls(config, model_storage, resource, model, saved["encoder"])

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
        labels = [e.get(INTENT) for e in examples]
        self.model.fit([e.get(TEXT) for e in examples], labels)
        raw = [str(e.get(RAW_TEXT) or e.get(TEXT)) for e in examples]
        self.encoder_model = self.blend.fit(raw, labels)
        persistence.save(
            {"ngrams": self.model, "encoder": self.encoder_model}, self._storage, self._resource
        )
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Set the intent, the ranking and, for a two-question message, the second topic."""
        if self.model is None:
            return messages
        probabilities = self.blend.blend(
            self.encoder_model,
            [str(m.get(RAW_TEXT) or m.get(TEXT) or "") for m in messages],
            self.model.predict_proba([m.get(TEXT) or "" for m in messages]),
            [str(c) for c in self.model.classes_],
        )
        for message, probs in zip(messages, probabilities, strict=True):
            ranking = self._ranking(probs)
            if message.get(TEXT) == EMPTY_PLACEHOLDER:
                # Only emoji or symbols: no topic can be read from it (the placeholder's
                # own letters looked like "messages" and gave "delete my data").
                ranking = [{**r, "confidence": 0.0} for r in ranking]
            first, also = self._first_question(str(message.get(RAW_TEXT) or ""), ranking)
            if first is not None:
                ranking = first_question_ranking(first, ranking)
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:RANKING_LENGTH], add_to_output=True)
            if also:
                message.set(ALSO_TOPIC, also, add_to_output=True)
        return messages

    def _ranking(self, probs: Any) -> list[dict[str, Any]]:
        assert self.model is not None
        order = np.argsort(-probs)
        classes = self.model.classes_
        return [{"name": str(classes[i]), "confidence": float(probs[i])} for i in order]

    def _first_question(
        self, raw: str, ranking: list[dict[str, Any]]
    ) -> tuple[dict[str, Any] | None, str | None]:
        """The first question's topic when it comes before the whole message's; the other one.

        Returns (the intent to put first, or None to keep the whole message's;
        the second topic to offer, or None).
        """
        assert self.model is not None
        pieces = parts(raw)
        if len(pieces) < 2:
            return None, None
        probabilities = self.model.predict_proba([normalize(p) for p in pieces])
        tops = [self._ranking(p)[0] for p in probabilities]
        whole = ranking[0]["name"]
        first = tops[0]
        if (
            asks(pieces[0])
            and first["name"] != whole
            and self._topic(first["name"])
            and self._topic(whole)
            and first["confidence"] >= self.config["first_question_threshold"]
        ):
            return first, self._topic(whole)
        others = [t for t in tops if self._topic(t["name"]) and t["name"] != whole]
        also = next(
            (t["name"] for t in others if t["confidence"] >= self.config["also_threshold"]), None
        )
        return None, also

    @staticmethod
    def _topic(name: str) -> str | None:
        """``name`` when it is a topic one can offer as a second question."""
        if name in NOT_TOPICS or name in ("emergency", "nlu_fallback"):
            return None
        return name
