"""Pooling of cross-validated predictions per language."""

from __future__ import annotations

from pathlib import Path

from tools.bench.cross_validation import languages_of, scores, summary


def write(path: Path, intent: str, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    examples = "\n".join(f"      - {line}" for line in lines)
    path.write_text(
        f'version: "3.1"\nnlu:\n  - intent: {intent}\n    examples: |\n{examples}\n',
        encoding="utf-8",
    )


def test_language_comes_from_the_folder(tmp_path: Path) -> None:
    write(tmp_path / "fr" / "stay.yml", "residence_permit", ["carte de sejour", "titre"])
    write(tmp_path / "bm" / "stay.yml", "residence_permit", ["sigiyɔrɔ sɛbɛn"])
    assert languages_of(tmp_path) == {
        "carte de sejour": "fr",
        "titre": "fr",
        "sigiyɔrɔ sɛbɛn": "bm",
    }


def test_scores_are_per_language_and_over_all() -> None:
    gold = ["a", "a", "b", "b"]
    predicted: list[str | None] = ["a", "b", "b", None]
    result = scores(gold, predicted, ["fr", "fr", "ar", "ar"])
    assert result["fr"]["accuracy"] == 0.5
    assert result["ar"]["accuracy"] == 0.5
    assert result["all"]["accuracy"] == 0.5
    assert result["bm"]["accuracy"] == 0.0


def test_summary_gives_mean_and_spread_of_the_folds() -> None:
    figures = summary([0.9, 0.8, 1.0], {}, 12.34)
    assert figures["mean_accuracy"] == 0.9
    assert figures["stdev_accuracy"] == 0.1
    assert figures["seconds"] == 12.3
