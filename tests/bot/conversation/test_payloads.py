"""Only the payloads our buttons send reach Rasa as intents."""

from __future__ import annotations

import pytest

from bot.conversation.payloads import Payloads, chosen_language
from common.content.topics import TopicCatalog


@pytest.fixture(scope="module")
def payloads() -> Payloads:
    return Payloads(TopicCatalog.load())


@pytest.mark.parametrize(
    "payload",
    [
        "/greet",
        "/affirm",
        "/human_agent",
        "/residence_card_renewal",
        '/change_language{"language":"ar"}',
        '/choose_theme{"theme":"students"}',
    ],
)
def test_our_buttons_payloads_pass_unchanged(payloads: Payloads, payload: str) -> None:
    assert payloads.accepts(payload)
    assert payloads.sanitise(payload) == payload


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("/restart", "restart"),
        ("/session_start", "session_start"),
        ("/back@assistant_bot", "back"),
        ('/greet{"language":"xx"}', 'greet{"language":"xx"}'),
        (
            '/change_language{"language":"fr","theme":"work"}',
            'change_language{"language":"fr","theme":"work"}',
        ),
        ('/choose_theme{"theme":["work"]}', 'choose_theme{"theme":["work"]}'),
        ("/", ""),
        ("/ papiers", "papiers"),
    ],
)
def test_anything_else_starting_with_a_slash_becomes_words(
    payloads: Payloads, text: str, words: str
) -> None:
    assert not payloads.accepts(text)
    assert payloads.sanitise(text) == words


def test_ordinary_text_is_left_alone(payloads: Payloads) -> None:
    assert payloads.sanitise("papiers / carte") == "papiers / carte"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ('/change_language{"language":"bm"}', "bm"),
        (' /change_language{"language": "ar"} ', "ar"),
        ('/change_language{"language":"en"}', None),
        ('/change_language{"language":"bm","x":"y"}', None),
        ('/change_language{"language":["bm"]}', None),
        ('/change_language{"language":', None),
        ("/change_language", None),
        ('/choose_theme{"theme":"work"}', None),
        ("bm", None),
    ],
)
def test_chosen_language_is_read_from_the_language_buttons_only(
    text: str, language: str | None
) -> None:
    assert chosen_language(text) == language
