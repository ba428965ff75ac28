"""The states and reasons of a hand-off, and the clock its records use."""

from __future__ import annotations

import datetime as dt

WAITING, ASSIGNED, CLOSED = "waiting", "assigned", "closed"
OPEN_STATES = (WAITING, ASSIGNED)
REASONS = ("request", "fallback", "emergency")
WHATSAPP_WINDOW = dt.timedelta(hours=24)


def now() -> dt.datetime:
    """The current time (UTC)."""
    return dt.datetime.now(dt.UTC)


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; every stored time is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


def rowcount(result: object) -> int:
    """Rows an UPDATE changed (a CursorResult's rowcount)."""
    count: int = getattr(result, "rowcount", 0)
    return count
