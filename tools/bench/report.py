"""Write ``docs/benchmarks.md`` (and the raw figures, ``docs/bench/figures.json``).

The figures are those the benchmarks left in ``var/bench/``.

Runs in Rasa's environment (it has matplotlib) as the last step of ``make
bench``. Sections whose figures are missing say so instead of inventing any.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

from tools.bench.quality_report import SYSTEM_NAMES, quality_goals, quality_section, verdict
from tools.bench.screens_section import screens_section

LANGUAGES = ("fr", "ar", "bm", "all")


def machine() -> str:
    """The machine the figures come from."""
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB RAM"
    return (
        f"{model or platform.processor()}, {os.cpu_count()} cores, {memory}, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()} "
        "(Rasa) and the gateway's Python"
    )


def load(folder: Path, name: str) -> Any:
    """A benchmark's JSON, or None when it did not run."""
    path = folder / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def goals_section(quality: Any, latency: Any, training: Any) -> list[str]:
    """The goals against this run's figures."""
    lines = ["| goal | this run | |", "|---|---|---|", *quality_goals(quality)]
    if latency:
        rows = [("saturation", latency["latency"]), ("paced", latency.get("latency_paced", []))]
        for kind, table in rows:
            for row in table:
                if row["concurrency"] == 10:
                    lines.append(
                        f"| p95 < 300 ms at 10 concurrent conversations ({kind}) | "
                        f"{row['p95_ms']} ms | {verdict(row['p95_ms'] < 300)} |"
                    )
    if training:
        lines.append(
            f"| retraining < 5 minutes | {training['seconds']:.0f} s | "
            f"{verdict(training['seconds'] < 300)} |"
        )
    return [*lines, ""]


def cross_validation_section(cv: Any) -> list[str]:
    """Markdown lines of the cross-validated figures."""
    if not cv:
        return ["_Not measured in this run._", ""]
    lines = [
        f"{cv['folds']}-fold stratified cross-validation on the training data "
        "(`data/nlu`): the folds of `rasa test nlu --cross-validation`, drawn from one "
        "seed so that the three systems see the same ones; each Rasa pipeline trained "
        "on each fold with `rasa train nlu`'s function. A message the assistant would "
        "ask to rephrase (fallback) counts as wrong, as on the evaluation set (`rasa "
        "test` itself scores the intent under the fallback instead). Accuracy per fold "
        "as mean ± standard deviation; per language, accuracy (macro-F1) of the "
        f"{cv['folds']} held-out parts pooled:",
        "",
        "| system | accuracy per fold | " + " | ".join(LANGUAGES) + " | time |",
        "|---|---|" + "---|" * len(LANGUAGES) + "---|",
    ]
    for system, figures in cv["systems"].items():
        pooled = figures["pooled"]
        cells = [
            f"{pooled[lang]['accuracy']:.3f} ({pooled[lang]['macro_f1']:.3f})" for lang in LANGUAGES
        ]
        lines.append(
            f"| {SYSTEM_NAMES.get(system, system)} | {figures['mean_accuracy']:.3f} ± "
            f"{figures['stdev_accuracy']:.3f} | "
            + " | ".join(cells)
            + f" | {figures['seconds']:.0f} s |"
        )
    lines.append("")
    return lines


