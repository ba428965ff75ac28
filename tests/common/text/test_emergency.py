from __future__ import annotations

import pytest

from common.text.emergency import EmergencyLexicon


@pytest.fixture(scope="module")
def lexicon() -> EmergencyLexicon:
    return EmergencyLexicon.load()


@pytest.mark.parametrize(
    "text",
    [
        "la police m'a arrêté à Tanger",
        "AU SECOURS",
        "il m a frappe hier soir",
        "شدوني البوليس",
        "lboulis chedouni f tanja",
        "polisiw ye n mine",
        "polisi ye n mine kunun",
        "u ye n gosi",
        "je suis en danger et j'ai pas de papiers",
    ],
)
def test_emergencies_are_recognised_in_every_language(lexicon: EmergencyLexicon, text: str) -> None:
    assert lexicon.matches(text)


@pytest.mark.parametrize(
    "text",
    [
        "comment renouveler ma carte de séjour",
        "je veux travailler au Maroc",
        "bghit nrje3 l bladi",
        "n b'a fɛ ka segin Mali",
        "la police des étrangers est où ?",
    ],
)
def test_ordinary_questions_are_not_emergencies(lexicon: EmergencyLexicon, text: str) -> None:
    assert not lexicon.matches(text)


def test_wildcard_allows_up_to_three_words_only() -> None:
    lexicon = EmergencyLexicon(["polisi * n mine"])
    assert lexicon.matches("polisi ye n mine")
    assert lexicon.matches("polisi ye an ka n mine")
    assert not lexicon.matches("polisi ye a fo ko u ka n mine")
