"""The glossary (``content/glossary.yml``): one word per concept and language.

Each concept names its term in French, Arabic and Bambara and the variants to
avoid. The content check flags an avoided variant found in that language's
text, as a whole word, with accents and case folded (so "Réfugié" and
"refugie" are the same word). A missing glossary file is an empty glossary.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from common import yamlload


class GlossaryError(ValueError):
    """The glossary file cannot be read; the message says why in plain words."""


@dataclass(frozen=True)
class Term:
    """A concept's word in one language and the variants to avoid."""

    term: str
    avoid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    """One concept: a note for editors and its term per language."""

    id: str
    note: str
    terms: dict[str, Term] = field(default_factory=dict)


@dataclass(frozen=True)
class Variant:
    """An avoided variant found in a text: which concept, which word, which term instead."""

    concept: str
    found: str
    term: str


def fold(text: str) -> str:
    """``text`` without accents or diacritics, case folded (Arabic short vowels removed too)."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept).casefold()


def _whole_word(variant: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(fold(variant)) + r"(?!\w)")


class Glossary:
    """All concepts of the glossary, with the patterns of their variants."""

    def __init__(self, concepts: list[Concept]) -> None:
        """Compile a whole-word pattern for every variant to avoid."""
        self.concepts = {c.id: c for c in concepts}
        self._patterns: dict[str, list[tuple[Concept, str, re.Pattern[str]]]] = {}
        for concept in concepts:
            for language, term in concept.terms.items():
                for variant in term.avoid:
                    if variant.strip():
                        entry = (concept, variant, _whole_word(variant))
                        self._patterns.setdefault(language, []).append(entry)

    @classmethod
    def load(cls, path: Path) -> Glossary:
        """Read ``path``; a missing file gives an empty glossary.

        Raises:
            GlossaryError: the file is not valid YAML or not shaped as documented.
        """
        if not path.exists():
            return cls([])
        try:
            data = yamlload.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise GlossaryError(f"{path.name} is not valid YAML: {error}") from error
        return cls(_concepts(data, path.name))

    def variants(self, language: str, text: str) -> list[Variant]:
        """The avoided variants found in ``text`` (a ``language`` text), in glossary order."""
        folded = fold(text)
        found = []
        for concept, variant, pattern in self._patterns.get(language, []):
            if pattern.search(folded):
                found.append(Variant(concept.id, variant, concept.terms[language].term))
        return found


def _term(value: Any, where: str) -> Term:
    if not isinstance(value, dict) or not isinstance(value.get("term"), str):
        raise GlossaryError(f'{where} must have a term, like {{term: "…", avoid: []}}')
    avoid = value.get("avoid") or []
    if not isinstance(avoid, list) or not all(isinstance(v, str) for v in avoid):
        raise GlossaryError(f"{where} avoid must be a list of words")
    return Term(value["term"], tuple(avoid))


def _concepts(data: Any, name: str) -> list[Concept]:
    concepts = data.get("concepts") if isinstance(data, dict) else None
    if concepts is None:
        return []
    if not isinstance(concepts, dict):
        raise GlossaryError(f"{name}: concepts must be a block of concepts")
    found = []
    for concept_id, spec in concepts.items():
        if not isinstance(spec, dict):
            raise GlossaryError(f"{name}: the concept {concept_id} must be a block of fields")
        terms = {
            language: _term(value, f"{name}: {concept_id} {language}")
            for language, value in spec.items()
            if language != "note"
        }
        found.append(Concept(str(concept_id), str(spec.get("note") or ""), terms))
    return found
