from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.sms_encoding import encoding, fits_one_sms, length_in_units, plain_letters, segments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bonjour, voici la réponse à votre question.", "GSM-7"),
        ("Répondez PLUS", "GSM-7"),
        ("Vous êtes", "UCS-2"),  # ê is not GSM-7
        ("français", "UCS-2"),  # lower-case ç is not GSM-7
        ("n b'a fɛ", "UCS-2"),
        ("مرحبا", "UCS-2"),
        ("price 10€ {x}", "GSM-7"),
    ],
)
def test_encoding(text: str, expected: str) -> None:
    assert encoding(text) == expected


def test_segment_limits() -> None:
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("a" * 306) == 2
    assert segments("a" * 307) == 3
    assert segments("ɛ" * 70) == 1
    assert segments("ɛ" * 71) == 2
    assert segments("ɛ" * 134) == 2
    assert segments("ɛ" * 135) == 3
    assert segments("") == 0


def test_extension_characters_count_twice() -> None:
    assert length_in_units("€") == 2
    assert fits_one_sms("€" * 80)
    assert not fits_one_sms("€" * 81)


def test_emoji_takes_two_units() -> None:
    assert length_in_units("😀") == 2


@given(st.text(max_size=500))
def test_segments_never_undercount(text: str) -> None:
    n = segments(text)
    units = length_in_units(text)
    if units:
        assert n >= 1
        per = 153 if encoding(text) == "GSM-7" else 67
        assert n * per >= units or n == 1


def test_plain_letters_make_bambara_gsm7_and_leave_other_text_alone() -> None:
    bambara = "Mɔgɔ dɔ y'a sɛgɛsɛgɛ; a ka ɲi; Ɛ Ɔ Ɲ ŋ"
    assert encoding(bambara) == "UCS-2"
    assert plain_letters(bambara) == "Mògò dò y'a sègèsègè; a ka nyi; E O Ny ng"
    assert encoding(plain_letters(bambara)) == "GSM-7"
    for other in ("Vous êtes", "مرحبا", "Répondez PLUS"):
        assert plain_letters(other) == other
