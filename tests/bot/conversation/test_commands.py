"""Commands read before Rasa: which messages are about deleting one's data."""

from __future__ import annotations

import pytest

from bot.conversation.commands import about_erasure

QUESTION = [
    {"number": 1, "title": "Oui, effacer", "payload": "/affirm"},
    {"number": 2, "title": "Non, garder", "payload": "/deny"},
]
MENU = [{"number": 1, "title": "Papiers", "payload": "/regularization"}]


@pytest.mark.parametrize("text", ["/delete", " /DELETE@assistant_bot ", "/delete_my_data"])
def test_the_delete_command_is_about_erasure(text: str) -> None:
    assert about_erasure(text, MENU)


@pytest.mark.parametrize("text", ["/affirm", "/deny", "1", "2"])
def test_answers_to_the_deletion_question_are_about_erasure(text: str) -> None:
    assert about_erasure(text, QUESTION)


@pytest.mark.parametrize(
    ("text", "menu"),
    [("/affirm", MENU), ("1", MENU), ("/affirm", None), ("oui", QUESTION), ("3", QUESTION)],
)
def test_other_messages_are_not(text: str, menu: list[dict[str, object]] | None) -> None:
    assert not about_erasure(text, menu)
