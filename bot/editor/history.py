"""The plain history of the editor page: who changed which answer, when."""

from __future__ import annotations

from bot.storage.database import Database
from bot.storage.models import ContentChange


def record_change(
    database: Database, topic: str, language: str, staff_id: int, summary: str
) -> None:
    """Store one change of an answer."""
    with database.session() as session:
        session.add(
            ContentChange(topic=topic, language=language, staff_id=staff_id, summary=summary)
        )
        session.commit()
