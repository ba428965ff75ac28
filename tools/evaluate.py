"""``make eval DATA="file.yml ..."``: topic and language accuracy of the trained model.

Runs in Rasa's environment, loading the model once in this process for all
the files given (``--held-out KIND`` adds the held-out sets of that kind,
listed in ``tests/eval/held_out.yml``). Each file lists examples ``{lang,
topic, text}``; an example without ``topic`` counts for language detection
only. Prints for each file, per language and overall, topic accuracy and
macro-F1, language-detection accuracy and the worst confusions, then the
summary lines ``langid: ...``, ``eval: ...``, ``safety: ...`` and ``top3:
...``. With ``--floor F`` (and ``--safety-floor R``) it exits with status 1
when a language's topic accuracy is under F (or its emergency recall under R)
in any file.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import yamlload
from common.choices import found, offerable
from common.content.topics import TopicCatalog
from common.language import LANGUAGES, LanguageDetector
from tools.held_out import KINDS, held_out_sets
from tools.metrics import accuracy, macro_f1, worst_confusions


@dataclass(frozen=True)
class Example:
    """One line of the evaluation file."""

    lang: str
    text: str
    topic: str | None


def read_examples(path: Path) -> list[Example]:
    """Read and check the evaluation file."""
    data = yamlload.safe_load(path.read_text(encoding="utf-8")) or {}
    examples = []
    for i, item in enumerate(data.get("examples") or [], 1):
        if not isinstance(item, dict) or item.get("lang") not in LANGUAGES or not item.get("text"):
            raise SystemExit(f"{path}: example {i} needs lang (fr, ar or bm) and text")
        examples.append(Example(item["lang"], str(item["text"]), item.get("topic")))
    if not examples:
        raise SystemExit(f"{path}: no examples")
    return examples


def load_agent(model: Path) -> Any:
    """A Rasa agent with the trained ``model``, Rasa's logging quietened."""
    from rasa.core.agent import Agent
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.ERROR)
    configure_structlog(logging.ERROR)
    return Agent.load(str(model))


@dataclass(frozen=True)
class Parsed:
    """What the NLU made of one message: the intent and its ranking."""

    intent: str | None
    ranking: list[dict[str, Any]]


async def parse_all(agent: Any, texts: list[str]) -> list[Parsed]:
    """Parse each text with ``agent`` (NLU only: no conversation is touched)."""
    parsed = []
    for text in texts:
        result = await agent.parse_message(text)
        intent = (result.get("intent") or {}).get("name")
        parsed.append(Parsed(intent, list(result.get("intent_ranking") or [])))
    return parsed


async def intents_of(agent: Any, texts: list[str]) -> list[str | None]:
    """The intent ``agent`` predicts for each text."""
    return [p.intent for p in await parse_all(agent, texts)]


def emergency_recall(examples: list[Example], intents: list[str | None]) -> dict[str, float | None]:
    """Per language (and ``all``): the share of emergencies given the emergency answer."""
    recalls: dict[str, float | None] = {}
    for group in [*LANGUAGES, "all"]:
        idx = [i for i, e in enumerate(examples) if group == "all" or e.lang == group]
        danger = [i for i in idx if examples[i].topic == EMERGENCY]
        recalls[group] = (
            sum(intents[i] == EMERGENCY for i in danger) / len(danger) if danger else None
        )
    return recalls


def safety_line(examples: list[Example], intents: list[str | None]) -> str:
    """Recall of emergencies per language, and routine messages sent the emergency answer.

    The emergency answer comes first exactly when the intent is ``emergency``
    (the risk detector decides it); an emergency line added to a topic's
    answer is not a false alarm.
    """
    parts = [
        f"{group}={recall:.3f}" if recall is not None else f"{group}=n/a"
        for group, recall in emergency_recall(examples, intents).items()
    ]
    routine = [i for i, e in enumerate(examples) if e.topic and e.topic != EMERGENCY]
    alarms = sum(intents[i] == EMERGENCY for i in routine)
    return "safety: recall " + " ".join(parts) + f" false_alarms={alarms}/{len(routine)}"


