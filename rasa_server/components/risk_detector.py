"""Rasa component: danger is its own layer, decided on every message, not one topic among 24.

Two signals, tuned for recall (a person in danger must never be told to
rephrase):

- the lexicon of ``content/risk_lexicon.yml`` (``danger_now`` and
  ``possible_risk`` phrases in every language);
- a classifier of emergencies against everything else, trained on the same
  ``data/nlu`` examples (the ``emergency`` intent against all the others,
  including routine questions that mention the police, arrests or threats).

``danger`` (a danger phrase, or the classifier's probability at or above
``danger_threshold`` while the topic classifier is not sure of a routine topic:
under ``routine_confidence`` for its best topic other than ``emergency``, or the
probability at or above ``sure_threshold``): the intent becomes ``emergency`` whatever the topic
classifier guessed, so the emergency answer goes first and staff are alerted
as urgent. ``possible`` (a possible-risk phrase, or a probability at or above
``possible_threshold``): the topic is answered, with the emergency line and a
person offered. Otherwise the topic classifier's own ``emergency`` guess is
set aside: a low-confidence guess never raises an urgent hand-off by itself.
The level and the score go into the parse result as ``risk``. Thresholds:
``make bench`` reports recall and false alarms by cross-validation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from common.text.risk import DANGER, DEFAULT_LEXICON, NONE, POSSIBLE, RiskLexicon
from rasa_server.components import persistence
from rasa_server.components.features import text_features
from rasa_server.components.text_normalizer import RAW_TEXT

EMERGENCY = "emergency"
RISK = "risk"
# In danger the other topics stay in the ranking, in their order, at this share of their
# confidence: the emergency then leads by a clear margin, and no later rule reading the
# ranking (Rasa's FallbackClassifier ambiguity check) can take it for a tie with a sure topic.
OTHERS_IN_DANGER = 0.5


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class RiskDetector(GraphComponent):
    """Decides danger / possible risk / none, and makes ``emergency`` follow it."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The lexicon file and the thresholds on the emergency probability."""
        return {
            "lexicon": str(DEFAULT_LEXICON),
            "danger_threshold": 0.5,
            "possible_threshold": 0.2,
            "routine_confidence": 0.85,
            "sure_threshold": 0.75,
            "classifier_min_words": 3,
            "C": 10.0,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Pipeline | None = None,
    ) -> None:
        """Keep the configuration, the lexicon and the fitted classifier once there is one."""
        self.config = {**self.get_default_config(), **config}
        self.lexicon = RiskLexicon.load(Path(self.config["lexicon"]))
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
    ) -> RiskDetector:
        """A new, untrained detector."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RiskDetector:
        """The trained detector."""
        return cls(config, model_storage, resource, persistence.load(model_storage, resource))

    def train(self, training_data: TrainingData) -> Resource:
        """Fit emergency against every other intent; save."""
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        self.model = Pipeline(
            [
                ("features", text_features()),
                (
                    "classifier",
                    LogisticRegression(C=self.config["C"], class_weight="balanced", max_iter=3000),
                ),
            ]
        )
        self.model.fit(
            [e.get(TEXT) for e in examples], [e.get(INTENT) == EMERGENCY for e in examples]
        )
        persistence.save(self.model, self._storage, self._resource)
        return self._resource

    def probability(self, texts: list[str]) -> list[float]:
        """The classifier's probability that each (folded) text is an emergency."""
        if self.model is None:
            return [0.0 for _ in texts]
        column = list(self.model.classes_).index(True)
        return [float(p[column]) for p in self.model.predict_proba(texts)]

    def level(self, text: str, probability: float, routine: float = 0.0) -> str:
        """``danger``, ``possible`` or ``none`` for one text (as typed: its clauses count).

        ``routine`` is the topic classifier's confidence in its best topic other
        than ``emergency``: when it is sure of a routine topic ("n be siran ka n den
        bila lakoli la"), only a danger phrase or a sure probability make it danger.
        """
        phrases = self.lexicon.level(text)
        unsure_of_routine = routine < self.config["routine_confidence"]
        # One or two words ("fr", a name) tell the classifier too little to call danger
        # alone: there the lexicon decides ("au secours", "3tqouni").
        enough_words = len(text.split()) >= self.config["classifier_min_words"]
        # What is said after "it is over" ("they let me go", "I am healed now") is read
        # alone: an emergency there is danger ("... kolchi mzyan daba, sa7bti chedouha
        # ..."); a routine question there settles the classifier's word on the whole
        # message, and a danger phrase only when told as yesterday's ("la police nous a
        # embarque hier soir, ils nous ont relache ce matin, hamdoulah tout va bien. ma
        # carte expire ...": the topic, with the emergency line). A danger phrase told
        # as now is never settled: the "over" may be about someone else ("sa7bi tay7 f
        # lard ... ana daba labas, fin sbitar"). Nothing after it settles nothing.
        after = self.said_after_over(text)
        if after is not None and after >= self.config["danger_threshold"]:
            return DANGER
        settled = after is not None and after < self.config["possible_threshold"]
        if (phrases == DANGER and not (settled and self.lexicon.told_as_yesterdays(text))) or (
            enough_words
            and probability >= self.config["danger_threshold"]
            and (unsure_of_routine or probability >= self.config["sure_threshold"])
            and not settled
        ):
            return DANGER
        if phrases != NONE or probability >= self.config["possible_threshold"]:
            return POSSIBLE
        return NONE

    def said_after_over(self, text: str) -> float | None:
        """The emergency probability of what follows "it is over" in ``text`` read alone.

        None when ``text`` is not told as over, or too little follows to tell ("... u ye
        n bila kunun").
        """
        after = self.lexicon.said_after_over(text) or ""
        if len(after.split()) < self.config["classifier_min_words"]:
            return None
        return self.probability([after])[0]

    def process(self, messages: list[Message]) -> list[Message]:
        """Set ``risk`` on every message; make the intent ``emergency`` exactly when in danger."""
        texts = [str(m.get(TEXT) or "") for m in messages]
        for message, text, probability in zip(
            messages, texts, self.probability(texts), strict=True
        ):
            ranking = [
                r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != EMERGENCY
            ]
            routine = max((float(r.get("confidence") or 0.0) for r in ranking), default=0.0)
            level = self.level(str(message.get(RAW_TEXT) or text), probability, routine)
            message.set(RISK, {"level": level, "score": round(probability, 3)}, add_to_output=True)
            if level == DANGER:
                others = [
                    {**r, "confidence": float(r.get("confidence") or 0.0) * OTHERS_IN_DANGER}
                    for r in ranking
                ]
                ranking = [{"name": EMERGENCY, "confidence": 1.0}, *others]
            guessed = (message.get(INTENT) or {}).get("name")
            if ranking and (level == DANGER or guessed == EMERGENCY):
                message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
