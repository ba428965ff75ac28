"""Phrases that signal danger, in every language (``content/risk_lexicon.yml``).

Two lists: ``danger_now`` (an emergency whatever else the message asks) and
``possible_risk`` (police, arrest, threats, fear mentioned inside another
question). Used by the risk detector inside Rasa, beside its classifier, and
by the gateway where Rasa cannot be asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from common import yamlload
from common.text.normalize import normalize

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "content" / "risk_lexicon.yml"
DANGER = "danger"
POSSIBLE = "possible"
NONE = "none"
# Arabic glues "and" (و) and "so" (ف) to the next word: "وضربوني" is "ضربوني".
_ARABIC_START = re.compile(r"^[\u0600-\u06ff]")


def _phrase_pattern(phrase: str) -> str:
    parts = [re.escape(normalize(p)) for p in phrase.split(" * ")]
    pattern = r"(?:\s+\S+){0,3}\s+".join(parts)
    return f"(?:[وف])?{pattern}" if _ARABIC_START.match(parts[0]) else pattern


class PhraseMatcher:
    """Finds any of a list of phrases in a folded text, on word boundaries."""

    def __init__(self, phrases: Iterable[str]) -> None:
        """Compile the phrases (empty ones are ignored)."""
        patterns = sorted({_phrase_pattern(p) for p in phrases if normalize(p)})
        self._regex = (
            re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)") if patterns else None
        )

    def matches(self, text: str) -> bool:
        """True when ``text`` contains one of the phrases."""
        return bool(self._regex and self._regex.search(normalize(text)))


@dataclass(frozen=True)
class RiskLexicon:
    """The two lists, all languages together (a message may mix them)."""

    danger_now: PhraseMatcher
    possible_risk: PhraseMatcher

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, Iterable[str] | None]]) -> RiskLexicon:
        """Build from ``{"danger_now": {language: [phrase, ...]}, "possible_risk": {...}}``."""

        def phrases(kind: str) -> list[str]:
            return [p for values in (data.get(kind) or {}).values() for p in values or []]

        return cls(PhraseMatcher(phrases("danger_now")), PhraseMatcher(phrases("possible_risk")))

    @classmethod
    def load(cls, path: Path = DEFAULT_LEXICON) -> RiskLexicon:
        """Read the lexicon file."""
        with path.open(encoding="utf-8") as handle:
            return cls.from_mapping(yamlload.safe_load(handle) or {})

    def level(self, text: str) -> str:
        """``danger``, ``possible`` or ``none``, from the phrases alone."""
        if self.danger_now.matches(text):
            return DANGER
        return POSSIBLE if self.possible_risk.matches(text) else NONE
