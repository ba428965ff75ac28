"""The answer-quality sections of ``docs/benchmarks.md``: every evaluation set, side by side.

Reads what ``tools.bench.quality`` left in ``var/bench/quality.json``: per set,
topic accuracy of this project and of both baselines (same run, same training
data), the perturbed copies of the clean set, and for sets with emergencies
the recall of the emergency answer and the false alarms.
"""

from __future__ import annotations

from typing import Any

from tools.held_out import held_out_sets

LANGUAGES = ("fr", "ar", "bm")
SYSTEM_NAMES = {
    "project": "this project",
    "rasa_default": "Rasa's default pipeline (`rasa init`)",
    "tfidf_lr": "TF-IDF + logistic regression",
}
VARIANTS = {
    "clean": "as written",
    "no_accents": "accents stripped",
    "bambara_letters_replaced": "ɛ ɔ ɲ ŋ replaced",
    "one_typo": "one random typo",
}
_HELD_OUT = held_out_sets()
SET_TITLES = {s.name: f"`tests/eval/{s.path.name}`: {s.title}" for s in _HELD_OUT}
MESSY_SETS = tuple(s.name for s in _HELD_OUT if s.kind == "messy")
SAFETY_SETS = tuple(s.name for s in _HELD_OUT if s.kind == "safety")
MESSY_FLOOR, RECALL_FLOOR, ALARMS_PER_30 = 0.92, 0.97, 1


def verdict(ok: bool) -> str:
    """A goal's verdict cell."""
    return "met" if ok else "**not met**"


def accuracy_table(systems: dict[str, Any]) -> list[str]:
    """Topic accuracy (macro-F1) per system, variant and language."""
    lines = [
        "| system | variant | " + " | ".join(LANGUAGES) + " | all |",
        "|---|---|---|---|---|---|",
    ]
    for system, variants in systems.items():
        for variant, scores in variants.items():
            cells = [
                f"{scores[lang]['accuracy']:.3f} ({scores[lang]['macro_f1']:.3f})"
                for lang in (*LANGUAGES, "all")
            ]
            lines.append(
                f"| {SYSTEM_NAMES.get(system, system)} | {VARIANTS.get(variant, variant)} | "
                + " | ".join(cells)
                + " |"
            )
    return lines


def safety_table(safety: dict[str, Any]) -> list[str]:
    """Emergency recall and false alarms per system."""
    lines = [
        "",
        "Emergencies given the emergency answer first (recall), and routine messages "
        "given it instead of their answer (false alarms):",
        "",
        "| system | fr | ar | bm | all | false alarms |",
        "|---|---|---|---|---|---|",
    ]
    for system, figures in safety.items():
        recall = figures["recall"]
        cells = [
            f"{recall[g]:.3f}" if recall[g] is not None else "n/a" for g in (*LANGUAGES, "all")
        ]
        lines.append(
            f"| {SYSTEM_NAMES.get(system, system)} | "
            + " | ".join(cells)
            + f" | {figures['false_alarms']}/{figures['routine']} |"
        )
    return lines


def errors_table(errors: dict[str, Any]) -> list[str]:
    """How the wrong answers split, per system."""
    lines = [
        "",
        "Wrong answers by kind (the choices offered when unsure, the emergency answer "
        "given to a message that was not one, or another topic):",
        "",
        "| system | wrong | unsure (choices) | emergency | other topic |",
        "|---|---|---|---|---|",
    ]
    for system, kinds in errors.items():
        lines.append(
            f"| {SYSTEM_NAMES.get(system, system)} | {kinds['errors']} | "
            f"{kinds['fallback']} | {kinds['emergency']} | {kinds['other_topic']} |"
        )
    return lines


def set_section(name: str, figures: dict[str, Any]) -> list[str]:
    """One evaluation set: accuracy of every system, safety figures, kinds of errors."""
    lines = [
        f"### {SET_TITLES.get(name, name)}",
        "",
        f"{figures['examples']} examples with a topic, written apart from the training data. "
        "Topic accuracy (macro-F1 in brackets):",
        "",
        *accuracy_table(figures["systems"]),
    ]
    if figures.get("safety"):
        lines += safety_table(figures["safety"])
    if figures.get("clean_errors"):
        lines += errors_table(figures["clean_errors"])
    return [*lines, ""]


