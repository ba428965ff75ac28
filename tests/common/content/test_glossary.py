"""The glossary: one word per concept and language; variants found as whole words."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.content.glossary import Glossary, GlossaryError, fold
from common.content.paths import content_dir


def test_folding_removes_accents_case_and_arabic_short_vowels() -> None:
    assert fold("Réfugié") == fold("REFUGIE") == "refugie"
    assert fold("لاجِئ") == fold("لاجئ")
    assert fold("Dugulabɔla") == "dugulabɔla"  # ɔ is a letter of its own, not an accent


def test_a_variant_is_found_as_a_whole_word_in_its_language_only(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(
        "concepts:\n  refugee:\n    note: n\n"
        '    fr: {term: "réfugié", avoid: ["exilé"]}\n'
        '    bm: {term: "réfugié", avoid: ["bolibaga"]}\n',
        encoding="utf-8",
    )
    glossary = Glossary.load(path)
    [found] = glossary.variants("bm", "Bolibagaw ani BOLIBAGA")
    assert (found.concept, found.found, found.term) == ("refugee", "bolibaga", "réfugié")
    assert glossary.variants("fr", "bolibaga") == []
    assert glossary.variants("fr", "les Exiles et l'exilée") == []
    assert [v.found for v in glossary.variants("fr", "un EXILE")] == ["exilé"]


def test_a_missing_glossary_is_empty_and_a_broken_one_says_why(tmp_path: Path) -> None:
    assert Glossary.load(tmp_path / "none.yml").concepts == {}
    broken = tmp_path / "glossary.yml"
    broken.write_text("concepts:\n  refugee:\n    fr: {avoid: [x]}\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="refugee fr must have a term"):
        Glossary.load(broken)


def test_the_projects_glossary_loads() -> None:
    glossary = Glossary.load(content_dir() / "glossary.yml")
    assert all(c.note for c in glossary.concepts.values())
