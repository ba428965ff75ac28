"""Reading the audit log of staff actions (entries are written by ``bot.handoff.records``)."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.database import Database
from bot.storage.models import AuditEntry, Staff


def recent_entries(database: Database, limit: int = 500) -> list[tuple[AuditEntry, str | None]]:
    """The latest entries, newest first, with the staff member's name."""
    with database.session() as session:
        return [
            (entry, name)
            for entry, name in session.execute(
                select(AuditEntry, Staff.display_name)
                .outerjoin(Staff, Staff.id == AuditEntry.staff_id)
                .order_by(AuditEntry.id.desc())
                .limit(limit)
            ).all()
        ]
