"""Reading the audit log of staff actions (entries are written by ``bot.handoff.records``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select

from bot.storage.database import Database
from bot.storage.models import AuditEntry, Staff


@dataclass(frozen=True)
class AuditFilters:
    """Who, what (the action's verb, e.g. ``reply``), which day, which conversation."""

    staff_id: int | None = None
    action: str = ""
    day: dt.date | None = None
    handoff_id: int | None = None


def recent_entries(
    database: Database, filters: AuditFilters | None = None, limit: int = 500
) -> list[tuple[AuditEntry, str | None]]:
    """The latest entries matching ``filters``, newest first, with the staff member's name."""
    filters = filters or AuditFilters()
    query = select(AuditEntry, Staff.display_name).outerjoin(Staff, Staff.id == AuditEntry.staff_id)
    if filters.staff_id is not None:
        query = query.where(AuditEntry.staff_id == filters.staff_id)
    if filters.action:
        query = query.where(
            or_(AuditEntry.action == filters.action, AuditEntry.action.like(filters.action + ":%"))
        )
    if filters.day is not None:
        start = dt.datetime.combine(filters.day, dt.time(), dt.UTC)
        query = query.where(AuditEntry.at >= start, AuditEntry.at < start + dt.timedelta(days=1))
    if filters.handoff_id is not None:
        query = query.where(AuditEntry.handoff_id == filters.handoff_id)
    with database.session() as session:
        rows = session.execute(query.order_by(AuditEntry.id.desc()).limit(limit)).all()
    return [(entry, name) for entry, name in rows]
