"""The optional one-question satisfaction survey sent when staff close a conversation.

The user answers with a digit from 1 to 5 within a day; the answer is kept
with the hand-off's language only (erasure unlinks it from the hand-off).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update

from bot.handoff.states import CLOSED, aware, now
from bot.storage.database import Database
from bot.storage.models import Handoff, SurveyAnswer
from common.i18n import _

ANSWER_WINDOW = dt.timedelta(hours=24)
QUESTION = _(
    "One question before you go: how useful was the team's help? Reply with a number from "
    "1 (not at all) to 5 (very useful). You can also just ignore this message."
)
THANKS = _("Thank you for your answer. The assistant is here if you need it: write MENU.")


@dataclass(frozen=True)
class SurveyWeek:
    """Answers of one week (the Monday of the ISO week)."""

    week: dt.date
    answers: int
    average: float


def mark_sent(database: Database, handoff_id: int) -> None:
    """The question was sent for ``handoff_id``."""
    with database.session() as session:
        session.execute(
            update(Handoff).where(Handoff.id == handoff_id).values(survey_sent_at=now())
        )
        session.commit()


def score_of(text: str) -> int | None:
    """1 to 5 when the message is just that digit, else None."""
    text = text.strip().rstrip(".!")
    return int(text) if len(text) == 1 and text in "12345" else None


def record_answer(database: Database, user_id: str, score: int) -> bool:
    """Store the answer to the user's open question; False when none waits for one."""
    since = now() - ANSWER_WINDOW
    with database.session() as session:
        handoff = session.scalars(
            select(Handoff)
            .where(
                Handoff.user_id == user_id,
                Handoff.state == CLOSED,
                Handoff.survey_sent_at.is_not(None),
                Handoff.survey_sent_at >= since,
            )
            .order_by(Handoff.id.desc())
            .limit(1)
        ).first()
        if (
            handoff is None
            or session.scalars(
                select(SurveyAnswer.id).where(SurveyAnswer.handoff_id == handoff.id)
            ).first()
        ):
            return False
        session.add(SurveyAnswer(handoff_id=handoff.id, score=score, language=handoff.language))
        session.commit()
        return True


def results_by_week(database: Database, weeks: int = 8) -> list[SurveyWeek]:
    """Number of answers and average score per week, newest first."""
    since = now() - dt.timedelta(weeks=weeks)
    with database.session() as session:
        rows = session.execute(
            select(SurveyAnswer.at, SurveyAnswer.score).where(SurveyAnswer.at >= since)
        ).all()
    by_week: dict[dt.date, list[int]] = {}
    for at, score in rows:
        day = (aware(at) or now()).date()
        by_week.setdefault(day - dt.timedelta(days=day.weekday()), []).append(score)
    return [
        SurveyWeek(week, len(scores), round(sum(scores) / len(scores), 1))
        for week, scores in sorted(by_week.items(), reverse=True)
    ]
