"""A message clearly in another language switches; a short or mixed one does not."""

from __future__ import annotations

import pytest

from common.language import LanguageDetector
from common.language.switch import clearly_written_in


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector.from_project()


@pytest.mark.parametrize(
    ("text", "current", "switched"),
    [
        ("il me menace de mort si je rentre a la maison, je suis dehors", "bm", "fr"),
        ("n b a fe ka segin mali n ka so", "fr", "bm"),
        ("بغيت نجدد البطاقة ديالي", "fr", "ar"),
        ("merci", "bm", None),
        ("ok papiers", "ar", None),
        ("bonjour je veux des papiers pour ma carte", "fr", None),
    ],
)
def test_clearly_another_language_or_none(
    detector: LanguageDetector, text: str, current: str, switched: str | None
) -> None:
    assert clearly_written_in(detector, text, current) == switched
