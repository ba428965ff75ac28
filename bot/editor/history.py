"""The history of each answer file: who changed what, when, with the file around it.

Every change made from the editor page (a save, a review, a restore, a
publication, a new topic) is a row of ``content_history`` with the whole file
before and after, so the page can show the change as a diff and put any
earlier version back in one click. Drafts (``content_drafts``) are checked
files kept here until someone publishes them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import select

from bot.storage.database import Database
from bot.storage.models import ContentChange, ContentDraft, Staff
from common import yamlload
from common.languages import SOURCE_LANGUAGE

SAVE, REVIEW, RESTORE, PUBLISH, NEW_TOPIC, AUDIO = (
    "save",
    "review",
    "restore",
    "publish",
    "new-topic",
    "audio",
)
# The fields of a language block as a translator reads them, in order.
READABLE_FIELDS = ("title", "core", "sms", "steps", "documents", "where", "details", "say")


@dataclass(frozen=True)
class Entry:
    """One change as the history page lists it."""

    id: int
    at: dt.datetime
    who: str
    language: str
    action: str
    summary: str
    has_file: bool


@dataclass(frozen=True)
class Row:
    """One line of a side-by-side diff: ``kind`` is same, changed, added or removed."""

    kind: str
    left: str
    right: str


def record(
    database: Database,
    topic: str,
    language: str,
    staff_id: int | None,
    action: str,
    summary: str,
    before: str | None,
    after: str | None,
) -> int:
    """Add a change to the history; return its id."""
    with database.session() as session:
        change = ContentChange(
            topic=topic,
            language=language,
            staff_id=staff_id,
            action=action,
            summary=summary,
            before=before,
            after=after,
        )
        session.add(change)
        session.commit()
        return int(change.id)


def entries(database: Database, topic: str, limit: int = 100) -> list[Entry]:
    """The changes of ``topic``, newest first."""
    with database.session() as session:
        rows = session.execute(
            select(ContentChange, Staff.display_name)
            .outerjoin(Staff, Staff.id == ContentChange.staff_id)
            .where(ContentChange.topic == topic)
            .order_by(ContentChange.id.desc())
            .limit(limit)
        ).all()
        return [
            Entry(
                change.id,
                change.at,
                name or "?",
                change.language,
                change.action,
                change.summary,
                change.after is not None,
            )
            for change, name in rows
        ]


def change(database: Database, topic: str, change_id: int) -> ContentChange | None:
    """One change of ``topic`` (None when it is not one of this topic's)."""
    with database.session() as session:
        found = session.get(ContentChange, change_id)
        if found is None or found.topic != topic:
            return None
        session.expunge(found)
        return found


def side_by_side(before: str, after: str) -> list[Row]:
    """The two texts line by line, with what changed marked."""
    old, new = before.splitlines(), after.splitlines()
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(Row("same", line, line) for line in old[i1:i2])
            continue
        left, right = old[i1:i2], new[j1:j2]
        for k in range(max(len(left), len(right))):
            a = left[k] if k < len(left) else ""
            b = right[k] if k < len(right) else ""
            kind = "changed" if a and b else ("removed" if a else "added")
            rows.append(Row(kind, a, b))
    return rows


def only_changes(rows: list[Row], context: int = 1) -> list[Row]:
    """The changed rows with ``context`` unchanged rows around each."""
    keep = {
        j
        for i, row in enumerate(rows)
        if row.kind != "same"
        for j in range(i - context, i + context + 1)
    }
    return [row for i, row in enumerate(rows) if i in keep]


def readable(block: Any, name: Callable[[str], str] = str) -> str:
    """A language block as plain lines (label: text), for translators' diffs.

    ``name`` gives each field's label (the form's, in the reader's language).
    """
    if not isinstance(block, dict):
        return ""
    lines: list[str] = []
    for key in READABLE_FIELDS:
        value = block.get(key)
        if isinstance(value, str) and value.strip():
            lines.append(f"{name(key)}: {' '.join(value.split())}")
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    text = " · ".join(str(v) for v in item.values() if v)
                else:
                    text = str(item)
                lines.append(f"{name(key)}: - {text}")
    return "\n".join(lines)


def _french_updated(text: str | None) -> tuple[dt.date | None, Any]:
    if not text:
        return None, None
    try:
        data = yamlload.safe_load(text)
    except yaml.YAMLError:
        return None, None
    french = data.get(SOURCE_LANGUAGE) if isinstance(data, dict) else None
    if not isinstance(french, dict):
        return None, None
    updated = french.get("updated")
    return (updated if isinstance(updated, dt.date) else None), french


def french_as_translated(database: Database, topic: str, translated_from: dt.date) -> Any:
    """The French block as it was when its ``updated`` date was ``translated_from``.

    The newest version in the history with that date; None when the history
    does not go back that far.
    """
    with database.session() as session:
        changes = session.scalars(
            select(ContentChange)
            .where(ContentChange.topic == topic)
            .order_by(ContentChange.id.desc())
        ).all()
        for row in changes:
            for text in (row.after, row.before):
                updated, french = _french_updated(text)
                if updated == translated_from:
                    return french
    return None


def save_draft(database: Database, topic: str, text: str, staff_id: int | None) -> None:
    """Keep ``text`` as the topic's draft (replacing an earlier one)."""
    with database.session() as session:
        draft = session.get(ContentDraft, topic)
        if draft is None:
            draft = ContentDraft(topic=topic, text=text, staff_id=staff_id)
            session.add(draft)
        else:
            draft.text, draft.staff_id = text, staff_id
            draft.at = dt.datetime.now(dt.UTC)
        session.commit()


def draft_of(database: Database, topic: str) -> tuple[str, str, dt.datetime] | None:
    """The topic's draft: its text, who saved it and when; None without one."""
    with database.session() as session:
        found = session.execute(
            select(ContentDraft, Staff.display_name)
            .outerjoin(Staff, Staff.id == ContentDraft.staff_id)
            .where(ContentDraft.topic == topic)
        ).first()
        if found is None:
            return None
        draft, name = found
        return draft.text, name or "?", draft.at


def drop_draft(database: Database, topic: str) -> None:
    """Forget the topic's draft (published or discarded)."""
    with database.session() as session:
        draft = session.get(ContentDraft, topic)
        if draft is not None:
            session.delete(draft)
            session.commit()