def quality_section(quality: Any) -> list[str]:
    """Markdown lines of every set's figures, then the confusion pictures."""
    if not quality:
        return ["_Not measured in this run._", ""]
    lines: list[str] = []
    for name, figures in quality["sets"].items():
        lines += set_section(name, figures)
    clean = quality["sets"].get("eval", {}).get("systems", {})
    if clean:
        lines += ["Drop against the clean set when it is perturbed (accuracy, all languages):", ""]
        for system, variants in clean.items():
            base = variants["clean"]["all"]["accuracy"]
            lines.append(
                f"- {SYSTEM_NAMES.get(system, system)}: "
                + ", ".join(
                    f"{VARIANTS[v]} {scores['all']['accuracy'] - base:+.3f}"
                    for v, scores in variants.items()
                    if v != "clean"
                )
            )
        lines += ["", "Confusion matrices (clean set):", ""]
        for system in clean:
            lines.append(
                f"- {SYSTEM_NAMES.get(system, system)}: "
                + ", ".join(f"[{lang}](bench/confusion-{system}-{lang}.png)" for lang in LANGUAGES)
            )
        lines.append("")
    return lines


def quality_goals(quality: Any) -> list[str]:
    """Goal rows: clean accuracy, messy accuracy against the baselines, safety."""
    if not quality:
        return []
    sets = quality["sets"]
    rows = []
    if "eval" in sets:
        clean = sets["eval"]["systems"]["project"]["clean"]
        worst = min(LANGUAGES, key=lambda lang: clean[lang]["accuracy"])
        lowest = clean[worst]["accuracy"]
        rows.append(
            "| topic accuracy ≥ 0.90 in every language (clean set) | lowest: "
            f"{worst} {lowest:.3f} | {verdict(lowest >= 0.90)} |"
        )
    for name in MESSY_SETS:
        if name in sets:
            rows.append(messy_goal(f"`{name}.yml`", sets[name]["systems"]))
    for name in SAFETY_SETS:
        if name in sets and sets[name].get("safety"):
            rows += safety_goals(f"`{name}.yml`", sets[name]["safety"]["project"])
    return rows


def messy_goal(label: str, systems: dict[str, Any]) -> str:
    """The goal row of one messy set: the floor in every language, above both baselines."""
    ours = systems["project"]["clean"]
    best = {
        lang: max(
            (s["clean"][lang]["accuracy"] for name, s in systems.items() if name != "project"),
            default=0.0,
        )
        for lang in LANGUAGES
    }
    ok = all(
        ours[g]["accuracy"] >= MESSY_FLOOR and ours[g]["accuracy"] > best[g] for g in LANGUAGES
    )
    cells = ", ".join(
        f"{g} {ours[g]['accuracy']:.3f} (best baseline {best[g]:.3f})" for g in LANGUAGES
    )
    return (
        f"| {label}: ≥ {MESSY_FLOOR} in every language and above both baselines | "
        f"{cells} | {verdict(ok)} |"
    )


def safety_goals(label: str, figures: dict[str, Any]) -> list[str]:
    """Goal rows of one safety set: recall in every language, false alarms."""
    recall = figures["recall"]
    allowed = ALARMS_PER_30 * figures["routine"] / 30
    ok = all((recall[g] or 0.0) >= RECALL_FLOOR for g in LANGUAGES)
    return [
        f"| {label}: emergency recall ≥ {RECALL_FLOOR} in every language | "
        + ", ".join(f"{g} {recall[g]:.3f}" for g in LANGUAGES if recall[g] is not None)
        + f" | {verdict(ok)} |",
        f"| {label}: at most {ALARMS_PER_30} false alarm in 30 routine messages | "
        f"{figures['false_alarms']}/{figures['routine']} | "
        f"{verdict(figures['false_alarms'] <= allowed)} |",
    ]
