"""``make eval``: one loaded model scores every file, and a floor missed in any file fails."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tools import evaluate
from tools.held_out import held_out_sets


class FakeAgent:
    """Answers every text with the intent written after its '=>' (no model)."""

    async def parse_message(self, text: str) -> dict[str, Any]:
        intent = text.rsplit("=>", 1)[1].strip()
        return {"intent": {"name": intent}, "intent_ranking": [{"name": intent, "confidence": 1}]}


def _set(path: Path, lines: list[tuple[str, str]]) -> Path:
    rows = "\n".join(
        f'  - {{lang: {lang}, topic: {topic}, text: "{topic} => {said}"}}'
        for lang in ("fr", "ar", "bm")
        for topic, said in lines
    )
    path.write_text(f"version: 1\nexamples:\n{rows}\n", encoding="utf-8")
    return path


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    loaded: list[Path] = []

    def load_agent(model: Path) -> FakeAgent:
        loaded.append(model)
        return FakeAgent()

    monkeypatch.setattr(evaluate, "load_agent", load_agent)
    return loaded


def test_every_file_is_scored_with_one_model_load(
    tmp_path: Path, loads: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    right = _set(tmp_path / "a.yml", [("asylum", "asylum"), ("emergency", "emergency")])
    also = _set(tmp_path / "b.yml", [("health_care", "health_care")])
    assert evaluate.main([str(right), str(also), "--floor", "0.9", "--safety-floor", "0.9"]) == 0
    out = capsys.readouterr().out
    assert len(loads) == 1
    assert out.count("eval: fr=1.000 ar=1.000 bm=1.000 all=1.000") == 2
    assert "safety: recall fr=1.000 ar=1.000 bm=1.000 all=1.000 false_alarms=0/3" in out


def test_a_topic_floor_missed_in_one_file_fails_the_run(
    tmp_path: Path, loads: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    good = _set(tmp_path / "good.yml", [("asylum", "asylum")])
    bad = _set(tmp_path / "bad.yml", [("asylum", "asylum"), ("health_care", "asylum")])
    assert evaluate.main([str(good), str(bad), "--floor", "0.85"]) == 1
    assert f"FAILED: {bad}: topic accuracy under the floor 0.85" in capsys.readouterr().out


def test_a_missed_emergency_fails_the_safety_floor(
    tmp_path: Path, loads: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    missed = _set(tmp_path / "s.yml", [("asylum", "asylum"), ("emergency", "asylum")])
    assert evaluate.main([str(missed), "--safety-floor", "0.95"]) == 1
    assert "emergency recall under the floor 0.95 for fr, ar, bm" in capsys.readouterr().out


def test_held_out_kinds_score_the_listed_sets_of_those_kinds(
    monkeypatch: pytest.MonkeyPatch, loads: list[Path]
) -> None:
    scored: list[Path] = []

    def evaluate_set(agent: Any, path: Path, floor: float, safety_floor: float) -> bool:
        scored.append(path)
        return True

    monkeypatch.setattr(evaluate, "evaluate_set", evaluate_set)
    assert evaluate.main(["--held-out", "safety"]) == 0
    assert scored == [s.path for s in held_out_sets(["safety"])]
    scored.clear()
    extra = Path("extra.yml")
    assert evaluate.main([str(extra), "--held-out", "clean", "--held-out", "messy"]) == 0
    assert scored == [extra, *(s.path for s in held_out_sets(["clean", "messy"]))]
    assert len(loads) == 2


def test_nothing_to_score_is_refused(loads: list[Path]) -> None:
    with pytest.raises(SystemExit):
        evaluate.main([])
    assert loads == []
