"""The phone screens section of the benchmark report."""

from __future__ import annotations

from pathlib import Path

from tools.bench.screens_section import screens_section

FIGURES = {
    "viewport": "390x844",
    "topics": {
        "emergency": {
            "fr": {"first_message": 1.2, "parts": 2, "all_parts_open": 2.5},
            "ar": {"first_message": 1.1, "parts": 2, "parts_unanswered": 1, "all_parts_open": 2.4},
        }
    },
}


def test_each_answer_has_its_screens_per_language_and_the_before_figure(tmp_path: Path) -> None:
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "screens-emergency-fr-phone.png").write_bytes(b"")
    before = {"topics": {"emergency": {"fr": {"first_message": 7.2}}}}
    lines = screens_section(FIGURES, before, tmp_path)
    row = next(line for line in lines if line.startswith("| emergency |"))
    assert (
        "1.2 (before 7.2) | 2.5 (2 parts) | 1.1 | 2.4 (2 parts, 1 unanswered) | — | — (0 parts)"
        in row
    )
    assert "- [screens-emergency-fr-phone.png](bench/screens-emergency-fr-phone.png)" in lines


def test_a_run_without_figures_says_so(tmp_path: Path) -> None:
    assert screens_section(None, None, tmp_path)[0] == "_Not measured in this run._"
