"""Split long texts into messages that fit a channel's limit.

Texts are cut between paragraphs first, then between sentences, then between
words; a single word longer than the limit is cut where it must be. The
measure is a function, so the same code splits by characters (Telegram,
WhatsApp) and by SMS segments counted in the text's own encoding.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SENTENCE_END = re.compile(r"(?<=[.!?؟…:;])\s+")


def _pieces(text: str, level: int) -> list[str]:
    if level == 0:
        return [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if level == 1:
        return [p for p in re.split(r"(?<=\n)|" + _SENTENCE_END.pattern, text) if p and p.strip()]
    return text.split(" ")


_JOINERS = ("\n\n", " ", " ")


def split_text(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Split ``text`` into parts that each satisfy ``fits``, keeping order.

    Args:
        text: the text to send.
        fits: True when a candidate message is short enough.
    """
    text = text.strip()
    if not text:
        return []
    if fits(text):
        return [text]
    return _split(text, fits, 0)


def _split(text: str, fits: Callable[[str], bool], level: int) -> list[str]:
    if level > 2:
        return _hard_cut(text, fits)
    parts: list[str] = []
    current = ""
    for piece in _pieces(text, level):
        piece = piece.strip()
        if not piece:
            continue
        candidate = f"{current}{_JOINERS[level]}{piece}" if current else piece
        if fits(candidate):
            current = candidate
            continue
        if current:
            parts.append(current)
        if fits(piece):
            current = piece
        else:
            sub = _split(piece, fits, level + 1)
            parts.extend(sub[:-1])
            current = sub[-1] if sub else ""
    if current:
        parts.append(current)
    return parts


def _hard_cut(text: str, fits: Callable[[str], bool]) -> list[str]:
    parts: list[str] = []
    current = ""
    for char in text:
        if fits(current + char):
            current += char
        else:
            if current:
                parts.append(current)
            current = char
    if current:
        parts.append(current)
    return parts


def by_characters(limit: int) -> Callable[[str], bool]:
    """A measure: at most ``limit`` characters."""
    return lambda text: len(text) <= limit