def latency_section(latency: Any, folder: Path, docs: Path) -> list[str]:
    """Markdown lines of the speed figures, and the latency plot."""
    if not latency:
        return ["_Not measured in this run._", ""]
    lines = [
        "End to end through the gateway's local channel, Rasa and the action server, on "
        "loopback. Saturation: each simulated user sends its next message as soon as the "
        "answer arrived. Paced: each waits 2 to 6 s before each message, as someone "
        "reading the answer and typing the next question.",
        "",
        "| load | concurrent conversations | requests | p50 ms | p95 ms | p99 ms | messages/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, rows in (
        ("saturation", latency["latency"]),
        ("paced", latency.get("latency_paced", [])),
    ):
        for row in rows:
            lines.append(
                f"| {kind} | {row['concurrency']} | {row['requests']} | {row['p50_ms']} | "
                f"{row['p95_ms']} | {row['p99_ms']} | {row['messages_per_second']} |"
            )
    cpu_rows = [row for row in latency["latency"] if row.get("cpu_ms_per_message")]
    if cpu_rows:
        names = list(cpu_rows[0]["cpu_ms_per_message"])
        lines += [
            "",
            "CPU time per message, in ms, of each process under saturation. Multiplied by "
            "the messages per second it gives the cores a process keeps busy (the machine "
            "has two):",
            "",
            "| concurrent conversations | " + " | ".join(names) + " |",
            "|---|" + "---|" * len(names),
        ]
        for row in cpu_rows:
            lines.append(
                f"| {row['concurrency']} | "
                + " | ".join(str(row["cpu_ms_per_message"][n]) for n in names)
                + " |"
            )
    parse = latency["nlu_parse"]
    lines += [
        "",
        f"NLU parse alone (Rasa `/model/parse` over HTTP): p50 {parse['p50_ms']} ms, "
        f"p95 {parse['p95_ms']} ms.",
        "",
        "Resident memory after the load: "
        + ", ".join(f"{name} {mb} MB" for name, mb in latency["memory_mb"].items())
        + ".",
        "",
    ]
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        rows = latency["latency"]
        figure, axes = plt.subplots(figsize=(6, 4))
        for key in ("p50_ms", "p95_ms", "p99_ms"):
            axes.plot(
                [r["concurrency"] for r in rows],
                [r[key] for r in rows],
                marker="o",
                label=key.replace("_ms", ", saturation"),
            )
        axes.set_xlabel("concurrent conversations")
        axes.set_ylabel("latency (ms)")
        axes.set_xscale("log")
        paced = latency.get("latency_paced", [])
        if paced:
            axes.plot(
                [r["concurrency"] for r in paced],
                [r["p95_ms"] for r in paced],
                marker="s",
                linestyle="--",
                label="p95, paced users",
            )
        axes.legend()
        axes.set_title("End-to-end latency against concurrency")
        figure.tight_layout()
        (docs / "bench").mkdir(parents=True, exist_ok=True)
        figure.savefig(docs / "bench" / "latency.png", dpi=90)
        lines += ["![latency against concurrency](bench/latency.png)", ""]
    except ImportError:
        lines += ["_(no plot: matplotlib is missing)_", ""]
    if latency.get("growth"):
        lines += [
            "How cost grows with stored conversations (SQLite, one conversation at a time):",
            "",
            "| stored conversations | p50 ms | p95 ms | gateway memory MB | database MB |",
            "|---|---|---|---|---|",
        ]
        for row in latency["growth"]:
            lines.append(
                f"| {row['stored_conversations']:,} | {row['p50_ms']} | "
                f"{row['p95_ms']} | {row['gateway_memory_mb']} | "
                f"{row['database_mb']} |"
            )
        lines.append("")
    return lines


