"""Answer quality per language on ``tests/eval/``, clean and perturbed, for three systems.

Runs in Rasa's environment (``make bench`` calls it). Systems, trained on the
same ``data/nlu`` in this run:

- this project's model (``models/assistant.tar.gz``: normaliser, word and
  character n-gram counts, logistic regression, fallback, emergency override);
- Rasa's default pipeline, the one ``rasa init`` trains (DIET;
  ``tools/bench/rasa_init_config.yml``), trained by ``tools.bench.training``;
- a TF-IDF + logistic-regression baseline (scikit-learn), on character
  n-grams of the lower-cased text, with no normaliser.

Each is scored on every evaluation set of ``tests/eval/`` (written apart from the
training data): ``eval`` (clean one-line questions), ``messy`` (stories,
shorthand, dictation, mixed languages) and ``safety`` (emergencies and routine
questions with alarming words: emergency recall and false alarms). The clean
set is also scored on three perturbed copies: Latin accents stripped, Bambara's
letters replaced (ɛ→e, ɔ→o, ɲ→ny, ŋ→ng), and one random one-letter typo per
message (fixed seed). Writes JSON and one confusion-matrix picture per system
and language (clean set).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import time
import unicodedata
from pathlib import Path
from typing import Any

from common.language.detect import nlu_examples, nlu_intent_examples
from common.languages import LANGUAGES
from tools.evaluate import intents_of, load_agent, read_examples
from tools.held_out import held_out_sets
from tools.metrics import accuracy, macro_f1

SYSTEM_NAMES = {
    "project": "this project",
    "rasa_default": "Rasa's default pipeline",
    "tfidf_lr": "TF-IDF + logistic regression",
}
BAMBARA = str.maketrans({"ɛ": "e", "ɔ": "o", "Ɛ": "E", "Ɔ": "O"})


def strip_accents(text: str) -> str:
    """Remove Latin diacritics (é→e), leave Arabic and Bambara letters alone."""
    out = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and "\u0300" <= char <= "\u036f":
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def replace_bambara(text: str) -> str:
    """Bambara's letters as typed on phones without them."""
    return text.translate(BAMBARA).replace("ɲ", "ny").replace("Ɲ", "Ny").replace("ŋ", "ng")


def typo(text: str, rng: random.Random) -> str:
    """One random one-letter typo (swap, drop, double or replace) in a word of 4+ letters."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 4]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = list(words[i])
    j = rng.randrange(1, len(word) - 1)
    operation = rng.choice(["swap", "drop", "double", "replace"])
    if operation == "swap":
        word[j], word[j + 1] = word[j + 1], word[j]
    elif operation == "drop":
        del word[j]
    elif operation == "double":
        word.insert(j, word[j])
    else:
        word[j] = rng.choice("aeiourstnl")
    words[i] = "".join(word)
    return " ".join(words)


def training_set(nlu_dir: Path) -> tuple[list[str], list[str]]:
    """Texts and intents of the NLU data, all languages."""
    pairs = [pair for language in LANGUAGES for pair in nlu_intent_examples(language, nlu_dir)]
    return [text for text, _ in pairs], [intent for _, intent in pairs]


def rasa_default_config() -> Path:
    """Rasa's default NLU pipeline, as ``rasa init`` trains it."""
    return Path(__file__).with_name("rasa_init_config.yml")


def baseline_pipeline() -> Any:
    """TF-IDF on character n-grams + logistic regression, not fitted."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True, sublinear_tf=True),
        LogisticRegression(max_iter=2000, C=10),
    )


def baseline(nlu_dir: Path):  # type: ignore[no-untyped-def]
    """The TF-IDF baseline, fitted now on all of ``nlu_dir``."""
    texts, labels = training_set(nlu_dir)
    model = baseline_pipeline()
    start = time.perf_counter()
    model.fit(texts, labels)
    return model, time.perf_counter() - start


async def rasa_predict(
    model_path: Path, variants: dict[str, list[str]]
) -> tuple[dict[str, list[str | None]], float]:
    """A Rasa model's intents for every variant, and its mean parse time per message."""
    agent = load_agent(model_path)
    out: dict[str, list[str | None]] = {}
    start = time.perf_counter()
    for variant, texts in variants.items():
        out[variant] = await intents_of(agent, texts)
    parsed_count = sum(len(texts) for texts in variants.values())
    return out, (time.perf_counter() - start) / max(1, parsed_count)


def error_kinds(gold: list[str], predicted: list[str | None]) -> dict[str, int]:
    """How the wrong predictions split: asked to rephrase, emergency answer, other topic.

    The first two are choices of this project's pipeline (fallback threshold,
    emergency override) that a plain classifier does not make.
    """
    wrong = [(g, p) for g, p in zip(gold, predicted, strict=True) if g != p]
    fallback = sum(p == "nlu_fallback" for _, p in wrong)
    emergency = sum(p == "emergency" for _, p in wrong)
    return {
        "errors": len(wrong),
        "fallback": fallback,
        "emergency": emergency,
        "other_topic": len(wrong) - fallback - emergency,
    }


