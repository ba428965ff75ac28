"""The staff inbox's queue: views, filters, and one line per hand-off.

Views: ``unassigned`` (waiting, not snoozed), ``mine`` (open, held by the
staff member), ``open`` (every open one, snoozed last) and ``closed`` (the
staff member's own closed ones; an admin's: all). Filters combine: text in
the user's messages, topic, language, channel, team and the day it opened.
Each line carries the last message of the person or staff (a preview; not the
assistant's notices) and the number of user
messages staff have not seen, from correlated subqueries: one query per page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import aliased

from bot.handoff.states import ASSIGNED, CLOSED, OPEN_STATES, WAITING, aware, now
from bot.storage.models import Handoff, Message, Staff

VIEWS = ("unassigned", "mine", "open", "closed")
CLOSED_LIMIT = 100
PREVIEW_CHARS = 90


@dataclass(frozen=True)
class QueueFilters:
    """What the staff member asked to see (empty strings: no filter)."""

    view: str = "open"
    text: str = ""
    topic: str = ""
    language: str = ""
    channel: str = ""
    team: str = ""
    day: dt.date | None = None


@dataclass(frozen=True)
class QueueItem:
    """One line of the staff inbox's queue."""

    id: int
    state: str
    reason: str
    topic: str | None
    language: str | None
    channel: str
    created_at: dt.datetime
    assigned_to: int | None
    assignee: str | None
    team: str | None = None
    preview: str = ""
    preview_author: str = ""
    unread: int = 0
    snoozed_until: dt.datetime | None = None
    first_response_at: dt.datetime | None = None
    ended_by: str | None = None

    def waiting_minutes(self, at: dt.datetime) -> int:
        """Minutes since the hand-off was opened."""
        return int((at - self.created_at).total_seconds() // 60)

    def first_response_minutes(self) -> int | None:
        """Minutes from opening to the first staff reply (None before it)."""
        if self.first_response_at is None:
            return None
        return int((self.first_response_at - self.created_at).total_seconds() // 60)

    def snoozed(self, at: dt.datetime) -> bool:
        """True while the hand-off is snoozed."""
        return self.snoozed_until is not None and self.snoozed_until > at

    def describe(self, at: dt.datetime) -> dict[str, Any]:
        """A JSON-friendly view of the line (for the live queue)."""
        return {
            "id": self.id,
            "state": self.state,
            "reason": self.reason,
            "topic": self.topic,
            "language": self.language,
            "channel": self.channel,
            "waiting_minutes": self.waiting_minutes(at),
            "assignee": self.assignee,
            "team": self.team,
            "preview": self.preview,
            "unread": self.unread,
        }


def _last_message(handoff: type[Handoff]) -> tuple[Any, Any]:
    last, shown_one = aliased(Message), aliased(Message)
    shown = and_(
        last.user_id == handoff.user_id,
        last.author.in_(("user", "staff")),  # not the assistant's notices
        or_(handoff.closed_at.is_(None), last.created_at <= handoff.closed_at),
    )
    newest = (
        select(last.id)
        .where(shown)
        .order_by(last.id.desc())
        .limit(1)
        .correlate(handoff)
        .scalar_subquery()
    )
    text = select(shown_one.text).where(shown_one.id == newest).correlate(handoff)
    author = select(shown_one.author).where(shown_one.id == newest).correlate(handoff)
    return text.scalar_subquery(), author.scalar_subquery()


def _unread(handoff: type[Handoff]) -> Any:
    seen = aliased(Message)
    return (
        select(func.count(seen.id))
        .where(
            seen.user_id == handoff.user_id,
            seen.direction == "in",
            seen.id > handoff.staff_seen_id,
            seen.created_at >= handoff.created_at,
            or_(handoff.closed_at.is_(None), seen.created_at <= handoff.closed_at),
        )
        .correlate(handoff)
        .scalar_subquery()
    )


def _view(
    filters: QueueFilters, staff_id: int, admin: bool, at: dt.datetime
) -> ColumnElement[bool]:
    awake = or_(Handoff.snoozed_until.is_(None), Handoff.snoozed_until <= at)
    if filters.view == "unassigned":
        return and_(Handoff.state == WAITING, awake)
    if filters.view == "mine":
        return and_(Handoff.state == ASSIGNED, Handoff.assigned_to == staff_id)
    if filters.view == "closed":
        return (
            and_(Handoff.state == CLOSED, Handoff.assigned_to == staff_id)
            if not admin
            else (Handoff.state == CLOSED)
        )
    return Handoff.state.in_(OPEN_STATES)


def _filtered(query: Select[Any], filters: QueueFilters) -> Select[Any]:
    for column, value in (
        (Handoff.topic, filters.topic),
        (Handoff.language, filters.language),
        (Handoff.channel, filters.channel),
        (Handoff.team, filters.team),
    ):
        if value:
            query = query.where(column == value)
    if filters.day is not None:
        start = dt.datetime.combine(filters.day, dt.time(), dt.UTC)
        query = query.where(
            Handoff.created_at >= start, Handoff.created_at < start + dt.timedelta(days=1)
        )
    if filters.text.strip():
        pattern = "%" + filters.text.strip().replace("%", "").replace("_", "") + "%"
        said = aliased(Message)
        query = query.where(
            exists().where(
                said.user_id == Handoff.user_id,
                said.text.ilike(pattern),
                # what the page shows: a closed hand-off's messages up to its close
                or_(Handoff.closed_at.is_(None), said.created_at <= Handoff.closed_at),
            )
        )
    return query


def _ordered(query: Select[Any], view: str, at: dt.datetime) -> Select[Any]:
    if view == "closed":
        return query.order_by(Handoff.closed_at.desc()).limit(CLOSED_LIMIT)
    snoozed = and_(Handoff.snoozed_until.is_not(None), Handoff.snoozed_until > at)
    return query.order_by(
        case((snoozed, 1), else_=0),
        case((Handoff.reason == "emergency", 0), else_=1),
        case((Handoff.state == WAITING, 0), else_=1),
        Handoff.created_at,
    )


def queue_query(filters: QueueFilters, staff_id: int, admin: bool, at: dt.datetime) -> Select[Any]:
    """The query behind one page of the queue."""
    text, author = _last_message(Handoff)
    query = (
        select(Handoff, Staff.display_name, text, author, _unread(Handoff))
        .outerjoin(Staff, Staff.id == Handoff.assigned_to)
        .where(_view(filters, staff_id, admin, at))
    )
    return _ordered(_filtered(query, filters), filters.view, at)


def item_of(row: Any) -> QueueItem:
    """A queue line from a row of ``queue_query`` (or of a plain Handoff and name)."""
    handoff, name, *extra = row
    preview, author, unread = extra if extra else ("", "", 0)
    text = " ".join(str(preview or "").split())
    return QueueItem(
        handoff.id,
        handoff.state,
        handoff.reason,
        handoff.topic,
        handoff.language,
        handoff.channel,
        aware(handoff.created_at) or now(),
        handoff.assigned_to,
        name,
        team=handoff.team,
        preview=text[:PREVIEW_CHARS] + ("…" if len(text) > PREVIEW_CHARS else ""),
        preview_author=str(author or ""),
        unread=int(unread or 0),
        snoozed_until=aware(handoff.snoozed_until),
        first_response_at=aware(handoff.first_response_at),
        ended_by=handoff.ended_by,
    )
