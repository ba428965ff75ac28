"""The editors' report of unanswered questions: one query, each row with the user's words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import event

from bot.editor.unanswered import unanswered
from bot.storage.database import Database
from bot.storage.models import Handoff, Message, User

T0 = dt.datetime(2026, 3, 1, 10, 0, tzinfo=dt.UTC)


def _message(
    user: str, direction: str, author: str, text: str, minute: int, kind: str = "text"
) -> Message:
    return Message(
        user_id=user,
        direction=direction,
        author=author,
        kind=kind,
        text=text,
        created_at=T0 + dt.timedelta(minutes=minute),
    )


def _fill(database: Database) -> None:
    with database.session() as session:
        for user, language in (("u-one-aaaaaaaaaaaa", "fr"), ("u-two-bbbbbbbbbbbb", "ar")):
            session.add(User(id=user, channel="local", address_sealed="x", language=language))
        session.flush()
        session.add_all(
            [
                _message("u-one-aaaaaaaaaaaa", "in", "user", "=mon chat a faim", 0),
                _message("u-one-aaaaaaaaaaaa", "out", "bot", "?", 1, "fallback"),
                _message("u-one-aaaaaaaaaaaa", "in", "user", "et les papiers ?", 2),
                _message("u-one-aaaaaaaaaaaa", "out", "bot", "?", 3, "fallback"),
                _message("u-two-bbbbbbbbbbbb", "in", "user", "أريد محاميا", 4),
                _message("u-two-bbbbbbbbbbbb", "in", "user", "later words", 9),
            ]
        )
        session.add(
            Handoff(
                user_id="u-two-bbbbbbbbbbbb",
                state="waiting",
                reason="request",
                topic="legal_aid",
                language="ar",
                channel="local",
                created_at=T0 + dt.timedelta(minutes=5),
            )
        )
        session.commit()


def test_each_fallback_and_hand_off_comes_with_the_words_before_it(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'report.db'}")
    _fill(database)
    rows = unanswered(database)
    assert [(r["kind"], r["topic"], r["language"], r["text"]) for r in rows] == [
        ("fallback", "", "fr", "=mon chat a faim"),
        ("fallback", "", "fr", "et les papiers ?"),
        ("handoff:request", "legal_aid", "ar", "أريد محاميا"),
    ]
    assert {r["user"] for r in rows} == {"u-one-aaaaaa", "u-two-bbbbbb"}
    assert rows[0]["at"].startswith("2026-03-01T10:01")


def test_the_report_is_one_query_however_many_rows(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'report.db'}")
    _fill(database)
    statements: list[str] = []
    event.listen(
        database.engine,
        "before_cursor_execute",
        lambda *args: statements.append(args[2]),
    )
    unanswered(database)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
