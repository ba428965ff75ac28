"""Triage of hand-offs in the database: seen, snooze, team, assignment, first reply, history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from bot.handoff.states import ASSIGNED, OPEN_STATES, now, rowcount
from bot.storage.database import Database
from bot.storage.models import Handoff, Note, Staff

TEAMS = ("legal", "health", "return")


def mark_seen(database: Database, handoff_id: int, message_id: int) -> None:
    """Staff saw the conversation up to ``message_id`` (the queue's unread count)."""
    with database.session() as session:
        session.execute(
            update(Handoff)
            .where(Handoff.id == handoff_id, Handoff.staff_seen_id < message_id)
            .values(staff_seen_id=message_id)
        )
        session.commit()


def _update_open(database: Database, handoff_id: int, **values: object) -> bool:
    """Set ``values`` on the hand-off if it is still open; whether it was."""
    with database.session() as session:
        result = session.execute(
            update(Handoff)
            .where(Handoff.id == handoff_id, Handoff.state.in_(OPEN_STATES))
            .values(**values)
        )
        session.commit()
        return rowcount(result) == 1


def snooze(database: Database, handoff_id: int, until: dt.datetime | None) -> bool:
    """Hide an open hand-off from the Unassigned view until ``until`` (None: wake it)."""
    return _update_open(database, handoff_id, snoozed_until=until)


def set_team(database: Database, handoff_id: int, team: str | None) -> bool:
    """Give an open hand-off to a team (legal, health, return) or to none."""
    if team is not None and team not in TEAMS:
        return False
    return _update_open(database, handoff_id, team=team)


def assign(database: Database, handoff_id: int, staff_id: int) -> bool:
    """Give an open hand-off (waiting or assigned) to an active colleague."""
    with database.session() as session:
        colleague = session.get(Staff, staff_id)
        handoff = session.get(Handoff, handoff_id)
        if colleague is None or not colleague.active or handoff is None:
            return False
        result = session.execute(
            update(Handoff)
            .where(Handoff.id == handoff_id, Handoff.state.in_(OPEN_STATES))
            .values(
                state=ASSIGNED,
                assigned_to=staff_id,
                claimed_at=handoff.claimed_at or now(),
                snoozed_until=None,
            )
        )
        session.commit()
        return rowcount(result) == 1


def first_response(database: Database, handoff_id: int) -> None:
    """Remember the time of the first staff reply (once)."""
    with database.session() as session:
        session.execute(
            update(Handoff)
            .where(Handoff.id == handoff_id, Handoff.first_response_at.is_(None))
            .values(first_response_at=now())
        )
        session.commit()


def earlier_conversations(
    database: Database, handoff: Handoff, limit: int = 10
) -> list[tuple[Handoff, list[tuple[Note, str | None]]]]:
    """The user's earlier hand-offs, newest first, each with its notes and their authors."""
    with database.session() as session:
        handoffs = list(
            session.scalars(
                select(Handoff)
                .where(Handoff.user_id == handoff.user_id, Handoff.id != handoff.id)
                .where(Handoff.created_at <= handoff.created_at)
                .order_by(Handoff.id.desc())
                .limit(limit)
            )
        )
        ids = [h.id for h in handoffs]
        rows = session.execute(
            select(Note, Staff.display_name)
            .outerjoin(Staff, Staff.id == Note.staff_id)
            .where(Note.handoff_id.in_(ids))
            .order_by(Note.id)
        ).all()
    notes: dict[int, list[tuple[Note, str | None]]] = {i: [] for i in ids}
    for note, name in rows:
        notes[note.handoff_id].append((note, name))
    return [(h, notes[h.id]) for h in handoffs]
