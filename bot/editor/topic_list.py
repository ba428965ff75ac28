"""The editor's list of topics: title in the editor's language, status per language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml

from bot.editor.answer_files import statuses
from bot.editor.history import draft_of
from bot.editor.new_topic import pending_training
from bot.storage.database import Database
from common import yamlload
from common.content.check import DEFAULT_MAX_AGE_DAYS
from common.content.paths import answers_dir
from common.content.topics import TopicCatalog
from common.languages import SOURCE_LANGUAGE


@dataclass(frozen=True)
class TopicRow:
    """One line of the topic list."""

    topic: str
    title: str
    theme: str
    status: dict[str, str] = field(default_factory=dict)
    draft: bool = False
    needs_training: bool = False


def title_of(topic: str, language: str) -> str:
    """The answer's title in ``language`` (French otherwise, else its id in words)."""
    path = answers_dir() / f"{topic}.yml"
    try:
        data = yamlload.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    except (OSError, yaml.YAMLError):
        data = None
    if not isinstance(data, dict):
        return topic.replace("_", " ")
    for candidate in (language, SOURCE_LANGUAGE):
        block = data.get(candidate)
        if isinstance(block, dict) and isinstance(block.get("title"), str):
            return str(block["title"])
    return topic.replace("_", " ")


def topic_rows(database: Database, language: str, today: dt.date) -> list[TopicRow]:
    """Every information topic, in the catalog's order."""
    catalog = TopicCatalog.load()
    table = statuses(answers_dir(), catalog, today, DEFAULT_MAX_AGE_DAYS)
    waiting = pending_training()
    return [
        TopicRow(
            topic,
            title_of(topic, language),
            catalog[topic].theme,
            table[topic],
            draft_of(database, topic) is not None,
            topic in waiting,
        )
        for topic in catalog.information_topics()
    ]
