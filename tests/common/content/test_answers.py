"""Every answer file loads, every topic is answered in fr/ar/bm with sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.content import TopicCatalog, load_answer_file
from common.content.answers import AnswerFileError
from common.content.paths import answers_dir, audio_file
from common.sms_encoding import fits_one_sms

CATALOG = TopicCatalog.load()


@pytest.mark.parametrize("topic", CATALOG.information_topics())
def test_every_information_topic_has_three_languages_and_sources(topic: str) -> None:
    answers = load_answer_file(answers_dir() / f"{topic}.yml")
    assert set(answers.answers) == {"fr", "ar", "bm"}
    assert answers.sources
    for source in answers.sources:
        assert source.title and source.publisher
    for answer in answers.answers.values():
        assert answer.short and answer.full and answer.title
        assert fits_one_sms(answer.short), (topic, answer.language)


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
    assert "fr short" in problems


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
