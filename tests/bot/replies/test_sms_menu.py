from __future__ import annotations

import pytest

from bot.replies.rendering import Choice, render
from bot.replies.sms_menu import choices_sms, short_label
from common.content.envelopes import answer_envelope, with_risk_line
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from common.envelope import PERSON_PAYLOAD
from common.languages import LANGUAGES
from common.sms_encoding import encoding, segments

STORE, CATALOG = AnswerStore(), TopicCatalog.load()
MENU = [
    Choice(1, "Que faire", "/part_steps"),
    Choice(2, "Papiers à apporter", "/part_documents"),
    Choice(3, "Où aller", "/part_where"),
    Choice(4, "Bon à savoir", "/part_details"),
    Choice(5, "Sources", "/part_sources"),
    Choice(6, "Parler à une personne", "/human_agent"),
    Choice(7, "Menu", "/greet"),
    Choice(8, "Utile ? Oui", "/useful_yes:asylum"),
    Choice(9, "Utile ? Non", "/useful_no:asylum"),
]


def test_known_choices_get_short_labels_others_keep_their_title() -> None:
    assert short_label(Choice(1, "Papiers à apporter", "/part_documents"), "fr") == "Papiers"
    assert short_label(Choice(2, "Utile ? Non", "/useful_no:asylum"), "fr") == "Pas utile"
    assert short_label(Choice(3, "Asile", "/asylum"), "fr") == "Asile"


@pytest.mark.parametrize("language", ["fr", "bm"])
def test_every_choice_of_an_answer_fits_one_gsm7_sms_with_the_date(language: str) -> None:
    text = choices_sms(MENU, language, "Non vérifié, 30/11/26")
    assert text.splitlines()[0] == "Non vérifié, 30/11/26"
    assert encoding(text) == "GSM-7" and segments(text) == 1


def test_the_arabic_choices_take_two_segments_at_most() -> None:
    assert segments(choices_sms(MENU, "ar", "مسودة 30/11/26")) <= 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_answer_opens_with_one_sms_segment_then_its_choices(language: str) -> None:
    for topic in STORE.topics():
        built = answer_envelope(STORE, CATALOG, topic, language)
        if built is None:
            continue
        first, *rest = render(built, "sms").messages
        assert segments(first.text) == 1, (topic, language, first.text)
        assert len(rest) <= 1 and all(segments(m.text) <= 2 for m in rest), (topic, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_under_a_risky_question_the_choices_open_with_the_emergency_numbers(
    language: str,
) -> None:
    built = answer_envelope(STORE, CATALOG, "worker_rights", language)
    assert built is not None
    risky = with_risk_line(built, language)
    first, choices = render(risky, "sms").messages
    assert first.text == render(built, "sms").messages[0].text  # the core stays alone
    danger, date, *_rest = choices.text.splitlines()
    assert "19" in danger and "15" in danger and date[-8:].count("/") == 2
    assert segments(choices.text) <= 2
    assert [c.payload for c in render(risky, "sms").menu].count(PERSON_PAYLOAD) == 1
