"""Features that survive the way people type: TF-IDF of character and word n-grams.

Messages reach the classifiers folded (``TextNormalizer``: case, accents,
Arabic letter variants, Bambara letters). Character n-grams within words
(2 to 5) read through typos, shorthand and dictation errors ("renouvler",
"karti", "lwra9"); word n-grams (1 and 2) keep the phrases. Sub-linear term
frequencies keep long stories from drowning the question. Measured against
counts, DIET and a TF-IDF baseline in ``make bench`` (docs/benchmarks.md).
"""

from __future__ import annotations

from typing import Any

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

WORD = r"(?u)\b\w+\b"


def text_features() -> Any:
    """An unfitted sklearn transformer from folded texts to sparse features."""
    return FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
            (
                "words",
                TfidfVectorizer(
                    analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=WORD
                ),
            ),
        ]
    )
