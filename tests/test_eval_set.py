"""The evaluation set measures generalisation: none of its messages is a training example."""

from __future__ import annotations

from pathlib import Path

from common.language.detect import nlu_examples
from common.text.normalize import normalize
from tools.evaluate import read_examples

ROOT = Path(__file__).resolve().parents[1]


def test_no_evaluation_message_repeats_a_training_example() -> None:
    training = {
        normalize(text) for language in ("fr", "ar", "bm") for text in nlu_examples(language)
    }
    repeated = [
        example.text
        for example in read_examples(ROOT / "tests" / "eval" / "eval.yml")
        if normalize(example.text) in training
    ]
    assert repeated == [], f"{len(repeated)} evaluation messages are also training examples"
