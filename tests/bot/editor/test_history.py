"""Answer history: recorded changes, diffs, the French a translation follows, drafts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.editor import history
from bot.staff.accounts import add_staff
from bot.storage.database import Database


@pytest.fixture
def database(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'gateway.db'}")


def test_changes_are_listed_newest_first_with_who_and_what(database: Database) -> None:
    staff = add_staff(database, "fatou", "a-long-password", "editor", "Fatou")
    history.record(database, "asylum", "fr", staff.id, history.SAVE, "fr: core", "a\n", "b\n")
    second = history.record(database, "asylum", "ar", staff.id, history.REVIEW, "ar", "b\n", "c\n")
    history.record(database, "work_permit", "fr", None, history.SAVE, "other topic", None, "x")
    listed = history.entries(database, "asylum")
    assert [e.id for e in listed] == [second, second - 1]
    assert listed[0].who == "Fatou" and listed[0].action == history.REVIEW
    assert history.change(database, "work_permit", second) is None  # not that topic's change


def test_side_by_side_marks_changed_added_and_removed_lines() -> None:
    rows = history.side_by_side(
        "title: A\ncore: old\nkept\ngone", "title: A\ncore: new\nkept\nadded"
    )
    kinds = [(r.kind, r.left, r.right) for r in rows]
    assert ("same", "title: A", "title: A") in kinds
    assert ("changed", "core: old", "core: new") in kinds
    assert ("changed", "gone", "added") in kinds or ("removed", "gone", "") in kinds
    assert [r.kind for r in history.only_changes(rows, context=0)] == ["changed", "changed"]


def test_the_french_a_translation_followed_is_found_in_the_history(database: Database) -> None:
    old = "fr:\n  updated: 2026-11-01\n  title: Ancien titre\n"
    new = "fr:\n  updated: 2026-11-20\n  title: Nouveau titre\n"
    history.record(database, "asylum", "fr", None, history.SAVE, "fr: title", old, new)
    then = history.french_as_translated(database, "asylum", dt.date(2026, 11, 1))
    assert then["title"] == "Ancien titre"
    assert history.readable(then) == "title: Ancien titre"
    assert history.french_as_translated(database, "asylum", dt.date(2025, 1, 1)) is None


def test_a_draft_is_kept_replaced_and_dropped(database: Database) -> None:
    assert history.draft_of(database, "asylum") is None
    history.save_draft(database, "asylum", "first", None)
    history.save_draft(database, "asylum", "second", None)
    draft = history.draft_of(database, "asylum")
    assert draft is not None and draft[0] == "second"
    history.drop_draft(database, "asylum")
    assert history.draft_of(database, "asylum") is None
