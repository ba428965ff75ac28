from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from common.language import LanguageDetector
from common.language.detect import CORPUS_TRAIN_LINES, corpus_lines

EVAL = Path(__file__).resolve().parents[2] / "eval" / "eval.yml"


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector.from_project()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("bonjour je veux des papiers", "fr"),
        ("jveux renouvler ma carte de sejour stp", "fr"),
        ("n b'a fɛ ka segin Mali", "bm"),
        ("n b a fe ka segin mali", "bm"),
        ("kifach n9ad lwra9 dyali", "ar"),
        ("bghit nrje3 l bladi 3afak", "ar"),
        ("بغيت نرجع لبلادي", "ar"),
        ("أريد العودة إلى بلدي", "ar"),
    ],
)
def test_detects_phone_messages(detector: LanguageDetector, text: str, language: str) -> None:
    assert detector.detect(text).language == language


@pytest.mark.parametrize("word", ["bonjour", "merci", "ok", "salam", "Bonsoir!"])
def test_one_word_in_latin_letters_is_not_enough(detector: LanguageDetector, word: str) -> None:
    assert detector.detect(word).language is None


@pytest.mark.parametrize(
    "text",
    ["qsdf qsdf", "blorp zzz", "kjhkjh hjkhkj", "wxc vbn", "zorblak ok", "qsdf a", "blorp 1"],
)
def test_keyboard_mash_is_no_language(detector: LanguageDetector, text: str) -> None:
    # Letter n-grams alone called these Darija, with a confidence of 0.99 or more.
    assert detector.detect(text).language is None


@pytest.mark.parametrize(
    "text", ["bghiiit nkhdmm", "kifaache ndiir", "3awnoooni drbooooni", "wakhaa chokraaan"]
)
def test_stretched_letters_are_still_words(detector: LanguageDetector, text: str) -> None:
    assert detector.detect(text).language == "ar"


def test_no_letters_means_unsure(detector: LanguageDetector) -> None:
    assert detector.detect("😀 123 !!").language is None
    assert detector.detect("").language is None


def test_held_out_corpus_lines(detector: LanguageDetector) -> None:
    """Lines the detector never saw: Bambara and French sentences of the corpus."""
    held_out = {
        "bm": corpus_lines("bam", CORPUS_TRAIN_LINES, None),
        "fr": corpus_lines("fr", CORPUS_TRAIN_LINES, None),
    }
    for language, lines in held_out.items():
        assert len(lines) > 600
        correct = sum(detector.detect(line).language == language for line in lines)
        assert correct / len(lines) >= 0.9, language


def test_evaluation_set_language_accuracy(detector: LanguageDetector) -> None:
    examples = yaml.safe_load(EVAL.read_text(encoding="utf-8"))["examples"]
    for language in ("fr", "ar", "bm"):
        mine = [e for e in examples if e["lang"] == language]
        correct = sum(detector.detect(e["text"]).language == language for e in mine)
        assert correct / len(mine) >= 0.9, language
