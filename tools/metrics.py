"""Accuracy, macro-F1 and confusions of topic predictions (standard library)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def accuracy(gold: Sequence[str | None], predicted: Sequence[str | None]) -> float:
    """Share of predictions equal to the gold label (0.0 for no examples)."""
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, predicted, strict=False)) / len(gold)


def macro_f1(gold: Sequence[str], predicted: Sequence[str | None]) -> float:
    """Unweighted mean of the per-label F1 over the gold labels."""
    labels = sorted(set(gold))
    if not labels:
        return 0.0
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=False))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=False))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=False))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def worst_confusions(
    gold: Sequence[str], predicted: Sequence[str | None], top: int = 10
) -> list[tuple[str, str, int]]:
    """The most frequent (gold, predicted) pairs where the two differ."""
    pairs = Counter((g, str(p)) for g, p in zip(gold, predicted, strict=False) if g != p)
    return [(g, p, n) for (g, p), n in pairs.most_common(top)]
