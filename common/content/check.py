"""``make content-check``: what is wrong or stale in the answers and catalogs.

Reads every answer file (``content/answers/``, format v2 of
``docs/answer-format.md``), the glossary (``content/glossary.yml``) and every
gettext catalog (``locales/``) and reports each problem with its file and
line, in plain words an editor understands, and what to do about it. Errors
make the check fail (exit status 1); warnings are listed and counted.
``--json`` prints the same findings for tools, each with a stable ``code`` and
its ``params``. The editor page runs the same checks before it saves a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

import yaml

from common import yamlload
from common.content.answers import AnswerFileError, as_date, parse_answer_data
from common.content.check_catalogs import check_catalogs
from common.content.check_sources import check_sources
from common.content.check_status import check_status
from common.content.check_texts import (
    block_texts,
    check_budgets,
    check_emergency,
    check_sentences,
    check_text,
    check_words,
)
from common.content.findings import ERROR, ROOT, WARNING, Finding, Findings, LineFinder, relative
from common.content.glossary import Glossary, GlossaryError
from common.content.paths import answers_dir, content_dir
from common.content.topics import INFORMATION, TopicCatalog
from common.languages import LANGUAGES, SOURCE_LANGUAGE

__all__ = [
    "ERROR",
    "WARNING",
    "Finding",
    "check_answer_text",
    "check_answers",
    "run_checks",
]

DEFAULT_MAX_AGE_DAYS = 183
EMERGENCY_TOPIC = "emergency"


def _with_languages(findings: list[Finding], lines: LineFinder) -> list[Finding]:
    """Tag each finding without a language with the language block its line falls in."""
    starts = sorted(
        (line, language)
        for language in LANGUAGES
        if (line := lines.line(language)) is not None and lines.line(language) != lines.line()
    )
    tagged = []
    for finding in findings:
        language = finding.language
        if language is None and finding.line is not None:
            for start, candidate in starts:
                if finding.line >= start:
                    language = candidate
        tagged.append(replace(finding, language=language))
    return tagged


def _schema(out: Findings, data: Any, path: Path) -> None:
    try:
        parse_answer_data(data, path)
    except AnswerFileError as error:
        for problem in error.problems:
            head = problem.split(":")[0].split(" ")
            where = [p for p in head[:2] if p in (*LANGUAGES, "sources", "topic", "country")]
            out.add(
                ERROR,
                tuple(where),
                "schema",
                problem,
                "fill in the field as shown in docs/answer-format.md",
                problem=problem,
            )


def _check_language(
    out: Findings, topic: str, language: str, data: dict[str, Any], today: dt.date, max_age: int
) -> None:
    block = data.get(language)
    if not isinstance(block, dict):
        if language not in data:
            out.add(
                ERROR,
                (),
                "missing-language",
                f"there is no {language} answer for this topic",
                f"add a '{language}:' block (a draft translation of the French is enough)",
                language=language,
            )
        return
    french = data.get(SOURCE_LANGUAGE)
    french_updated = as_date(french.get("updated")) if isinstance(french, dict) else None
    check_status(out, language, block, french_updated, today, max_age)
    check_budgets(out, language, block)
    check_sentences(out, language, block)
    if topic == EMERGENCY_TOPIC:
        check_emergency(out, language, block)
    for sub_path, value in block_texts(block):
        check_text(out, language, sub_path, value)


def check_answer_text(
    path: Path,
    text: str,
    catalog: TopicCatalog,
    today: dt.date,
    max_age_days: int,
    glossary: Glossary | None = None,
) -> list[Finding]:
    """Every finding of one answer file's content (the file need not exist yet).

    ``glossary`` adds the word checks (none without it).
    """
    lines = LineFinder(text)
    out = Findings(relative(path), lines)
    try:
        data = yamlload.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        out.add(
            ERROR,
            mark.line + 1 if mark else None,
            "yaml",
            "the file is not valid YAML, so the assistant cannot read it",
            "check the indentation (spaces, not tabs) and quotes around texts with a colon",
        )
        return out.found
    topic = path.stem
    if topic not in catalog:
        out.add(
            ERROR,
            ("topic",),
            "unknown-topic",
            f"'{topic}' is not a topic of content/topics.yml",
            "rename the file after an existing topic, or add the topic to content/topics.yml",
            topic=topic,
        )
    _schema(out, data, path)
    if not isinstance(data, dict):
        return out.found
    for language in LANGUAGES:
        _check_language(out, topic, language, data, today, max_age_days)
        if glossary is not None and isinstance(data.get(language), dict):
            check_words(out, language, data[language], glossary)
    check_sources(out, topic, data.get("sources"), today)
    return _with_languages(out.found, lines)


def load_glossary(directory: Path) -> tuple[Glossary, list[Finding]]:
    """The glossary beside the answers folder; an unreadable one is an error finding."""
    path = directory.parent / "glossary.yml"
    try:
        return Glossary.load(path), []
    except GlossaryError as error:
        finding = Finding(
            ERROR,
            relative(path),
            None,
            "glossary",
            str(error),
            "fix the glossary as shown in docs/answer-format.md (section Words)",
            params={"problem": str(error)},
        )
        return Glossary([]), [finding]


def check_answers(
    directory: Path, catalog: TopicCatalog, today: dt.date, max_age_days: int
) -> list[Finding]:
    """Findings of the glossary, of every answer file, and of topics without one."""
    glossary, findings = load_glossary(directory)
    present = set()
    for path in sorted(directory.glob("*.yml")):
        present.add(path.stem)
        text = path.read_text(encoding="utf-8")
        findings += check_answer_text(path, text, catalog, today, max_age_days, glossary)
    for topic in catalog.topics.values():
        if topic.kind == INFORMATION and topic.id not in present:
            findings.append(
                Finding(
                    ERROR,
                    relative(directory / f"{topic.id}.yml"),
                    None,
                    "missing-topic",
                    f"the topic {topic.id} has no answer file",
                    "create it from the example in docs/answer-format.md",
                    params={"topic": topic.id},
                )
            )
    return findings


def run_checks(
    answers_dir: Path, topics_file: Path, locales: Path, today: dt.date, max_age_days: int
) -> list[Finding]:
    """All findings, errors first."""
    catalog = TopicCatalog.load(topics_file)
    findings = check_answers(answers_dir, catalog, today, max_age_days)
    findings += check_catalogs(locales)
    return sorted(findings, key=lambda f: (f.level != ERROR, f.file, f.line or 0))


def main(argv: list[str] | None = None) -> int:
    """Command line: print the findings; exit 1 when there is an error."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=Path, default=answers_dir())
    parser.add_argument("--topics", type=Path, default=content_dir() / "topics.yml")
    parser.add_argument("--locales", type=Path, default=ROOT / "locales")
    parser.add_argument("--max-age-days", type=int, default=DEFAULT_MAX_AGE_DAYS)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    args = parser.parse_args(argv)
    findings = run_checks(args.answers, args.topics, args.locales, args.today, args.max_age_days)
    errors = sum(f.level == ERROR for f in findings)
    warnings = len(findings) - errors
    if args.json:
        print(
            json.dumps(
                {"errors": errors, "warnings": warnings, "findings": [asdict(f) for f in findings]},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for finding in findings:
            print(finding.format())
        print(f"content check: {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
