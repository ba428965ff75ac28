"""Answer files: one YAML file per topic with French, Arabic and Bambara.

The format is documented for editors in ``docs/answer-format.md``. This module
reads a file into typed values and refuses a file that lacks what every answer
must carry (a short and a full text, sources, a review date). The deeper
editorial checks (staleness, placeholders, SMS fit) live in the content check.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from common.languages import LANGUAGES, SOURCE_LANGUAGE

# A recorded answer: a plain file name in the audio folder (never a path elsewhere).
_AUDIO_REF = re.compile(r"audio/[A-Za-z0-9][A-Za-z0-9._-]{0,100}")

STATUSES = ("draft", "reviewed")
COUNTRIES = ("MA", "ML")


class AnswerFileError(ValueError):
    """An answer file that cannot be used; ``problems`` says why, in plain words."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        """Keep the file and its problems."""
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


@dataclass(frozen=True)
class Source:
    """A public source an answer rests on."""

    title: str
    publisher: str
    date: dt.date
    url: str | None = None


@dataclass(frozen=True)
class Place:
    """An office, NGO or consulate where the person can go."""

    name: str
    details: str = ""
    url: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Answer:
    """One topic's answer in one language."""

    language: str
    status: str
    reviewed: dt.date
    title: str
    short: str
    full: str
    steps: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    where: tuple[Place, ...] = ()
    updated: dt.date | None = None
    source_updated: dt.date | None = None
    audio: str | None = None


@dataclass(frozen=True)
class TopicAnswers:
    """All the languages of one topic's answer file."""

    topic: str
    country: str
    sources: tuple[Source, ...]
    answers: dict[str, Answer] = field(default_factory=dict)
    path: Path | None = None

    def get(self, language: str) -> Answer | None:
        """The answer in ``language``, or None when that language is missing."""
        return self.answers.get(language)


def _date(value: Any, where: str, problems: list[str]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"{where}: the date {value!r} is not a date written YYYY-MM-DD")
    return None


def _text(value: Any, where: str, problems: list[str], required: bool = True) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(f"{where} is missing or empty")
        return ""
    if not isinstance(value, str):
        problems.append(f"{where} must be text")
        return ""
    return value.strip()


def _texts(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where} must be a list of lines of text")
        return ()
    return tuple(v.strip() for v in value)


def _places(value: Any, where: str, problems: list[str]) -> tuple[Place, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(f"{where} must be a list of places")
        return ()
    places = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            problems.append(f"{where} #{i} must have a name")
            continue
        phone = item.get("phone")
        places.append(
            Place(
                name=_text(item.get("name"), f"{where} #{i} name", problems),
                details=_text(item.get("details"), f"{where} #{i}", problems, False),
                url=item.get("url"),
                phone=None if phone is None else str(phone),
            )
        )
    return tuple(places)


def _sources(value: Any, problems: list[str]) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        problems.append("sources: at least one source (title, publisher, date) is needed")
        return ()
    sources = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            problems.append(f"sources #{i} must have a title, a publisher and a date")
            continue
        date = _date(item.get("date"), f"sources #{i} date", problems)
        sources.append(
            Source(
                title=_text(item.get("title"), f"sources #{i} title", problems),
                publisher=_text(item.get("publisher"), f"sources #{i} publisher", problems),
                date=date or dt.date.min,
                url=item.get("url"),
            )
        )
    return tuple(sources)


def _answer(language: str, data: Any, problems: list[str]) -> Answer | None:
    if not isinstance(data, dict):
        problems.append(f"{language}: the answer must be a block of fields")
        return None
    status = data.get("status")
    if status not in STATUSES:
        problems.append(f"{language} status must be draft or reviewed, not {status!r}")
    reviewed = _date(data.get("reviewed"), f"{language} reviewed", problems)
    updated = source_updated = None
    if language == SOURCE_LANGUAGE:
        updated = _date(data.get("updated"), f"{language} updated", problems)
    elif "source_updated" in data:
        source_updated = _date(data.get("source_updated"), f"{language} source_updated", problems)
    else:
        problems.append(f"{language} source_updated (the French version translated) is missing")
    audio = data.get("audio")
    if audio is not None and not (isinstance(audio, str) and _AUDIO_REF.fullmatch(audio)):
        problems.append(
            f"{language} audio must name a file of the audio folder "
            f"(like audio/answer-{language}.ogg)"
        )
        audio = None
    return Answer(
        language=language,
        status=str(status),
        reviewed=reviewed or dt.date.min,
        title=_text(data.get("title"), f"{language} title", problems),
        short=_text(data.get("short"), f"{language} short", problems),
        full=_text(data.get("full"), f"{language} full", problems),
        steps=_texts(data.get("steps"), f"{language} steps", problems),
        documents=_texts(data.get("documents"), f"{language} documents", problems),
        where=_places(data.get("where"), f"{language} where", problems),
        updated=updated,
        source_updated=source_updated,
        audio=audio,
    )


def parse_answer_data(data: Any, path: Path) -> TopicAnswers:
    """Turn the parsed YAML of an answer file into typed values.

    Raises:
        AnswerFileError: the file misses something every answer must carry.
    """
    problems: list[str] = []
    if not isinstance(data, dict):
        raise AnswerFileError(path, ["the file must be a block of fields (topic, sources, fr…)"])
    topic = data.get("topic")
    if topic != path.stem:
        problems.append(f"topic is {topic!r} but the file is named {path.name}")
    country = data.get("country")
    if country not in COUNTRIES:
        problems.append(f"country must be MA (Morocco) or ML (Mali), not {country!r}")
    sources = _sources(data.get("sources"), problems)
    answers = {}
    for language in LANGUAGES:
        if language in data:
            answer = _answer(language, data[language], problems)
            if answer is not None:
                answers[language] = answer
    if SOURCE_LANGUAGE not in answers:
        problems.append("fr: the French answer (the source) is missing")
    if problems:
        raise AnswerFileError(path, problems)
    return TopicAnswers(str(topic), str(country), sources, answers, path)


def load_answer_file(path: Path) -> TopicAnswers:
    """Read and validate one answer file.

    Raises:
        AnswerFileError: the file is not valid YAML or misses required fields.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise AnswerFileError(path, [f"the file cannot be read as YAML: {error}"]) from error
    return parse_answer_data(data, path)
