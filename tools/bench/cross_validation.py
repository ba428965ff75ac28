"""Three-fold cross-validation of the three systems on ``data/nlu``.

Runs in Rasa's environment. The folds are those of ``rasa test nlu
--cross-validation`` (Rasa's stratified split), drawn from one seed, so all
three systems see the same ones. The two Rasa pipelines (this project's
``config.yml`` and Rasa's default, ``tools/bench/rasa_init_config.yml``) are
trained on each fold with ``rasa.model_training.train_nlu``, as Rasa's own
cross-validation does; the TF-IDF baseline is fitted with scikit-learn.

Per fold: topic accuracy on the held-out part. Pooled over the held-out
parts: accuracy and macro-F1 per language (the language of an example is the
folder its file is in, ``data/nlu/<lang>/``). Writes JSON.

Three folds, not five: with this round's data Rasa's default pipeline takes
about 6.5 minutes a fold on 2 cores, and five folds of three systems no
longer fit ``make bench`` beside its other steps. ``--folds 5`` still works.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common.language.detect import nlu_examples
from common.languages import LANGUAGES
from tools.bench.quality import baseline_pipeline, rasa_default_config
from tools.evaluate import intents_of, load_agent
from tools.metrics import accuracy, macro_f1

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


Predictor = Callable[[list[str], list[str], list[str]], list[str | None]]


def cross_validate(
    predictor: Predictor, data: Any, folds: int, langs: dict[str, str]
) -> dict[str, Any]:
    """Fit ``predictor`` on each fold's training part and score its held-out part.

    The folds are Rasa's (``rasa.nlu.test.generate_folds``, a stratified
    shuffle drawn from NumPy's global generator): seeding it gives every system
    the same folds.
    """
    import numpy as np
    from rasa.nlu.test import generate_folds

    np.random.seed(SEED)
    start = time.perf_counter()
    per_fold: list[float] = []
    gold: list[str] = []
    predicted: list[str | None] = []
    example_langs: list[str] = []
    for train, test in generate_folds(folds, data):
        texts = [e.get("text") for e in test.intent_examples]
        fold_gold = [e.get("intent") for e in test.intent_examples]
        fold_predicted = predictor(
            [e.get("text") for e in train.intent_examples],
            [e.get("intent") for e in train.intent_examples],
            texts,
        )
        per_fold.append(accuracy(fold_gold, fold_predicted))
        gold += fold_gold
        predicted += fold_predicted
        example_langs += [langs.get(t, "?") for t in texts]
    seconds = time.perf_counter() - start
    return summary(per_fold, scores(gold, predicted, example_langs), seconds)


def rasa_predictor(config: Path) -> Predictor:
    """Train a Rasa NLU pipeline on the fold (``rasa train nlu``) and parse the held-out texts.

    As ``rasa test nlu --cross-validation`` does, without its scoring of the
    training part (which only costs time here).
    """

    def fit_predict(texts: list[str], intents: list[str], held_out: list[str]) -> list[str | None]:
        from rasa.model_training import train_nlu
        from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
        from rasa.shared.nlu.training_data.message import Message
        from rasa.shared.nlu.training_data.training_data import TrainingData

        examples = [
            Message(data={"text": t, "intent": i}) for t, i in zip(texts, intents, strict=True)
        ]
        with tempfile.TemporaryDirectory(prefix="bench-cv-") as folder:
            data_file = Path(folder) / "nlu.yml"
            RasaYAMLWriter().dump(data_file, TrainingData(training_examples=examples))
            model = train_nlu(str(config), str(data_file), folder)
            return asyncio.run(intents_of(load_agent(Path(str(model))), held_out))

    return fit_predict


def tfidf_predict(texts: list[str], intents: list[str], held_out: list[str]) -> list[str | None]:
    """The TF-IDF baseline fitted on the fold."""
    model = baseline_pipeline()
    model.fit(texts, intents)
    return list(model.predict(held_out))


def main(argv: list[str] | None = None) -> int:
    """Cross-validate the three systems and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nlu", type=Path, default=Path("data/nlu"))
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("var/bench/cross_validation.json"))
    parser.add_argument(
        "--systems", default="project,rasa_default,tfidf_lr", help="comma-separated"
    )
    args = parser.parse_args(argv)
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.ERROR)
    configure_structlog(logging.ERROR)
    from rasa.shared.nlu.training_data.loading import load_data

    langs = languages_of(args.nlu)
    data = load_data(str(args.nlu))
    report: dict[str, Any] = {"folds": args.folds, "seed": SEED, "systems": {}}
    for system in args.systems.split(","):
        predictors: dict[str, Predictor] = {
            "project": rasa_predictor(Path("config.yml")),
            "rasa_default": rasa_predictor(rasa_default_config()),
            "tfidf_lr": tfidf_predict,
        }
        if system not in predictors:
            parser.error(f"unknown system {system!r}")
        figures = cross_validate(predictors[system], data, args.folds, langs)
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
