"""An answer as the envelope users get: first message, one honest status line, parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from common.content.answers import Answer, Place, Review, Source, TopicAnswers
from common.content.check_status import status_patterns
from common.content.envelopes import (
    answer_envelope,
    answer_in,
    answer_parts,
    emergency_envelope,
    first_message,
    source_line,
    status_line,
    with_risk_line,
)
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from common.envelope import ANSWER, button, envelope
from common.envelope import PERSON_PAYLOAD as PERSON

DAY = dt.date(2026, 11, 30)


def answer(language: str = "fr", **fields: object) -> Answer:
    base: dict[str, object] = {
        "language": language,
        "status": "draft",
        "title": "Asile",
        "core": "Contactez le HCR.",
        "sms": "Contactez le HCR.",
        "updated": DAY if language == "fr" else None,
        "translated_from": DAY if language != "fr" else None,
    }
    base.update(fields)
    return Answer(**base)  # type: ignore[arg-type]


def topic(*answers: Answer, country: str = "MA") -> TopicAnswers:
    source = Source("Demander l'asile", "HCR", "un", dt.date(2024, 5, 2), DAY, "https://x.org")
    undated = Source("Loi 02-03", "Royaume du Maroc", "law", None, DAY, None, "BO n° 5162")
    return TopicAnswers("asylum", country, (source, undated), {a.language: a for a in answers})


def test_a_draft_says_so_with_its_update_date_in_the_users_language() -> None:
    assert status_line(answer()) == (
        "Brouillon, pas encore vérifié par une personne (mis à jour le 30/11/2026)"
    )
    assert "30/11/2026" in status_line(answer("ar"))
    assert status_line(answer("ar")) != status_line(answer())


def test_only_a_signed_review_says_checked_by_a_person() -> None:
    signed = answer(status="reviewed", reviewed=Review("Aïcha B.", dt.date(2026, 11, 28)))
    assert status_line(signed) == "Vérifié par une personne le 28/11/2026"
    stale = answer("bm", status="needs_update", reviewed=Review("Awa D.", dt.date(2026, 11, 2)))
    assert "sɛgɛsɛgɛ fɔlɔ" in status_line(stale)  # needs an update: the draft line


def test_sources_are_short_with_year_or_undated_and_link() -> None:
    one, two = topic(answer()).sources
    assert source_line(one, "fr") == "- HCR, Demander l'asile, 2024, https://x.org"
    assert source_line(two, "fr") == "- Royaume du Maroc, Loi 02-03, sans date, BO n° 5162"


def test_only_parts_with_content_are_offered_sources_last() -> None:
    full = answer(
        steps=("Appelez.",),
        where=(Place("HCR", "Rabat", phone="+212 5 37 54 54 00"),),
        details=("Gratuit.",),
    )
    parts = answer_parts(topic(full), full)
    assert [p["key"] for p in parts] == ["steps", "where", "details", "sources"]
    assert [p["title"] for p in parts] == ["Que faire", "Où aller", "Bon à savoir", "Sources"]
    assert parts[0]["text"] == "1. Appelez."
    assert parts[1]["text"] == "- HCR: Rabat (+212 5 37 54 54 00)"


def test_the_first_message_is_title_core_and_status_and_says_mali() -> None:
    text = first_message(topic(answer()), answer())
    assert text.split("\n\n") == ["Asile", "Contactez le HCR.", status_line(answer())]
    mali = first_message(topic(answer(), country="ML"), answer())
    assert "Mali" in mali.split("\n\n")[2]


def test_the_emergency_answer_carries_its_numbers_what_to_say_and_its_parts() -> None:
    built = emergency_envelope(AnswerStore(), TopicCatalog.load(), "bm")
    content = AnswerStore().get("emergency").get("bm")  # type: ignore[union-attr]
    assert built["kind"] == "emergency" and built["handoff"] == "emergency"
    assert built["calls"] == [{"name": c.name, "phone": c.phone} for c in content.call]
    assert built["say"] == content.say
    assert [p["key"] for p in built["parts"]] == [*content.parts(), "sources"]
    assert built["buttons"][0]["payload"] == "/part_" + built["parts"][0]["key"]


def test_a_risky_question_offers_a_person_once_and_first() -> None:
    built = envelope(
        ANSWER,
        "fr",
        "Vos droits\n\nLe salaire minimum.",
        buttons=[button("Que faire", "/part_steps"), button("Parler à une personne", PERSON)],
    )
    risky = with_risk_line(built, "fr")
    assert [b["payload"] for b in risky["buttons"]] == [PERSON, "/part_steps"]
    assert risky["text"].split("\n\n")[1] == risky["risk_line"]


def _status_kinds(text: str, language: str) -> list[str]:
    """Which statuses ``text`` shows: "checked" (by a person), "draft", or both."""
    signed, *drafts = status_patterns(language)[:3]
    found = ["checked"] if signed.search(text) else []
    return found + (["draft"] if any(p.search(text) for p in drafts) else [])


@pytest.mark.parametrize("language", ["fr", "ar", "bm"])
def test_every_answer_shows_one_status_signed_or_draft_never_both(language: str) -> None:
    store, catalog = AnswerStore(), TopicCatalog.load()
    for topic_id in store.topics():
        if topic_id == "emergency":
            continue  # its first message carries no status (the parts do)
        built = answer_envelope(store, catalog, topic_id, language)
        assert built is not None
        content = answer_in(store.get(topic_id), language)  # type: ignore[arg-type]
        expected = ["checked"] if content and content.status == "reviewed" else ["draft"]
        assert _status_kinds(built["text"], language) == expected, topic_id
        assert built["text"].count(built["status_line"]) == 1, topic_id
        signed = replace(content, status="reviewed", reviewed=Review("Awa D.", DAY))
        assert _status_kinds(status_line(signed), language) == ["checked"], topic_id
        assert _status_kinds(first_message(store.get(topic_id), signed), language) == ["checked"], (
            topic_id
        )