def answer_lengths_section(rows: Any) -> list[str]:
    """Every answer's first message per channel and language (``tools.bench.answer_lengths``)."""
    if not rows:
        return ["_Not measured in this run._", ""]
    lines = [
        "Each answer's first reply as the renderer sends it (title, core, status line and "
        "the parts offered; on SMS two SMS: the `sms` line alone, then the date and the "
        "choices; the emergency answer one SMS), over every answer file. Segments: SMS "
        "segments, each message counted in its own encoding (GSM-7 or UCS-2); 'first "
        "message' counts the first message alone (on SMS it must be one segment).",
        "",
        "| channel | language | answers | median characters | largest (answer) "
        "| median segments | most segments (answer) | first message, most segments (answer) |",
        "|---|---|---:|---:|---|---:|---|---|",
    ]
    for row in rows:
        first = row.get("max_first_segments")
        lines.append(
            f"| {row['channel']} | {row['language']} | {row['answers']} | "
            f"{row['median_chars']:g} | {row['max_chars']} ({row['max_chars_topic']}) | "
            f"{row['median_segments']:g} | {row['max_segments']} ({row['max_segments_topic']}) | "
            + (f"{first} ({row['max_first_segments_topic']}) |" if first is not None else "— |")
        )
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    """Write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=Path, default=Path("var/bench"))
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    args = parser.parse_args(argv)
    figures = args.figures
    docs = args.out.parent
    quality = load(figures, "quality")
    latency = load(figures, "latency")
    handoff = load(figures, "handoff_latency")
    soak = load(figures, "soak")
    training = load(figures, "training")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (commit {commit or 'unknown'}). Machine: {machine()}.",
        "All traffic on loopback. Figures are from one `make bench` run (the fault section "
        "from `make soak` on the same checkout); they report, tests do not assert them.",
        "",
        "## Goals",
        "",
    ]
    lines += goals_section(quality, latency, training)
    lines += ["## Answer quality", ""]
    lines += quality_section(quality)
    lines += ["### Cross-validation", ""]
    lines += cross_validation_section(load(figures, "cross_validation"))
    lines += ["## Speed", ""]
    lines += latency_section(latency, figures, docs)
    lines += ["## Phone screens", ""]
    lines += screens_section(load(figures, "screens"), load(docs / "bench", "screens-before"), docs)
    lines += ["## Answer length (first message)", ""]
    lines += answer_lengths_section(load(figures, "answer_lengths"))
    lines += ["## Training", ""]
    if training:
        lines += [
            f"Full training of the assistant (`rasa train --force`, NLU and dialogue): "
            f"{training['seconds']:.0f} s. Rasa's default pipeline, NLU alone "
            f"(`rasa train nlu`): {training['rasa_default_nlu_seconds']:.0f} s. The TF-IDF "
            f"baseline: {quality['tfidf_training_seconds'] if quality else '?'} s.",
            "",
        ]
    else:
        lines += ["_Not measured in this run._", ""]
    lines += ["## Hand-off", ""]
    if handoff:
        lines += [
            f'From a user\'s "I want a person" to the conversation listed in an open '
            f"inbox ({handoff['count']} requests): median {handoff['median_s']} s, "
            f"p95 {handoff['p95_s']} s, max {handoff['max_s']} s.",
            "",
        ]
    else:
        lines += ["_Not measured in this run._", ""]
    lines += ["## Staff inbox shift", ""]
    shift = load(figures, "inbox_shift")
    if shift:
        lines += [
            f"{shift['conversations']} conversations arriving over {shift['seconds']:.0f} s "
            f"(French, Arabic, Bambara; one in five urgent), two agents in Chromium "
            f"(`tools/bench/inbox_shift.py`): {shift['closed']} closed, "
            f"{shift['clicks_per_conversation']} clicks per conversation; from the "
            f"user's message to the first staff reply: median {shift['first_reply_median_s']} s, "
            f"p95 {shift['first_reply_p95_s']} s, max {shift['first_reply_max_s']} s; "
            f"page weight on a first visit: queue {shift['queue_page_kb']} KB, "
            f"conversation {shift['conversation_page_kb']} KB. Screenshots: "
            "`docs/bench/inbox-shift-before.png`, `docs/bench/inbox-shift-after.png`.",
            "",
        ]
    else:
        lines += ["_Not measured in this run._", ""]
    lines += ["## Faults under load (`make soak`)", ""]
    if soak:
        lines += [
            f"{soak['sent']} messages over {soak['seconds']:.0f} s from "
            f"{soak['sent']} users while the services stopped and restarted "
            f"(gateway database: {soak['database']}):",
            "",
        ]
        lines += [f"- {event.strip()}" for event in soak["events"]]
        lines += [
            "",
            f"Result: `soak: sent={soak['sent']} answered={soak['answered']} "
            f"lost={soak['lost']} duplicated={soak['duplicated']}`; "
            f"{soak['apologies_then_answered']} messages got the apology first and "
            f"their answer when the service was back; "
            f"{soak['client_retries_after_503']} were sent again by the client after a "
            "503 (database down) and answered once.",
            "",
        ]
    else:
        lines += ["_Not run: `make soak` is its own command._", ""]
    tuning = docs / "bench" / "tuning.md"
    if tuning.exists():
        lines += [
            "## What changed what",
            "",
            "Kept by hand in `docs/bench/tuning.md`, from earlier runs of the same measurements:",
            "",
            tuning.read_text(encoding="utf-8").strip(),
            "",
        ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    raw = {
        "commit": commit,
        "machine": machine(),
        **{
            name: load(figures, name)
            for name in (
                "quality",
                "cross_validation",
                "latency",
                "training",
                "handoff_latency",
                "inbox_shift",
                "soak",
                "answer_lengths",
            )
        },
    }
    (docs / "bench").mkdir(parents=True, exist_ok=True)
    (docs / "bench" / "figures.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
