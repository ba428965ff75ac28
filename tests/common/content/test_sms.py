from __future__ import annotations

import datetime as dt

import pytest

from common.content.sms import first_sms, sms_status
from common.sms_encoding import encoding

ON = dt.date(2026, 11, 30)


def test_the_first_sms_is_the_sms_line_in_plain_letters() -> None:
    assert first_sms("  OIM bɛ i dɛmɛ.  ") == "OIM bè i dèmè."
    assert encoding(first_sms("OIM bɛ i dɛmɛ.")) == "GSM-7"


@pytest.mark.parametrize(
    ("language", "reviewed", "expected"),
    [
        ("fr", True, "Vérifié le 30/11/26"),
        ("fr", False, "Non vérifié, 30/11/26"),
        ("ar", False, "مسودة 30/11/26"),
        ("bm", True, "Mɔgɔ y'a sɛgɛsɛgɛ 30/11/26"),
    ],
)
def test_the_date_line_says_checked_or_draft_in_a_few_words(
    language: str, reviewed: bool, expected: str
) -> None:
    assert sms_status(language, reviewed, ON) == expected


def test_a_draft_without_any_date_still_says_it_is_a_draft() -> None:
    assert sms_status("fr", False, None) == "Non vérifié"
    assert sms_status("fr", True, None) == "Non vérifié"  # no date: never "checked"
