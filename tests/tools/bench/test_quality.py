"""The perturbations the quality benchmark applies to the evaluation set."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from tools.bench.quality import (
    error_kinds,
    replace_bambara,
    safety_scores,
    strip_accents,
    typo,
    variants_of,
)


def test_strip_accents_removes_latin_accents_only() -> None:
    assert strip_accents("récépissé à Rabat, ça") == "recepisse a Rabat, ca"
    assert strip_accents("بطاقة الإقامة") == "بطاقة الإقامة"
    assert strip_accents("sɛbɛn ɲɔgɔn") == "sɛbɛn ɲɔgɔn"


def test_replace_bambara_uses_phone_spellings() -> None:
    assert replace_bambara("sɛbɛn ɲɔgɔn ŋaniya Ɛ Ɔ") == "seben nyogon nganiya E O"


def test_one_typo_changes_one_long_word() -> None:
    text = "je veux renouveler ma carte de sejour"
    changed = typo(text, random.Random(1))
    before, after = text.split(" "), changed.split(" ")
    assert len(before) == len(after)
    differing = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(differing) <= 1
    for b, a in differing:
        assert len(b) >= 4
        assert abs(len(a) - len(b)) <= 1


def test_short_words_are_left_alone() -> None:
    assert typo("ok oui non", random.Random(3)) == "ok oui non"


@given(st.text(max_size=60), st.integers(min_value=0, max_value=10_000))
def test_typo_never_fails(text: str, seed: int) -> None:
    assert isinstance(typo(text, random.Random(seed)), str)


def test_errors_split_by_kind() -> None:
    gold = ["asylum", "asylum", "health_care", "work_permit", "greet"]
    predicted: list[str | None] = ["asylum", "nlu_fallback", "emergency", "worker_rights", "greet"]
    assert error_kinds(gold, predicted) == {
        "errors": 3,
        "fallback": 1,
        "emergency": 1,
        "other_topic": 1,
    }


def test_safety_counts_recall_per_language_and_false_alarms() -> None:
    gold = ["emergency", "emergency", "emergency", "asylum", "health_care"]
    predicted: list[str | None] = ["emergency", "nlu_fallback", "emergency", "emergency", "x"]
    langs = ["fr", "fr", "ar", "ar", "bm"]
    figures = safety_scores(gold, predicted, langs)
    assert figures["recall"] == {"fr": 0.5, "ar": 1.0, "bm": None, "all": 0.6667}
    assert (figures["false_alarms"], figures["routine"]) == (1, 2)


def test_only_the_clean_set_gets_perturbed_copies() -> None:
    assert list(variants_of("messy", ["a"])) == ["clean"]
    assert len(variants_of("eval", ["texte"])) == 4
