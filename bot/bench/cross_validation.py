"""Five-fold cross-validation of the three systems on ``data/nlu``.

Runs in Rasa's environment. The two Rasa pipelines (this project's
``config.yml`` and Rasa's default, ``bot/bench/rasa_init_config.yml``) go
through ``rasa.nlu.test.cross_validate``, the function behind ``rasa test nlu
--cross-validation``; the TF-IDF baseline is fitted on the very same folds
(Rasa's stratified split, drawn from one seed for all three systems).

Per fold: topic accuracy on the held-out fifth. Pooled over the five held-out
fifths: accuracy and macro-F1 per language (the language of an example is the
folder its file is in, ``data/nlu/<lang>/``). Writes JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.bench.quality import LANGUAGES, baseline_pipeline, rasa_default_config
from bot.language.detect import nlu_examples
from bot.nlu.metrics import accuracy, macro_f1

SEED = 2026


def languages_of(nlu_dir: Path) -> dict[str, str]:
    """The language of each training text, from the folder of its file."""
    found: dict[str, str] = {}
    for language in LANGUAGES:
        for text in nlu_examples(language, nlu_dir):
            found.setdefault(text, language)
    return found


def scores(
    gold: list[str], predicted: list[str | None], langs: list[str]
) -> dict[str, dict[str, float]]:
    """Accuracy and macro-F1 per language and over all, of pooled predictions."""
    out = {}
    for language in (*LANGUAGES, "all"):
        idx = [i for i, lang in enumerate(langs) if language in ("all", lang)]
        g = [gold[i] for i in idx]
        p = [predicted[i] for i in idx]
        out[language] = {"accuracy": round(accuracy(g, p), 4), "macro_f1": round(macro_f1(g, p), 4)}
    return out


def summary(
    per_fold: list[float], pooled: dict[str, dict[str, float]], seconds: float
) -> dict[str, Any]:
    """One system's figures."""
    return {
        "fold_accuracy": [round(a, 4) for a in per_fold],
        "mean_accuracy": round(statistics.mean(per_fold), 4),
        "stdev_accuracy": round(statistics.stdev(per_fold), 4) if len(per_fold) > 1 else 0.0,
        "pooled": pooled,
        "seconds": round(seconds, 1),
    }


def rasa_system(config: Path, nlu_dir: Path, folds: int, langs: dict[str, str]) -> dict[str, Any]:
    """Cross-validate a Rasa pipeline with Rasa's own cross-validation."""
    import numpy as np
    from rasa.nlu.test import cross_validate
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(nlu_dir))
    # Rasa's StratifiedKFold shuffles with NumPy's global generator: one seed
    # gives every system the same folds.
    np.random.seed(SEED)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-cv-") as out:
        intents, _, _ = asyncio.run(
            cross_validate(
                data,
                folds,
                str(config),
                output=out,
                successes=True,
                errors=True,
                disable_plotting=True,
                report_as_dict=True,
            )
        )
        results: list[dict[str, Any]] = []
        for name in ("intent_successes.json", "intent_errors.json"):
            path = Path(out) / name
            if path.exists():
                results += json.loads(path.read_text(encoding="utf-8"))
    seconds = time.perf_counter() - start
    gold = [str(r["intent"]) for r in results]
    predicted = [(r.get("intent_prediction") or {}).get("name") for r in results]
    example_langs = [langs.get(r["text"], "?") for r in results]
    return summary(list(intents.test["Accuracy"]), scores(gold, predicted, example_langs), seconds)


def tfidf_system(nlu_dir: Path, folds: int, langs: dict[str, str]) -> dict[str, Any]:
    """The TF-IDF baseline on the folds Rasa draws from the same seed."""
    import numpy as np
    from rasa.nlu.test import generate_folds
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(nlu_dir))
    np.random.seed(SEED)
    start = time.perf_counter()
    per_fold: list[float] = []
    gold: list[str] = []
    predicted: list[str | None] = []
    example_langs: list[str] = []
    for train, test in generate_folds(folds, data):
        model = baseline_pipeline()
        model.fit(
            [e.get("text") for e in train.intent_examples],
            [e.get("intent") for e in train.intent_examples],
        )
        texts = [e.get("text") for e in test.intent_examples]
        fold_gold = [e.get("intent") for e in test.intent_examples]
        fold_predicted = list(model.predict(texts))
        per_fold.append(accuracy(fold_gold, fold_predicted))
        gold += fold_gold
        predicted += fold_predicted
        example_langs += [langs.get(t, "?") for t in texts]
    seconds = time.perf_counter() - start
    return summary(per_fold, scores(gold, predicted, example_langs), seconds)


def main(argv: list[str] | None = None) -> int:
    """Cross-validate the three systems and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nlu", type=Path, default=Path("data/nlu"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("var/bench/cross_validation.json"))
    parser.add_argument(
        "--systems", default="project,rasa_default,tfidf_lr", help="comma-separated"
    )
    args = parser.parse_args(argv)
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.ERROR)
    configure_structlog(logging.ERROR)
    langs = languages_of(args.nlu)
    report: dict[str, Any] = {"folds": args.folds, "seed": SEED, "systems": {}}
    for system in args.systems.split(","):
        if system == "project":
            figures = rasa_system(Path("config.yml"), args.nlu, args.folds, langs)
        elif system == "rasa_default":
            figures = rasa_system(rasa_default_config(), args.nlu, args.folds, langs)
        elif system == "tfidf_lr":
            figures = tfidf_system(args.nlu, args.folds, langs)
        else:
            parser.error(f"unknown system {system!r}")
        report["systems"][system] = figures
        print(
            f"cross-validation {system:12} accuracy {figures['mean_accuracy']:.3f} "
            f"± {figures['stdev_accuracy']:.3f} in {figures['seconds']:.0f} s"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
