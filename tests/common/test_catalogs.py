"""Every interface string the project ships is translated in every language.

An untranslated string shows its English source to a person who reads only
Arabic or Bambara; the content check lists it as a warning for editors, and
this test stops it from being released.
"""

from __future__ import annotations

from pathlib import Path

from common.content.check import check_catalogs

LOCALES = Path(__file__).resolve().parents[2] / "locales"


def test_no_interface_string_is_left_untranslated_or_fuzzy() -> None:
    problems = [f.format() for f in check_catalogs(LOCALES) if f.code in {"untranslated", "fuzzy"}]
    assert problems == []
