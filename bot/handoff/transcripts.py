"""What the inbox shows of a hand-off: its transcript and its users' attachments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, and_, select

from bot.handoff.states import CLOSED
from bot.storage.database import Database
from bot.storage.models import Handoff, Message, Staff, User


def shown_messages(handoff: Handoff) -> ColumnElement[bool]:
    """The user's messages a hand-off's page shows: all of them, up to its close if closed."""
    shown = Message.user_id == handoff.user_id
    if handoff.state == CLOSED and handoff.closed_at is not None:
        shown = and_(shown, Message.created_at <= handoff.closed_at)
    return shown


def transcript(database: Database, handoff: Handoff) -> list[dict[str, Any]]:
    """The messages a hand-off's page shows, oldest first, with the staff authors' names."""
    with database.session() as session:
        rows = session.execute(
            select(Message, Staff.display_name)
            .outerjoin(Staff, Staff.id == Message.staff_id)
            .where(shown_messages(handoff))
            .order_by(Message.id)
        ).all()
    return [
        {
            "id": m.id,
            "author": m.author,
            "staff": name,
            "kind": m.kind,
            "text": m.text,
            "topic": m.topic,
            "at": m.created_at.strftime("%d/%m %H:%M"),
            "media": bool(m.media_ref),
            "failed": m.delivery_failed,
        }
        for m, name in rows
    ]


def visible_media(
    database: Database, message_id: int, may_see: Callable[[Handoff], bool]
) -> tuple[str, str, str] | None:
    """The media reference, channel and user of an attachment a hand-off page shows.

    None unless one of the user's hand-offs that ``may_see`` accepts shows the
    message (up to the close of a closed hand-off).
    """
    with database.session() as session:
        row = session.execute(
            select(Message.media_ref, User.channel, User.id)
            .join(User, User.id == Message.user_id)
            .where(Message.id == message_id, Message.media_ref.is_not(None))
        ).first()
        if row is None:
            return None
        handoffs = session.scalars(select(Handoff).where(Handoff.user_id == row[2])).all()
        for handoff in handoffs:
            if may_see(handoff) and session.scalar(
                select(Message.id).where(shown_messages(handoff), Message.id == message_id)
            ):
                return (str(row[0]), row[1], row[2])
        return None
