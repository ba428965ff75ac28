"""Triage in the database: snooze, team, assignment, first reply and earlier conversations."""

from __future__ import annotations

import datetime as dt

from bot.handoff import triage
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.storage.models import Handoff, Note, User


def _handoff(database: Database, user_id: str, state: str = "waiting") -> int:
    with database.session() as session:
        if session.get(User, user_id) is None:
            session.add(User(id=user_id, channel="local", address_sealed="x", language="fr"))
            session.flush()
        handoff = Handoff(
            user_id=user_id, state=state, reason="request", language="fr", channel="local"
        )
        session.add(handoff)
        session.commit()
        return handoff.id


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite gives back naive times (stored in UTC); PostgreSQL aware ones."""
    return value.replace(tzinfo=dt.UTC) if value and value.tzinfo is None else value


def _row(database: Database, handoff_id: int) -> Handoff:
    with database.session() as session:
        found = session.get(Handoff, handoff_id)
        assert found is not None
        return found


def test_snooze_team_and_assignment_change_open_hand_offs_only(database_url: str) -> None:
    database = Database(database_url)
    amina = add_staff(database, "amina", "staff-password-1", "agent", "Amina", "fr")
    open_id = _handoff(database, "u1")
    closed_id = _handoff(database, "u2", state="closed")
    until = dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.UTC)

    assert triage.snooze(database, open_id, until)
    assert triage.set_team(database, open_id, "legal")
    assert not triage.set_team(database, open_id, "kitchen")  # not a team
    row = _row(database, open_id)
    assert (_utc(row.snoozed_until), row.team) == (until, "legal")
    assert triage.snooze(database, open_id, None)  # woken
    assert _row(database, open_id).snoozed_until is None

    assert not triage.snooze(database, closed_id, until)
    assert not triage.set_team(database, closed_id, "health")
    assert not triage.assign(database, closed_id, amina.id)
    assert (_row(database, closed_id).snoozed_until, _row(database, closed_id).team) == (None, None)

    triage.snooze(database, open_id, until)
    assert triage.assign(database, open_id, amina.id)
    row = _row(database, open_id)
    assert (row.state, row.assigned_to, row.snoozed_until) == ("assigned", amina.id, None)
    assert row.claimed_at is not None


def test_first_response_is_kept_once_and_earlier_conversations_carry_their_notes(
    database_url: str,
) -> None:
    database = Database(database_url)
    older = _handoff(database, "u1", state="closed")
    with database.session() as session:
        session.add(Note(handoff_id=older, staff_id=None, text="a déjà vu la juriste"))
        session.commit()
    current = _handoff(database, "u1")
    _handoff(database, "someone-else")

    triage.first_response(database, current)
    first = _row(database, current).first_response_at
    triage.first_response(database, current)
    assert first is not None and _row(database, current).first_response_at == first

    earlier = triage.earlier_conversations(database, _row(database, current))
    assert [h.id for h, _notes in earlier] == [older]
    assert [note.text for note, _author in earlier[0][1]] == ["a déjà vu la juriste"]
