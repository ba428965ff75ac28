"""The risk lexicon: danger now, possible risk, and nothing else."""

from __future__ import annotations

import pytest

from common.language.detect import nlu_intent_examples
from common.languages import LANGUAGES
from common.text.risk import DANGER, NONE, POSSIBLE, PhraseMatcher, RiskLexicon


@pytest.fixture(scope="module")
def lexicon() -> RiskLexicon:
    return RiskLexicon.load()


@pytest.mark.parametrize(
    "text",
    [
        "AU SECOURS",
        "ils me frappent devant la maison",
        "mon ami saigne beaucoup il a ete poignarde",
        "كيضربوني دابا",
        "وكيضربوني",  # Arabic glues "and" to the verb
        "joli bɛ ka woyo, a sogo ni muru ye",
        "u be n gosi",
    ],
)
def test_danger_now_in_every_language(lexicon: RiskLexicon, text: str) -> None:
    assert lexicon.level(text) == DANGER


@pytest.mark.parametrize(
    "text",
    [
        "la police m'a arrêté en 2022, je peux avoir la carte?",
        "polisi ye n mine san 2020, karti bɛ se ka sɔrɔ wa",
        "j'ai peur de la police quand je sors",
    ],
)
def test_past_or_feared_events_are_a_possible_risk(lexicon: RiskLexicon, text: str) -> None:
    assert lexicon.level(text) == POSSIBLE


@pytest.mark.parametrize(
    "text",
    [
        "comment renouveler ma carte de séjour",
        "bghit nrje3 l bladi",
        "n b'a fɛ ka segin Mali",
        "le chat de ma voisine est orange",
    ],
)
def test_ordinary_questions_carry_no_risk(lexicon: RiskLexicon, text: str) -> None:
    assert lexicon.level(text) == NONE


def test_wildcard_allows_up_to_three_words_only() -> None:
    matcher = PhraseMatcher(["polisi * n mine"])
    assert matcher.matches("polisi ye n mine")
    assert matcher.matches("polisi ye an ka n mine")
    assert not matcher.matches("polisi ye a fo ko u ka n mine")


def test_no_danger_phrase_fires_on_an_ordinary_training_example(lexicon: RiskLexicon) -> None:
    """A danger phrase on a routine question would send a person the emergency answer."""
    fired = [
        text
        for language in LANGUAGES
        for text, intent in nlu_intent_examples(language)
        if intent != "emergency" and lexicon.danger_now.matches(text)
    ]
    assert fired == []
