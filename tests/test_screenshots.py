"""Screenshots go to docs/ only when asked for."""

from __future__ import annotations

import pytest

from tests.screenshots import ROOT, screenshots


def test_screenshots_stay_out_of_the_tree_unless_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SCREENSHOTS", raising=False)
    elsewhere = screenshots("bench")
    assert elsewhere.is_dir() and not elsewhere.is_relative_to(ROOT)
    monkeypatch.setenv("SCREENSHOTS", "docs")
    assert screenshots("img") == ROOT / "docs" / "img"
