r"""How many SMS segments a text takes, following GSM 03.38.

A text made only of GSM-7 characters fits 160 characters in one segment and
153 per segment once it is split (the rest carries the concatenation header).
Characters of the GSM-7 extension table (``{ } [ ] ~ \\ | ^ €`` and form feed)
take two septets. One character outside GSM-7 switches the whole message to
UCS-2: 70 characters in one segment, 67 per segment when split. Characters
outside the Basic Multilingual Plane (most emojis) take two UCS-2 code units.

Bambara's letters ɛ ɔ ɲ ŋ are not GSM-7: one of them makes a whole SMS hold
70 characters instead of 160. ``plain_letters`` writes them as Mali's
spelling before the 1982 alphabet did (è ò ny ng), letters every phone sends
in GSM-7 and that people still type.
"""

from __future__ import annotations

import math

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

# Mali's spelling before the 1982 alphabet (decree 159 PG-RM): è for ɛ, ò for ɔ,
# ny for ɲ, ng for ŋ. È and Ò are not GSM-7: capitals lose their accent.
PLAIN_LETTERS = str.maketrans(
    {"ɛ": "è", "ɔ": "ò", "ɲ": "ny", "ŋ": "ng", "Ɛ": "E", "Ɔ": "O", "Ɲ": "Ny", "Ŋ": "Ng"}
)

GSM7_SINGLE = 160
GSM7_MULTI = 153
UCS2_SINGLE = 70
UCS2_MULTI = 67


def is_gsm7(text: str) -> bool:
    """Return True when every character of ``text`` can be sent as GSM-7."""
    return all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)


def encoding(text: str) -> str:
    """Return ``"GSM-7"`` or ``"UCS-2"``, the encoding a phone network uses."""
    return "GSM-7" if is_gsm7(text) else "UCS-2"


def plain_letters(text: str) -> str:
    """``text`` with Bambara's ɛ ɔ ɲ ŋ written è ò ny ng (GSM-7), everything else unchanged."""
    return text.translate(PLAIN_LETTERS)


def length_in_units(text: str) -> int:
    """Length of ``text`` in the units its encoding counts.

    Septets for GSM-7 (extension characters count two), UTF-16 code units for
    UCS-2 (characters beyond U+FFFF count two).
    """
    if is_gsm7(text):
        return sum(2 if c in GSM7_EXTENSION else 1 for c in text)
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text)


def single_limit(text: str) -> int:
    """Units that fit one unsplit segment for the encoding of ``text``."""
    return GSM7_SINGLE if is_gsm7(text) else UCS2_SINGLE


def multi_limit(text: str) -> int:
    """Units per segment once ``text`` is split into several segments."""
    return GSM7_MULTI if is_gsm7(text) else UCS2_MULTI


def segments(text: str) -> int:
    """Number of segments the network bills for ``text`` (0 for empty text)."""
    units = length_in_units(text)
    if units == 0:
        return 0
    if units <= single_limit(text):
        return 1
    return math.ceil(units / multi_limit(text))


def fits_one_sms(text: str) -> bool:
    """Return True when ``text`` goes out as a single segment."""
    return segments(text) <= 1


if __name__ == "__main__":  # pragma: no cover - helper for editors
    import sys

    for arg in sys.argv[1:] or [sys.stdin.read()]:
        print(f"{encoding(arg)} units={length_in_units(arg)} segments={segments(arg)}")
