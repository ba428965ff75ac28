"""The evaluation sets measure generalisation: none of their messages is a training example.

The sets were written by people who never saw ``data/nlu``; this test keeps it
so as the training data grows: no evaluation message may equal a training
example once folded, nor share most of its words with one.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from common.language.detect import nlu_examples
from common.languages import LANGUAGES
from common.text.normalize import normalize
from tools.evaluate import read_examples
from tools.held_out import EVAL_DIR, REGISTRY

SETS = sorted(path for path in EVAL_DIR.rglob("*.yml") if path != REGISTRY)
# Two messages of at least this many words sharing this share of their words
# (Jaccard) are the same message reworded a little.
MIN_WORDS = 5
NEAR = 0.8


def training() -> list[set[str]]:
    return [
        set(normalize(text).split()) for language in LANGUAGES for text in nlu_examples(language)
    ]


TRAINING = training()
BY_WORD: defaultdict[str, list[int]] = defaultdict(list)
for _index, _words in enumerate(TRAINING):
    for _word in _words:
        BY_WORD[_word].append(_index)


def nearest(words: set[str]) -> float:
    """The highest word overlap (Jaccard) of ``words`` with a training example."""
    candidates = {i for word in words for i in BY_WORD.get(word, [])}
    return max(
        (len(words & TRAINING[i]) / len(words | TRAINING[i]) for i in candidates), default=0.0
    )


def test_the_development_sets_are_there() -> None:
    names = {str(path.relative_to(EVAL_DIR)) for path in SETS}
    assert {
        "dev/messy.yml",
        "dev/safety.yml",
        "dev3/messy.yml",
        "dev3/safety.yml",
        "dev4/messy.yml",
        "dev4/safety.yml",
        "dev5/messy.yml",
        "dev5/safety.yml",
        "dev6/messy.yml",
        "dev7/safety.yml",
        "dev8/safety.yml",
        "dev9/safety.yml",
        "dev10/safety.yml",
        "dev11/safety.yml",
        "dev12/messy.yml",
        "dev13/messy.yml",
        "dev14/two_questions.yml",
        "dev15/safety.yml",
        "dev16/safety.yml",
        "dev17/safety.yml",
        "dev18/safety.yml",
        "dev19/safety.yml",
        "dev20/safety.yml",
        "dev21/safety.yml",
    } <= names


@pytest.mark.parametrize("path", SETS, ids=lambda p: str(p.relative_to(EVAL_DIR)))
def test_no_evaluation_message_is_a_training_example(path: Path) -> None:
    exact, near = [], []
    for example in read_examples(path):
        words = set(normalize(example.text).split())
        if words in TRAINING:
            exact.append(example.text)
        elif len(words) >= MIN_WORDS and nearest(words) >= NEAR:
            near.append(example.text)
    assert exact == [], f"{len(exact)} messages are also training examples"
    assert near == [], f"{len(near)} messages are near copies of training examples"
