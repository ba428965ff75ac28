"""Saved replies staff insert in one click: one text per language under a shared key."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import delete, select

from bot.storage.database import Database
from bot.storage.models import SavedReply

KEY = re.compile(r"[a-z0-9_]{1,64}")
MAX_TITLE = 128
MAX_TEXT = 2000


@dataclass(frozen=True)
class ReplyChoice:
    """One saved reply as the conversation page offers it."""

    key: str
    title: str  # in the staff member's language (French when missing)
    text: str  # in the person's language (French when missing)
    own_text: str  # in the staff member's language


def all_replies(database: Database) -> list[SavedReply]:
    """Every saved reply in every language, by key then language."""
    with database.session() as session:
        return list(
            session.scalars(select(SavedReply).order_by(SavedReply.key, SavedReply.language))
        )


def choices(database: Database, staff_language: str, user_language: str) -> list[ReplyChoice]:
    """The saved replies for one conversation, titled in the staff member's language."""
    by_key: dict[str, dict[str, SavedReply]] = {}
    for reply in all_replies(database):
        by_key.setdefault(reply.key, {})[reply.language] = reply
    found = []
    for key, versions in by_key.items():
        fallback = versions.get("fr") or next(iter(versions.values()))
        own = versions.get(staff_language) or fallback
        theirs = versions.get(user_language) or fallback
        found.append(ReplyChoice(key, own.title, theirs.text, own.text))
    return sorted(found, key=lambda c: c.title.casefold())


def save_reply(database: Database, key: str, language: str, title: str, text: str) -> bool:
    """Create or change one language of a saved reply; False when a field is invalid."""
    title, text = title.strip(), text.strip()
    if not KEY.fullmatch(key) or not title or not text:
        return False
    if len(title) > MAX_TITLE or len(text) > MAX_TEXT:
        return False
    with database.session() as session:
        reply = session.scalars(
            select(SavedReply).where(SavedReply.key == key, SavedReply.language == language)
        ).first()
        if reply is None:
            session.add(SavedReply(key=key, language=language, title=title, text=text))
        else:
            reply.title, reply.text = title, text
        session.commit()
    return True


def delete_reply(database: Database, key: str) -> None:
    """Delete a saved reply in every language."""
    with database.session() as session:
        session.execute(delete(SavedReply).where(SavedReply.key == key))
        session.commit()
