"""Hand-offs, their notes and the audit log in the database (the inbox's repository).

Claiming is one conditional UPDATE, so of two staff members claiming at once
exactly one wins, on SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from bot.handoff.queue import QueueFilters, QueueItem, item_of, queue_query
from bot.handoff.states import ASSIGNED, CLOSED, OPEN_STATES, WAITING, aware, now, rowcount
from bot.storage.database import Database
from bot.storage.models import AuditEntry, Handoff, Message, Note, Staff, User


class HandoffRecords:
    """Reads and writes of hand-offs, notes, staff messages and audit entries."""

    def __init__(self, database: Database) -> None:
        """Records in ``database``."""
        self.database = database

    def active(self, user_id: str) -> Handoff | None:
        """The user's open hand-off, if any."""
        with self.database.session() as session:
            return session.scalars(
                select(Handoff).where(Handoff.user_id == user_id, Handoff.state.in_(OPEN_STATES))
            ).first()

    def get(self, handoff_id: int) -> Handoff | None:
        """One hand-off by id."""
        with self.database.session() as session:
            return session.get(Handoff, handoff_id)

    def queue(self) -> list[QueueItem]:
        """Open hand-offs: emergencies first, then waiting before assigned, oldest first."""
        return self.find(QueueFilters(view="open"), 0, admin=False)

    def find(self, filters: QueueFilters, staff_id: int, admin: bool) -> list[QueueItem]:
        """One view of the queue for ``staff_id``, filtered (see ``bot.handoff.queue``)."""
        with self.database.session() as session:
            rows = session.execute(queue_query(filters, staff_id, admin, now())).all()
        return [item_of(row) for row in rows]

    def recent_waits(self, since: dt.datetime) -> list[float]:
        """Minutes from opening to claim of the hand-offs opened since ``since``."""
        with self.database.session() as session:
            rows = session.execute(
                select(Handoff.created_at, Handoff.claimed_at).where(
                    Handoff.claimed_at.is_not(None), Handoff.created_at >= since
                )
            ).all()
        return [
            ((aware(claimed) or now()) - (aware(created) or now())).total_seconds() / 60
            for created, claimed in rows
        ]

    def notes(self, handoff_id: int) -> list[tuple[Note, str | None]]:
        """Internal notes with their authors' names."""
        with self.database.session() as session:
            rows = session.execute(
                select(Note, Staff.display_name)
                .outerjoin(Staff, Staff.id == Note.staff_id)
                .where(Note.handoff_id == handoff_id)
                .order_by(Note.id)
            ).all()
        return [(note, name) for note, name in rows]

    def open_or_reuse(
        self, user_id: str, reason: str, topic: str | None, language: str | None, channel: str
    ) -> tuple[int, bool]:
        """Open a hand-off; returns its id and whether staff must be alerted.

        An open hand-off is reused; it becomes urgent (and staff are alerted
        again) when an emergency comes up while it waits.
        """
        with self.database.session() as session:
            existing = session.scalars(
                select(Handoff).where(Handoff.user_id == user_id, Handoff.state.in_(OPEN_STATES))
            ).first()
            if existing is not None:
                if reason == "emergency" and existing.reason != "emergency":
                    existing.reason = "emergency"
                    session.commit()
                    return existing.id, True
                return existing.id, False
            handoff = Handoff(
                user_id=user_id,
                state=WAITING,
                reason=reason,
                topic=topic,
                language=language,
                channel=channel,
                last_user_message_at=now(),
                acked_at=now(),  # the opening notice is the first acknowledgement
            )
            session.add(handoff)
            session.commit()
            return handoff.id, True

    def user_wrote(self, handoff_id: int) -> None:
        """Remember when the user last wrote (the WhatsApp 24-hour window)."""
        with self.database.session() as session:
            session.execute(
                update(Handoff).where(Handoff.id == handoff_id).values(last_user_message_at=now())
            )
            session.commit()

    def audit(
        self,
        staff_id: int | None,
        action: str,
        handoff: Handoff | None = None,
        user_id: str | None = None,
    ) -> None:
        """Record what a staff member read or did."""
        with self.database.session() as session:
            session.add(
                AuditEntry(
                    staff_id=staff_id,
                    action=action,
                    user_id=user_id or (handoff.user_id if handoff else None),
                    handoff_id=handoff.id if handoff else None,
                )
            )
            session.commit()

    def claim(self, handoff_id: int, staff_id: int) -> bool:
        """Take a waiting conversation; False when someone else was first."""
        with self.database.session() as session:
            result = session.execute(
                update(Handoff)
                .where(Handoff.id == handoff_id, Handoff.state == WAITING)
                .values(state=ASSIGNED, assigned_to=staff_id, claimed_at=now())
            )
            session.commit()
            return rowcount(result) == 1

    def transfer(self, handoff_id: int, to_staff: int) -> bool:
        """Give an assigned conversation to an active colleague."""
        with self.database.session() as session:
            colleague = session.get(Staff, to_staff)
            if colleague is None or not colleague.active:
                return False
            result = session.execute(
                update(Handoff)
                .where(Handoff.id == handoff_id, Handoff.state == ASSIGNED)
                .values(assigned_to=to_staff)
            )
            session.commit()
            return rowcount(result) == 1

    def add_note(self, handoff_id: int, staff_id: int, text: str) -> None:
        """Store an internal note."""
        with self.database.session() as session:
            session.add(Note(handoff_id=handoff_id, staff_id=staff_id, text=text))
            session.commit()

    def record_message(
        self,
        user_id: str,
        author: str,
        text: str,
        staff_id: int | None = None,
        kind: str = "text",
        delivered: bool = True,
    ) -> None:
        """Store a message sent to the user by staff or by the system."""
        with self.database.session() as session:
            session.add(
                Message(
                    user_id=user_id,
                    direction="out",
                    author=author,
                    kind=kind,
                    text=text,
                    staff_id=staff_id,
                    delivery_failed=not delivered,
                )
            )
            session.commit()

    def sealed_address(self, user_id: str) -> str | None:
        """The user's sealed channel address."""
        with self.database.session() as session:
            user = session.get(User, user_id)
            return user.address_sealed if user else None

    def close(self, handoff_id: int, ended_by: str = "staff") -> Handoff | None:
        """Close an open hand-off; the closed row, or None when it was not open.

        ``ended_by``: ``staff``, ``user`` (went back to the assistant) or ``dismissed``.
        """
        with self.database.session() as session:
            result = session.execute(
                update(Handoff)
                .where(Handoff.id == handoff_id, Handoff.state.in_(OPEN_STATES))
                .values(state=CLOSED, closed_at=now(), ended_by=ended_by, snoozed_until=None)
            )
            session.commit()
            if rowcount(result) != 1:
                return None
            return session.get(Handoff, handoff_id)
