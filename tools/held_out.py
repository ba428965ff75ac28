"""The held-out evaluation sets, listed once in ``tests/eval/held_out.yml``.

``make test`` holds its floors on them, ``make bench`` scores three systems on
them and ``tests/test_eval_set.py`` keeps them apart from the training data:
all three read this list, so a new set is added in one place.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from common import yamlload

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "tests" / "eval"
REGISTRY = EVAL_DIR / "held_out.yml"
KINDS = ("clean", "messy", "safety")


@dataclass(frozen=True)
class HeldOutSet:
    """One set: its file, its kind (see :data:`KINDS`) and the line titling it in reports."""

    path: Path
    kind: str
    title: str

    @property
    def name(self) -> str:
        """The set's short name, as reports and ``var/bench/quality.json`` key it."""
        return self.path.stem


def held_out_sets(kinds: Collection[str] = KINDS) -> list[HeldOutSet]:
    """The sets of these kinds, in the order they were written."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds of held-out set: {sorted(unknown)}")
    entries = yamlload.safe_load(REGISTRY.read_text(encoding="utf-8"))["sets"]
    sets = [HeldOutSet(EVAL_DIR / e["file"], e["kind"], e["title"]) for e in entries]
    wrong = [s.name for s in sets if s.kind not in KINDS]
    if wrong:
        raise ValueError(f"{REGISTRY}: sets of no known kind: {wrong}")
    return [s for s in sets if s.kind in kinds]
