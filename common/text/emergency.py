"""Recognise a message that is an emergency from words that always mean one.

The NLU model can miss an emergency written with words it has not seen, or
mixed with another question. A short list of phrases edited by the content
team (``content/emergency_lexicon.yml``) catches those: a match means the
emergency answer goes first, whatever else the message asks. The gateway uses
the same list to send the emergency contacts itself when Rasa is down.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from common.text.normalize import normalize

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "content" / "emergency_lexicon.yml"


def _phrase_pattern(phrase: str) -> str:
    parts = [re.escape(normalize(p)) for p in phrase.split(" * ")]
    return r"(?:\s+\S+){0,3}\s+".join(parts)


class EmergencyLexicon:
    """Phrases that mark a message as an emergency, in every language."""

    def __init__(self, phrases: Iterable[str]) -> None:
        patterns = sorted({_phrase_pattern(p) for p in phrases if normalize(p)})
        self._regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)") if patterns else None
        )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Iterable[str]]) -> EmergencyLexicon:
        """Build from ``{language: [phrase, ...]}``."""
        return cls(p for phrases in data.values() for p in phrases or [])

    @classmethod
    def load(cls, path: Path = DEFAULT_LEXICON) -> EmergencyLexicon:
        """Read the lexicon file (a mapping of language to phrases)."""
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
        return cls.from_mapping(data)

    def matches(self, text: str) -> bool:
        """Return True when ``text`` contains an emergency phrase."""
        return bool(self._regex and self._regex.search(normalize(text)))
