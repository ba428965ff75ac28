"""Dismissals and survey answers: the editors' report per week, and nothing left after erasure."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from bot.conversation.privacy import erase_user
from bot.handoff.dismissals import DismissalCount, dismissals_by_week, record_dismissal
from bot.storage.database import Database
from bot.storage.models import Dismissal, Handoff, SurveyAnswer, User


def _handoff(database: Database, user_id: str, topic: str, language: str) -> Handoff:
    with database.session() as session:
        session.add(User(id=user_id, channel="local", address_sealed="x", language=language))
        session.flush()
        handoff = Handoff(
            user_id=user_id,
            state="closed",
            reason="emergency",
            topic=topic,
            language=language,
            channel="local",
        )
        session.add(handoff)
        session.commit()
        session.refresh(handoff)
        return handoff


def test_the_report_counts_per_week_topic_language_and_reason(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'd.db'}")
    first = _handoff(database, "u1", "worker_rights", "fr")
    second = _handoff(database, "u2", "worker_rights", "fr")
    third = _handoff(database, "u3", "asylum", "ar")
    for handoff, reason in ((first, "false_alarm"), (second, "false_alarm"), (third, "duplicate")):
        record_dismissal(database, handoff, reason)
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    assert dismissals_by_week(database) == [
        DismissalCount(monday, "worker_rights", "fr", "emergency", "false_alarm", 2),
        DismissalCount(monday, "asylum", "ar", "emergency", "duplicate", 1),
    ]
    assert dismissals_by_week(database, since=dt.date.today() + dt.timedelta(days=1)) == []


def test_erasure_leaves_no_link_to_the_person(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'e.db'}")
    handoff = _handoff(database, "u1", "worker_rights", "fr")
    record_dismissal(database, handoff, "false_alarm")
    with database.session() as session:
        session.add(SurveyAnswer(handoff_id=handoff.id, score=4, language="fr"))
        session.commit()
    erase_user(database, "u1")
    with database.session() as session:
        assert session.scalars(select(Handoff)).all() == []
        assert session.scalars(select(Dismissal.handoff_id)).all() == [None]
        assert session.scalars(select(SurveyAnswer.handoff_id)).all() == [None]
    assert dismissals_by_week(database)[0].count == 1  # the anonymous count stays
