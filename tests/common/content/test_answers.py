"""Every answer file loads, every topic is answered in fr/ar/bm with sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from common.content import TopicCatalog, load_answer_file
from common.content.answers import (
    NEEDS_UPDATE,
    SOURCE_KINDS,
    AnswerFileError,
    Review,
    parse_answer_data,
)
from common.content.paths import answers_dir, audio_file
from common.content.sms import first_sms
from common.sms_encoding import fits_one_sms

CATALOG = TopicCatalog.load()


@pytest.mark.parametrize("topic", CATALOG.information_topics())
def test_every_information_topic_has_three_languages_and_sources(topic: str) -> None:
    answers = load_answer_file(answers_dir() / f"{topic}.yml")
    assert set(answers.answers) == {"fr", "ar", "bm"}
    assert answers.sources
    for source in answers.sources:
        assert source.title and source.publisher and source.kind in SOURCE_KINDS
    for answer in answers.answers.values():
        assert answer.core and answer.sms and answer.title
        assert fits_one_sms(first_sms(answer.sms)), (topic, answer.language)  # as sent


def test_no_answer_file_for_an_unknown_topic() -> None:
    known = set(CATALOG.topics)
    assert {p.stem for p in answers_dir().glob("*.yml")} <= known


def test_a_broken_file_is_refused_with_plain_reasons(tmp_path: Path) -> None:
    path = tmp_path / "asylum.yml"
    path.write_text("topic: asylum\ncountry: XX\nfr:\n  status: maybe\n", encoding="utf-8")
    with pytest.raises(AnswerFileError) as error:
        load_answer_file(path)
    problems = " ".join(error.value.problems)
    assert "sources" in problems
    assert "country" in problems
    assert "status" in problems
    assert "fr core" in problems and "fr sms" in problems


@pytest.mark.parametrize(
    "reference",
    ["../../../etc/passwd", "/etc/passwd", "audio/../answers/asylum.yml", "audio/.hidden"],
)
def test_an_audio_reference_outside_the_audio_folder_is_refused(
    reference: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path))
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / ".hidden").write_bytes(b"x")
    assert audio_file(reference) is None


def test_a_recorded_answer_in_the_audio_folder_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONTENT_DIR", str(tmp_path))
    (tmp_path / "audio").mkdir()
    (tmp_path / "audio" / "emergency-fr.ogg").write_bytes(b"OggS")
    assert (
        audio_file("audio/emergency-fr.ogg") == (tmp_path / "audio" / "emergency-fr.ogg").resolve()
    )


def test_an_answer_file_naming_a_file_outside_the_audio_folder_is_refused(tmp_path: Path) -> None:
    source = answers_dir() / "asylum.yml"
    text = source.read_text(encoding="utf-8").replace(
        "\nfr:\n", "\nfr:\n  audio: ../secrets.json\n", 1
    )
    path = tmp_path / "asylum.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnswerFileError, match="audio"):
        load_answer_file(path)


def test_a_translation_older_than_the_french_needs_an_update_whatever_it_says(
    tmp_path: Path,
) -> None:
    text = (answers_dir() / "asylum.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["fr"]["updated"] = dt.date(2026, 11, 29)
    data["ar"]["translated_from"] = dt.date(2026, 11, 1)
    data["ar"]["status"] = "reviewed"
    data["ar"]["reviewed"] = {"by": "Karim T.", "on": dt.date(2026, 11, 2)}
    answers = parse_answer_data(data, tmp_path / "asylum.yml")
    assert answers.answers["ar"].status == NEEDS_UPDATE
    assert answers.answers["ar"].reviewed == Review("Karim T.", dt.date(2026, 11, 2))
    assert answers.answers["fr"].status == "draft"


def test_sources_keep_kind_and_an_unknown_publication_date(tmp_path: Path) -> None:
    data = yaml.safe_load((answers_dir() / "asylum.yml").read_text(encoding="utf-8"))
    data["sources"] = [
        {
            "title": "Page",
            "publisher": "HCR",
            "kind": "un",
            "published": "unknown",
            "consulted": dt.date(2026, 11, 23),
            "url": "https://help.unhcr.org/morocco/",
        }
    ]
    (source,) = parse_answer_data(data, tmp_path / "asylum.yml").sources
    assert source.published is None and source.consulted == dt.date(2026, 11, 23)
    data["sources"][0]["published"] = "someday"
    with pytest.raises(AnswerFileError, match="published"):
        parse_answer_data(data, tmp_path / "asylum.yml")


def test_the_emergency_answer_has_numbers_to_call_and_what_to_say() -> None:
    emergency = load_answer_file(answers_dir() / "emergency.yml")
    for answer in emergency.answers.values():
        assert answer.call and all(c.phone for c in answer.call)
        assert answer.say
