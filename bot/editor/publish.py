"""Putting a new version of an answer file live: checked, written, recorded, committed.

Every way the editor page changes a file (a save, a review, a restore, a
draft published, a new topic) goes through :func:`go_live`, so each one is
refused the same way when the content check finds an error, and each one is
in the history with the file before and after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bot.editor.answer_files import commit, save_text
from bot.editor.history import record
from bot.storage.database import Database
from common.content.check import DEFAULT_MAX_AGE_DAYS, Finding
from common.content.topics import TopicCatalog


@dataclass(frozen=True)
class Change:
    """What is changed, by whom, and how the history names it."""

    topic: str
    language: str
    action: str
    summary: str
    staff_id: int | None
    author: str


def go_live(database: Database, path: Path, text: str, change: Change) -> list[Finding]:
    """Check ``text`` and make it the file users get; return the errors that stopped it."""
    before = path.read_text(encoding="utf-8") if path.exists() else None
    errors = save_text(path, text, TopicCatalog.load(), dt.date.today(), DEFAULT_MAX_AGE_DAYS)
    if errors:
        return errors
    record(
        database,
        change.topic,
        change.language,
        change.staff_id,
        change.action,
        change.summary,
        before,
        text,
    )
    commit(path, f"Content: {change.topic} ({change.summary}) by {change.author}", change.author)
    return []
