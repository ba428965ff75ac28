"""The benchmark report says what was measured, and says so when something was not."""

from __future__ import annotations

import json
from pathlib import Path

from tools.bench.report import main

SCORES = {lang: {"accuracy": 0.9, "macro_f1": 0.8} for lang in ("fr", "ar", "bm", "all")}


def run(tmp_path: Path, figures: dict[str, object]) -> str:
    folder = tmp_path / "figures"
    folder.mkdir()
    for name, content in figures.items():
        (folder / f"{name}.json").write_text(json.dumps(content), encoding="utf-8")
    out = tmp_path / "docs" / "benchmarks.md"
    out.parent.mkdir()
    assert main(["--figures", str(folder), "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_missing_figures_are_reported_as_missing(tmp_path: Path) -> None:
    text = run(tmp_path, {})
    assert text.count("_Not measured in this run._") >= 4
    assert "0.9" not in text


def test_every_system_gets_its_rows_and_pictures(tmp_path: Path) -> None:
    variants = {"clean": SCORES, "one_typo": SCORES}
    systems = {"project": variants, "rasa_default": variants, "tfidf_lr": variants}
    quality = {
        "sets": {
            "eval": {
                "examples": 10,
                "systems": systems,
                "clean_errors": {
                    "project": {"errors": 7, "fallback": 3, "emergency": 2, "other_topic": 2},
                },
            },
            "messy": {"examples": 12, "systems": {s: {"clean": SCORES} for s in systems}},
        },
        "tfidf_training_seconds": 1.5,
    }
    cv = {
        "folds": 5,
        "systems": {
            "project": {
                "mean_accuracy": 0.91,
                "stdev_accuracy": 0.01,
                "pooled": SCORES,
                "seconds": 60,
            }
        },
    }
    text = run(tmp_path, {"quality": quality, "cross_validation": cv})
    for name in ("this project", "Rasa's default pipeline", "TF-IDF + logistic regression"):
        assert f"| {name}" in text
    for system in ("project", "rasa_default", "tfidf_lr"):
        assert f"bench/confusion-{system}-bm.png" in text
    assert "0.910 ± 0.010" in text
    assert "| this project | 7 | 3 | 2 | 2 |" in text
    assert "one random typo +0.000" in text
    assert "`tests/eval/messy.yml`" in text and "12 examples" in text


def safety(recall_bm: float, alarms: int) -> dict[str, object]:
    recall = {"fr": 1.0, "ar": 1.0, "bm": recall_bm, "all": 0.99}
    return {"recall": recall, "false_alarms": alarms, "routine": 30}


def test_goals_are_judged_from_the_figures(tmp_path: Path) -> None:
    low = {**SCORES, "bm": {"accuracy": 0.85, "macro_f1": 0.8}}
    high = {lang: {"accuracy": 0.95, "macro_f1": 0.9} for lang in ("fr", "ar", "bm", "all")}
    quality = {
        "sets": {
            "eval": {"examples": 10, "systems": {"project": {"clean": low}}},
            "messy": {
                "examples": 10,
                "systems": {"project": {"clean": high}, "tfidf_lr": {"clean": SCORES}},
            },
            "messy2": {
                "examples": 10,
                "systems": {"project": {"clean": low}, "tfidf_lr": {"clean": SCORES}},
            },
            "safety": {
                "examples": 60,
                "systems": {"project": {"clean": high}},
                "safety": {"project": safety(0.9, 2)},
            },
            "safety2": {
                "examples": 60,
                "systems": {"project": {"clean": high}},
                "safety": {"project": safety(1.0, 1)},
            },
        },
        "tfidf_training_seconds": 1.0,
    }
    row = {"requests": 10, "p50_ms": 100, "p99_ms": 400, "messages_per_second": 20}
    latency = {
        "latency": [{**row, "concurrency": 10, "p95_ms": 350.0}],
        "latency_paced": [{**row, "concurrency": 10, "p95_ms": 120.0}],
        "nlu_parse": {"p50_ms": 5, "p95_ms": 7},
        "memory_mb": {"rasa": 500},
    }
    training = {"seconds": 40, "rasa_default_nlu_seconds": 200}
    text = run(tmp_path, {"quality": quality, "latency": latency, "training": training})
    assert "| lowest: bm 0.850 | **not met** |" in text
    assert "(best baseline 0.900) | met |" in text
    messy = "≥ 0.92 in every language and above both baselines"
    assert f"| `messy.yml`: {messy} | " in text
    messy2 = next(line for line in text.splitlines() if line.startswith(f"| `messy2.yml`: {messy}"))
    assert messy2.endswith("| **not met** |")
    assert "bm 0.900 | **not met** |" in text
    alarms = "at most 1 false alarm in 30 routine messages"
    assert f"| `safety.yml`: {alarms} | 2/30 | **not met** |" in text
    assert f"| `safety2.yml`: {alarms} | 1/30 | met |" in text
    assert "(saturation) | 350.0 ms | **not met** |" in text
    assert "(paced) | 120.0 ms | met |" in text
    assert "| retraining < 5 minutes | 40 s | met |" in text


def test_raw_figures_are_written_beside_the_report(tmp_path: Path) -> None:
    run(tmp_path, {"training": {"seconds": 40, "rasa_default_nlu_seconds": 200}})
    raw = json.loads((tmp_path / "docs" / "bench" / "figures.json").read_text(encoding="utf-8"))
    assert raw["training"]["seconds"] == 40
    assert raw["latency"] is None
