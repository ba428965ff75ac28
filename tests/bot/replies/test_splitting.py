from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.replies.splitting import by_characters, split_text


def test_short_text_is_one_part() -> None:
    assert split_text("Bonjour.", by_characters(10)) == ["Bonjour."]


def test_splits_between_paragraphs_first() -> None:
    text = "Premier paragraphe.\n\nSecond paragraphe."
    assert split_text(text, by_characters(25)) == ["Premier paragraphe.", "Second paragraphe."]


def test_splits_between_sentences_then_words() -> None:
    text = "Une phrase courte. Une autre phrase courte. Fin."
    parts = split_text(text, by_characters(20))
    assert all(len(p) <= 20 for p in parts)
    assert parts[0] == "Une phrase courte."


def test_arabic_question_mark_ends_a_sentence() -> None:
    parts = split_text("واش كاين شي حل؟ بغيت نعرف", by_characters(16))
    assert parts[0] == "واش كاين شي حل؟"


@given(st.text(min_size=1, max_size=2000), st.integers(min_value=1, max_value=200))
def test_every_part_fits_and_no_word_is_lost(text: str, limit: int) -> None:
    parts = split_text(text, by_characters(limit))
    assert all(0 < len(p) <= limit for p in parts)
    assert "".join("".join(p.split()) for p in parts) == "".join(text.split())
