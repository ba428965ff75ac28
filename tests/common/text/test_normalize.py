from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common.text.normalize import normalize


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Préfecture", "prefecture"),
        ("PREFECTURE", "prefecture"),
        ("n b'a fɛ ka segin", "n b a fe ka segin"),
        ("n b’a fe ka segin", "n b a fe ka segin"),
        ("ɲɛnajɛ ŋɔni", "nyenaje ngoni"),
        ("أُرِيدُ", "اريد"),
        ("العـــودة", "العوده"),
        ("إلى", "الي"),
        ("٣ أيام", "3 ايام"),
        ("merciiiii!!!", "mercii"),
        ("kifach n9ad lwra9", "kifach n9ad lwra9"),
        ("  carte   de\tséjour ", "carte de sejour"),
        ("😀🙏", ""),
    ],
)
def test_folds_the_ways_people_type(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


@given(st.text())
def test_never_fails_and_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip()
    assert "  " not in once
