"""What users asked that the assistant could not answer, for the editors' report.

One query: each fallback answer and each hand-off, with the user's last
message before it (a correlated subquery), fallbacks first, each in order.
"""

from __future__ import annotations

from sqlalchemy import Select, String, literal, select, union_all
from sqlalchemy.orm import aliased

from bot.storage.database import Database
from bot.storage.models import Handoff, Message, User


def _fallbacks() -> Select[tuple[object, ...]]:
    asked = aliased(Message)
    question = (
        select(asked.text)
        .where(asked.user_id == Message.user_id, asked.id < Message.id, asked.direction == "in")
        .order_by(asked.id.desc())
        .limit(1)
        .correlate(Message)
        .scalar_subquery()
    )
    return (
        select(
            literal(0).label("part"),
            Message.id.label("row"),
            literal("fallback", String).label("kind"),
            literal("", String).label("topic"),
            User.language.label("language"),
            Message.user_id.label("user"),
            Message.created_at.label("at"),
            question.label("text"),
        )
        .join(User, User.id == Message.user_id)
        .where(Message.author == "bot", Message.kind == "fallback")
    )


def _handoffs() -> Select[tuple[object, ...]]:
    question = (
        select(Message.text)
        .where(
            Message.user_id == Handoff.user_id,
            Message.direction == "in",
            Message.created_at <= Handoff.created_at,
        )
        .order_by(Message.id.desc())
        .limit(1)
        .correlate(Handoff)
        .scalar_subquery()
    )
    return select(
        literal(1).label("part"),
        Handoff.id.label("row"),
        ("handoff:" + Handoff.reason).label("kind"),
        Handoff.topic.label("topic"),
        Handoff.language.label("language"),
        Handoff.user_id.label("user"),
        Handoff.created_at.label("at"),
        question.label("text"),
    )


def unanswered(database: Database) -> list[dict[str, str]]:
    """Fallbacks and hand-offs with the user's words (pseudonymous ids, cut to 12 characters)."""
    both = union_all(_fallbacks(), _handoffs()).subquery()
    with database.session() as session:
        rows = session.execute(select(both).order_by(both.c.part, both.c.row)).all()
    return [
        {
            "kind": row.kind,
            "topic": row.topic or "",
            "language": row.language or "",
            "user": row.user[:12],
            "at": row.at.isoformat(),
            "text": row.text or "",
        }
        for row in rows
    ]