def confusion_png(gold: list[str], predicted: list[str | None], path: Path, title: str) -> None:
    """Save a confusion matrix picture."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = sorted(set(gold) | {p or "none" for p in predicted})
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted, strict=True):
        matrix[index[g]][index[p or "none"]] += 1
    figure, axes = plt.subplots(figsize=(11, 10))
    axes.imshow(matrix, cmap="Blues")
    axes.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    axes.set_yticks(range(len(labels)), labels, fontsize=7)
    axes.set_xlabel("predicted")
    axes.set_ylabel("expected")
    axes.set_title(title)
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            if value:
                axes.text(
                    j,
                    i,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=6,
                    color="white" if value > 3 else "black",
                )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=90)
    plt.close(figure)


PERTURBED_SET = "eval"  # the perturbed copies are made of the clean one-line set only
EMERGENCY = "emergency"


def variants_of(name: str, texts: list[str]) -> dict[str, list[str]]:
    """The set as written, and for the clean set its three perturbed copies."""
    if name != PERTURBED_SET:
        return {"clean": texts}
    rng = random.Random(2026)
    return {
        "clean": texts,
        "no_accents": [strip_accents(t) for t in texts],
        "bambara_letters_replaced": [replace_bambara(t) for t in texts],
        "one_typo": [typo(t, rng) for t in texts],
    }


def scores_by_language(
    gold: list[str], predicted: list[str | None], langs: list[str]
) -> dict[str, dict[str, float]]:
    """Accuracy and macro-F1 per language and overall."""
    scores = {}
    for language in (*LANGUAGES, "all"):
        idx = [i for i, lang in enumerate(langs) if language in ("all", lang)]
        g = [gold[i] for i in idx]
        p = [predicted[i] for i in idx]
        scores[language] = {
            "accuracy": round(accuracy(g, p), 4),
            "macro_f1": round(macro_f1(g, p), 4),
        }
    return scores


def safety_scores(gold: list[str], predicted: list[str | None], langs: list[str]) -> dict[str, Any]:
    """Emergency recall per language, and routine messages given the emergency answer."""
    recall: dict[str, float | None] = {}
    for language in (*LANGUAGES, "all"):
        danger = [i for i, g in enumerate(gold) if g == EMERGENCY and language in ("all", langs[i])]
        hits = sum(predicted[i] == EMERGENCY for i in danger)
        recall[language] = round(hits / len(danger), 4) if danger else None
    routine = [i for i, g in enumerate(gold) if g != EMERGENCY]
    alarms = sum(predicted[i] == EMERGENCY for i in routine)
    return {"recall": recall, "false_alarms": alarms, "routine": len(routine)}


def score_set(
    path: Path, model: Path, default_model: Path, tfidf: Any, pictures: Path
) -> tuple[dict[str, Any], dict[str, float]]:
    """Every system on one evaluation set; the set's report and parse times."""
    name = path.stem
    examples = [e for e in read_examples(path) if e.topic]
    gold = [str(e.topic) for e in examples]
    langs = [e.lang for e in examples]
    variants = variants_of(name, [e.text for e in examples])
    project, parse_seconds = asyncio.run(rasa_predict(model, variants))
    rasa_default, default_seconds = asyncio.run(rasa_predict(default_model, variants))
    predictions = {"project": project, "rasa_default": rasa_default}
    predictions["tfidf_lr"] = {v: list(tfidf.predict(texts)) for v, texts in variants.items()}
    systems: dict[str, dict[str, Any]] = {system: {} for system in predictions}
    for system, by_variant in predictions.items():
        for variant, predicted in by_variant.items():
            scores = scores_by_language(gold, predicted, langs)
            systems[system][variant] = scores
            print(
                f"{name:6} {system:12} {variant:25} "
                + " ".join(f"{lang}={scores[lang]['accuracy']:.3f}" for lang in (*LANGUAGES, "all"))
            )
        if name == PERTURBED_SET:
            for language in LANGUAGES:
                idx = [i for i, lang in enumerate(langs) if lang == language]
                confusion_png(
                    [gold[i] for i in idx],
                    [by_variant["clean"][i] for i in idx],
                    pictures / f"confusion-{system}-{language}.png",
                    f"Topic confusion, {language} ({SYSTEM_NAMES[system]})",
                )
    report: dict[str, Any] = {
        "examples": len(examples),
        "systems": systems,
        "clean_errors": {s: error_kinds(gold, p["clean"]) for s, p in predictions.items()},
    }
    if EMERGENCY in gold:
        report["safety"] = {
            s: safety_scores(gold, p["clean"], langs) for s, p in predictions.items()
        }
    return report, {"project": parse_seconds, "rasa_default": default_seconds}


def main(argv: list[str] | None = None) -> int:
    """Score the three systems on every set (and the perturbed copies); write JSON and pictures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=Path, nargs="+", default=[s.path for s in held_out_sets()])
    parser.add_argument("--model", type=Path, default=Path("models/assistant.tar.gz"))
    parser.add_argument(
        "--default-model", type=Path, default=Path("var/bench/rasa-default/model.tar.gz")
    )
    parser.add_argument("--nlu", type=Path, default=Path("data/nlu"))
    parser.add_argument("--out", type=Path, default=Path("var/bench/quality.json"))
    parser.add_argument("--pictures", type=Path, default=Path("docs/bench"))
    args = parser.parse_args(argv)
    tfidf, tfidf_seconds = baseline(args.nlu)
    sets: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    for path in args.sets:
        sets[path.stem], seconds = score_set(
            path, args.model, args.default_model, tfidf, args.pictures
        )
    report = {
        "sets": sets,
        "nlu_parse_ms_in_process": round(seconds.get("project", 0.0) * 1000, 2),
        "rasa_default_parse_ms_in_process": round(seconds.get("rasa_default", 0.0) * 1000, 2),
        "tfidf_training_seconds": round(tfidf_seconds, 2),
        "training_examples": sum(len(nlu_examples(lang)) for lang in LANGUAGES),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
