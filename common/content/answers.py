"""Answer files (format v2, layered): one YAML file per topic with French, Arabic and Bambara.

The format is documented for editors in ``docs/answer-format.md``. This module
reads a file into typed values and refuses a file that lacks what every answer
must carry (a title, a core, an SMS line, sources with their kind and dates, a
status). The deeper editorial checks (budgets, source dates, honest status,
glossary, placeholders) live in the content check (:mod:`common.content.check`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from common import yamlload
from common.languages import LANGUAGES, SOURCE_LANGUAGE

# A recorded answer: a plain file name in the audio folder (never a path elsewhere).
_AUDIO_REF = re.compile(r"audio/[A-Za-z0-9][A-Za-z0-9._-]{0,100}")

DRAFT, REVIEWED, NEEDS_UPDATE = "draft", "reviewed", "needs_update"
STATUSES = (DRAFT, REVIEWED, NEEDS_UPDATE)
SOURCE_KINDS = ("law", "official", "un", "ngo", "press")
COUNTRIES = ("MA", "ML")
UNKNOWN = "unknown"  # a source's ``published`` when the page carries no date
# The parts offered after the core, in the order they are offered.
PARTS = ("steps", "documents", "where", "details")


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
    kind: str
    published: dt.date | None  # None: the source shows no date (``unknown``)
    consulted: dt.date
    url: str | None = None
    reference: str | None = None


@dataclass(frozen=True)
class Place:
    """An office, NGO or consulate where the person can go."""

    name: str
    details: str = ""
    url: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Call:
    """A number to call in an emergency (the emergency topic's ``call``)."""

    name: str
    phone: str


@dataclass(frozen=True)
class Review:
    """Who checked a language against the sources, and when: a person, never a tool."""

    by: str
    on: dt.date


@dataclass(frozen=True)
class Answer:
    """One topic's answer in one language.

    ``status`` is the honest one: a translation older than the French it
    follows is ``needs_update`` whatever the file says.
    """

    language: str
    status: str
    title: str
    core: str
    sms: str
    steps: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    where: tuple[Place, ...] = ()
    details: tuple[str, ...] = ()
    reviewed: Review | None = None
    updated: dt.date | None = None  # French: when its text last changed
    checked: dt.date | None = None  # when the text was last compared with its sources
    translated_from: dt.date | None = None  # translations: the French ``updated`` followed
    review_note: str = ""
    call: tuple[Call, ...] = ()
    say: str = ""
    audio: str | None = None

    def parts(self) -> tuple[str, ...]:
        """The parts that have content, in the order they are offered (sources not included)."""
        return tuple(p for p in PARTS if getattr(self, p))

    def last_change(self) -> dt.date | None:
        """The date users see next to the status: the review, else the last update."""
        if self.status == REVIEWED and self.reviewed:
            return self.reviewed.on
        return self.updated or self.translated_from or self.checked


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


def as_date(value: Any) -> dt.date | None:
    """A YAML date (or ``YYYY-MM-DD`` text) as a date; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def review_date(review: dict[Any, Any]) -> Any:
    """The ``on`` of a ``reviewed`` block (PyYAML reads the key ``on`` as True, YAML 1.1)."""
    return review["on"] if "on" in review else review.get(True)


def _date(value: Any, where: str, problems: list[str]) -> dt.date | None:
    found = as_date(value)
    if found is None:
        problems.append(f"{where}: {value!r} is not a date written YYYY-MM-DD")
    return found


def _text(value: Any, where: str, problems: list[str], required: bool = True) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(f"{where} is missing or empty")
        return ""
    if not isinstance(value, str):
        problems.append(f"{where} must be text")
        return ""
    return " ".join(value.split()) if "\n" in value.strip() else value.strip()


def _optional(value: Any) -> str | None:
    return None if value is None else str(value).strip() or None


def _texts(value: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where} must be a list of lines of text")
        return ()
    return tuple(v.strip() for v in value if v.strip())


def _entries(value: Any, where: str, problems: list[str]) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(f"{where} must be a list of entries, each with a name")
        return []
    return value


def _places(value: Any, where: str, problems: list[str]) -> tuple[Place, ...]:
    return tuple(
        Place(
            name=_text(item.get("name"), f"{where} #{i} name", problems),
            details=_text(item.get("details"), f"{where} #{i} details", problems, False),
            url=_optional(item.get("url")),
            phone=_optional(item.get("phone")),
        )
        for i, item in enumerate(_entries(value, where, problems), 1)
    )


def _calls(value: Any, where: str, problems: list[str]) -> tuple[Call, ...]:
    return tuple(
        Call(
            name=_text(item.get("name"), f"{where} #{i} name", problems),
            phone=_text(
                None if item.get("phone") is None else str(item.get("phone")),
                f"{where} #{i} phone",
                problems,
            ),
        )
        for i, item in enumerate(_entries(value, where, problems), 1)
    )


def _source(i: int, item: dict[str, Any], problems: list[str]) -> Source:
    where = f"sources #{i}"
    kind = item.get("kind")
    if kind not in SOURCE_KINDS:
        problems.append(f"{where} kind must be one of {', '.join(SOURCE_KINDS)}, not {kind!r}")
    published = item.get("published")
    published_date = None
    if published != UNKNOWN:
        published_date = _date(published, f"{where} published (or unknown)", problems)
    return Source(
        title=_text(item.get("title"), f"{where} title", problems),
        publisher=_text(item.get("publisher"), f"{where} publisher", problems),
        kind=str(kind),
        published=published_date,
        consulted=_date(item.get("consulted"), f"{where} consulted", problems) or dt.date.min,
        url=_optional(item.get("url")),
        reference=_optional(item.get("reference")),
    )


def _sources(value: Any, problems: list[str]) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        problems.append("sources: at least one source (title, publisher, kind, dates) is needed")
        return ()
    sources = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            problems.append(f"sources #{i} must have a title, a publisher, a kind and dates")
            continue
        sources.append(_source(i, item, problems))
    return tuple(sources)


def _review(language: str, value: Any, problems: list[str]) -> Review | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(f"{language} reviewed must say by whom (by) and when (on)")
        return None
    on = _date(review_date(value), f"{language} reviewed on", problems)
    by = _text(value.get("by"), f"{language} reviewed by", problems)
    return Review(by, on) if on and by else None


def _dates(language: str, data: dict[str, Any], problems: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {"updated": None, "translated_from": None, "checked": None}
    if language == SOURCE_LANGUAGE:
        found["updated"] = _date(data.get("updated"), f"{language} updated", problems)
    elif "translated_from" in data:
        where = f"{language} translated_from"
        found["translated_from"] = _date(data.get("translated_from"), where, problems)
    else:
        problems.append(f"{language} translated_from (the French 'updated' translated) is missing")
    if data.get("checked") is not None:
        found["checked"] = _date(data.get("checked"), f"{language} checked", problems)
    return found


def _audio(language: str, value: Any, problems: list[str]) -> str | None:
    if value is not None and not (isinstance(value, str) and _AUDIO_REF.fullmatch(value)):
        problems.append(
            f"{language} audio must name a file of the audio folder "
            f"(like audio/answer-{language}.ogg)"
        )
        return None
    return value


def _answer(language: str, data: Any, problems: list[str]) -> Answer | None:
    if not isinstance(data, dict):
        problems.append(f"{language}: the answer must be a block of fields")
        return None
    status = data.get("status")
    if status not in STATUSES:
        problems.append(
            f"{language} status must be draft, reviewed or needs_update, not {status!r}"
        )
    return Answer(
        language=language,
        status=str(status),
        title=_text(data.get("title"), f"{language} title", problems),
        core=_text(data.get("core"), f"{language} core", problems),
        sms=_text(data.get("sms"), f"{language} sms", problems),
        steps=_texts(data.get("steps"), f"{language} steps", problems),
        documents=_texts(data.get("documents"), f"{language} documents", problems),
        where=_places(data.get("where"), f"{language} where", problems),
        details=_texts(data.get("details"), f"{language} details", problems),
        reviewed=_review(language, data.get("reviewed"), problems),
        review_note=_text(data.get("review_note"), f"{language} review_note", problems, False),
        call=_calls(data.get("call"), f"{language} call", problems),
        say=_text(data.get("say"), f"{language} say", problems, False),
        audio=_audio(language, data.get("audio"), problems),
        **_dates(language, data, problems),
    )


def _honest(answer: Answer, french: Answer | None) -> Answer:
    """A translation that follows an older French text needs an update, whatever it says."""
    if (
        answer.language != SOURCE_LANGUAGE
        and french is not None
        and french.updated
        and answer.translated_from
        and answer.translated_from < french.updated
    ):
        return replace(answer, status=NEEDS_UPDATE)
    return answer


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
    french = answers[SOURCE_LANGUAGE]
    honest = {language: _honest(answer, french) for language, answer in answers.items()}
    return TopicAnswers(str(topic), str(country), sources, honest, path)


def load_answer_file(path: Path) -> TopicAnswers:
    """Read and validate one answer file.

    Raises:
        AnswerFileError: the file is not valid YAML or misses required fields.
    """
    try:
        data = yamlload.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise AnswerFileError(path, [f"the file cannot be read as YAML: {error}"]) from error
    return parse_answer_data(data, path)
