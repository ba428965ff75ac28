"""Rows the editors' reports count, written straight into a test database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.orm import Session

from bot.storage.models import Message, User


def add_unanswered(
    session: Session, user_id: str, language: str, text: str, times: Iterable[dt.datetime]
) -> None:
    """A web-chat user who wrote ``text`` at each of ``times`` and got the fallback each time."""
    session.add(User(id=user_id, channel="local", address_sealed="x", language=language))
    session.flush()
    for at in times:
        session.add(
            Message(user_id=user_id, direction="in", author="user", text=text, created_at=at)
        )
        session.add(
            Message(
                user_id=user_id,
                direction="out",
                author="bot",
                kind="fallback",
                text="?",
                created_at=at,
            )
        )