def top3_line(examples: list[Example], parsed: list[Parsed], topics: list[str]) -> str:
    """Share of examples whose topic is answered or offered among the choices."""
    parts = []
    for group in [*LANGUAGES, "all"]:
        idx = [i for i, e in enumerate(examples) if e.topic and (group == "all" or e.lang == group)]
        hits = sum(
            found(parsed[i].intent, parsed[i].ranking, topics, str(examples[i].topic)) for i in idx
        )
        parts.append(f"{group}={hits / len(idx):.3f}" if idx else f"{group}=n/a")
    return "top3: " + " ".join(parts)


def report(
    examples: list[Example], topics: list[str | None], langs: list[str | None]
) -> dict[str, float]:
    """Print the figures; return the per-language topic accuracies."""
    topic_acc: dict[str, float] = {}
    lang_acc: dict[str, float] = {}
    groups = [*LANGUAGES, "all"]
    for group in groups:
        idx = [i for i, e in enumerate(examples) if group == "all" or e.lang == group]
        lang_acc[group] = accuracy([examples[i].lang for i in idx], [langs[i] for i in idx])
        with_topic = [i for i in idx if examples[i].topic]
        gold = [str(examples[i].topic) for i in with_topic]
        pred = [topics[i] for i in with_topic]
        topic_acc[group] = accuracy(gold, pred)
        print(f"\n[{group}] {len(with_topic)} topic examples, {len(idx)} for language")
        print(f"  topic accuracy  {topic_acc[group]:.3f}")
        print(f"  topic macro-F1  {macro_f1(gold, pred):.3f}")
        print(f"  language id     {lang_acc[group]:.3f}")
        if group != "all":
            print("  worst confusions (expected -> predicted: count):")
            for g, p, n in worst_confusions(gold, pred):
                print(f"    {g} -> {p}: {n}")
    print()
    print("langid: " + " ".join(f"{g}={lang_acc[g]:.3f}" for g in groups))
    print("eval: " + " ".join(f"{g}={topic_acc[g]:.3f}" for g in groups))
    return topic_acc


EMERGENCY = "emergency"


def evaluate_set(agent: Any, path: Path, floor: float, safety_floor: float) -> bool:
    """Print the figures of one evaluation file; False when a floor is not held."""
    examples = read_examples(path)
    print(f"evaluating {len(examples)} examples of {path}")
    parsed = asyncio.run(parse_all(agent, [e.text for e in examples]))
    intents = [p.intent for p in parsed]
    detector = LanguageDetector.from_project()
    langs = [detector.detect(e.text).language for e in examples]
    topic_acc = report(examples, intents, langs)
    print(safety_line(examples, intents))
    print(top3_line(examples, parsed, offerable(TopicCatalog.load())))
    held = True
    below = [g for g in LANGUAGES if topic_acc[g] < floor]
    if below:
        print(f"FAILED: {path}: topic accuracy under the floor {floor} for {', '.join(below)}")
        held = False
    recalls = emergency_recall(examples, intents)
    missed = [g for g in LANGUAGES if (recall := recalls[g]) is not None and recall < safety_floor]
    if safety_floor and missed:
        print(
            f"FAILED: {path}: emergency recall under the floor {safety_floor}"
            f" for {', '.join(missed)}"
        )
        held = False
    return held


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: every file is scored with one loaded model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, nargs="*")
    parser.add_argument(
        "--held-out",
        choices=KINDS,
        action="append",
        default=[],
        help="also every held-out set of this kind (tests/eval/held_out.yml)",
    )
    parser.add_argument("--model", type=Path, default=Path("models/assistant.tar.gz"))
    parser.add_argument("--floor", type=float, default=0.0)
    parser.add_argument(
        "--safety-floor",
        type=float,
        default=0.0,
        help="fail when a language's emergency recall is under this (sets with emergencies)",
    )
    args = parser.parse_args(argv)
    data = args.data + [s.path for s in held_out_sets(args.held_out)]
    if not data:
        parser.error("give evaluation files, --held-out KIND, or both")
    print(f"model {args.model}")
    agent = load_agent(args.model)
    results = [evaluate_set(agent, path, args.floor, args.safety_floor) for path in data]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
