"""One line of the staff inbox's queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


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

    def waiting_minutes(self, now: dt.datetime) -> int:
        """Minutes since the hand-off was opened."""
        return int((now - self.created_at).total_seconds() // 60)

    def describe(self, now: dt.datetime) -> dict[str, Any]:
        """A JSON-friendly view of the line (for the live queue)."""
        return {
            "id": self.id,
            "state": self.state,
            "reason": self.reason,
            "topic": self.topic,
            "language": self.language,
            "channel": self.channel,
            "waiting_minutes": self.waiting_minutes(now),
            "assignee": self.assignee,
        }
