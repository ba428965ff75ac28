"""``make content-check``: what is wrong or stale in the answers and catalogs.

Reads every answer file (``content/answers/``) and every gettext catalog
(``locales/``) and reports each problem with its file and line, in plain
words an editor understands, and what to do about it. Errors make the check
fail (exit status 1); warnings are listed and counted. ``--json`` prints the
same findings for tools. The editor page of the staff inbox runs the same
checks before it saves a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from babel.messages.pofile import read_po

from common.content.answers import AnswerFileError, parse_answer_data
from common.content.paths import answers_dir, content_dir
from common.content.topics import INFORMATION, TopicCatalog
from common.languages import LANGUAGES, SOURCE_LANGUAGE
from common.sms_encoding import encoding, length_in_units, single_limit

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MAX_AGE_DAYS = 183
ERROR, WARNING = "error", "warning"

PLACEHOLDERS = re.compile(
    r"\b(TODO|TBD|FIXME|XXX+)\b|\?\?\?|\+212[\s.]*0000|\[(?:à compléter|a completer|lien|link)\]",
    re.IGNORECASE,
)
# A Moroccan number written the national way (0537…, 06 12…). Malian numbers have
# no national prefix to recognise them by, so they are not caught here.
NATIONAL_PHONE = re.compile(r"(?<![\d+])0[5-8](?:[\s.-]?\d){8}(?!\d)")
INTERNATIONAL_PHONE = re.compile(r"^\+\d{1,3}(?:[\s.-]?\d){6,12}$")
SHORT_NUMBER = re.compile(r"^\d{2,4}$")  # 19, 15, 177, 141: dialled as they are
HTTP_LINK = re.compile(r"\bhttp://\S+", re.IGNORECASE)
PLACEHOLDER_NAME = re.compile(r"\{(\w*)\}")


@dataclass(frozen=True)
class Finding:
    """One problem: where it is, how bad, what it is and how to fix it."""

    level: str
    file: str
    line: int | None
    code: str
    message: str
    fix: str
    language: str | None = None

    def format(self) -> str:
        """``file:line: level: message (fix)``, as compilers print."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.level}: {self.message}. What to do: {self.fix}"


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


class LineFinder:
    """Line numbers of the keys of a YAML file (1-based)."""

    def __init__(self, text: str) -> None:
        """Compose the YAML to keep each node's position."""
        try:
            self.root: Any = yaml.compose(text)
        except yaml.YAMLError:
            self.root = None

    def line(self, *path: str | int, containing: str | None = None) -> int | None:
        """The line of the key at ``path`` (the deepest found part when missing).

        With ``containing``, the line inside a multi-line text where that text
        appears.
        """
        node = self.root
        found = node.start_mark.line + 1 if node is not None else None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == part), None)
                if pair is None:
                    return found
                found = pair[0].start_mark.line + 1
                node = pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return found
                node = node.value[part]
                found = node.start_mark.line + 1
            else:
                return found
        if containing and isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            for offset, text in enumerate(str(node.value).splitlines(), 1):
                if containing in text:
                    return node.start_mark.line + 1 + offset
        return found


def _texts(block: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    """Every text of a language block with its path inside the block."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    for key in ("title", "short", "full"):
        if isinstance(block.get(key), str):
            found.append(((key,), block[key]))
    for key in ("steps", "documents"):
        for i, item in enumerate(block.get(key) or []):
            if isinstance(item, str):
                found.append(((key, i), item))
    for i, place in enumerate(block.get("where") or []):
        if isinstance(place, dict):
            for key in ("name", "details", "url", "phone"):
                if isinstance(place.get(key), str):
                    found.append((("where", i, key), place[key]))
    return found


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _with_languages(findings: list[Finding], lines: LineFinder) -> list[Finding]:
    """Tag each finding with the language block its line falls in."""
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


def check_answer_text(
    path: Path, text: str, catalog: TopicCatalog, today: dt.date, max_age_days: int
) -> list[Finding]:
    """Every finding of one answer file's content (the file need not exist yet)."""
    name = _relative(path)
    findings: list[Finding] = []

    def add(
        level: str, line: int | None, code: str, message: str, fix: str, lang: str | None = None
    ) -> None:
        findings.append(Finding(level, name, line, code, message, fix, lang))

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        add(
            ERROR,
            mark.line + 1 if mark else None,
            "yaml",
            "the file is not valid YAML, so the assistant cannot read it",
            "check the indentation (spaces, not tabs) and quotes around texts with a colon",
        )
        return findings
    lines = LineFinder(text)
    topic = path.stem
    if topic not in catalog:
        add(
            ERROR,
            lines.line("topic"),
            "unknown-topic",
            f"'{topic}' is not a topic of content/topics.yml",
            "rename the file after an existing topic, or add the topic to content/topics.yml",
        )
    try:
        parse_answer_data(data, path)
    except AnswerFileError as error:
        for problem in error.problems:
            head = problem.split(":")[0].split(" ")
            where = [p for p in head[:2] if p in (*LANGUAGES, "sources", "topic", "country")]
            add(
                ERROR,
                lines.line(*where) if where else lines.line(),
                "schema",
                problem,
                "fill in the field as shown in docs/answer-format.md",
            )
    if not isinstance(data, dict):
        return findings

    french = data.get(SOURCE_LANGUAGE) if isinstance(data.get(SOURCE_LANGUAGE), dict) else {}
    source_changed = _date(french.get("updated")) if french else None
    for language in LANGUAGES:
        block = data.get(language)
        if not isinstance(block, dict):
            if language not in data:
                add(
                    ERROR,
                    lines.line(),
                    "missing-language",
                    f"there is no {language} answer for this topic",
                    f"add a '{language}:' block (a draft translation of the French is enough)",
                )
            continue
        reviewed = _date(block.get("reviewed"))
        if reviewed and reviewed > today:
            add(
                ERROR,
                lines.line(language, "reviewed"),
                "future-date",
                f"the {language} review date {reviewed} is in the future",
                "write the date the text was really checked",
            )
        elif reviewed and (today - reviewed).days > max_age_days:
            add(
                WARNING,
                lines.line(language, "reviewed"),
                "old-review",
                f"the {language} answer was last checked on {reviewed}, more than "
                f"{max_age_days} days ago",
                "check it against its sources, then set 'reviewed' to today's date",
            )
        if language != SOURCE_LANGUAGE:
            if block.get("status") == "draft":
                add(
                    WARNING,
                    lines.line(language, "status"),
                    "draft",
                    f"the {language} translation is still a draft",
                    "have a native speaker check it, then set 'status: reviewed'",
                )
            followed = _date(block.get("source_updated"))
            if source_changed and followed and followed < source_changed:
                add(
                    WARNING,
                    lines.line(language, "source_updated"),
                    "stale-translation",
                    f"the French text changed on {source_changed}, after this {language} "
                    f"translation was made (from the French of {followed})",
                    "update the translation, then set 'source_updated' to the French "
                    "'updated' date",
                )
        short = block.get("short")
        if isinstance(short, str) and short.strip():
            units, limit = length_in_units(short.strip()), single_limit(short.strip())
            if units > limit:
                add(
                    ERROR,
                    lines.line(language, "short"),
                    "sms-too-long",
                    f"the {language} short answer takes {units} characters in "
                    f"{encoding(short.strip())}; one SMS holds {limit}",
                    "shorten it"
                    + (
                        " (letters like ê ç ɛ or Arabic letters make an SMS "
                        "hold 70 characters instead of 160)"
                        if limit == 70
                        else ""
                    ),
                )
        for sub_path, value in _texts(block):

            def line(
                match: re.Match[str] | None,
                sub_path: tuple[str | int, ...] = sub_path,
                language: str = language,
            ) -> int | None:
                return lines.line(language, *sub_path, containing=match.group(0) if match else None)

            placeholder = PLACEHOLDERS.search(value)
            if placeholder:
                add(
                    ERROR,
                    line(placeholder),
                    "placeholder",
                    f"a placeholder is left in the {language} text: '{placeholder.group(0)}'",
                    "replace it with the verified fact, or remove the sentence",
                )
            link = HTTP_LINK.search(value)
            if link:
                add(
                    ERROR,
                    line(link),
                    "link-not-https",
                    f"the link {link.group(0)} is not https",
                    "use the https:// address of the page, or remove the link",
                )
            national = NATIONAL_PHONE.search(value)
            if national:
                add(
                    ERROR,
                    line(national),
                    "phone-format",
                    f"the phone number {national.group(0)} is not in international form",
                    "write it as +212 … (Morocco) or +223 … (Mali), without the leading 0",
                )
            if sub_path[-1] == "phone" and not (
                INTERNATIONAL_PHONE.match(value.strip()) or SHORT_NUMBER.match(value.strip())
            ):
                add(
                    ERROR,
                    line(None),
                    "phone-format",
                    f"the phone number '{value}' is not in international form",
                    "write it as +212 … or +223 …; short emergency numbers (19, 15) as dialled",
                )
    for i, source in enumerate(data.get("sources") or []):
        if (
            isinstance(source, dict)
            and isinstance(source.get("url"), str)
            and not str(source["url"]).startswith("https://")
        ):
            add(
                ERROR,
                lines.line("sources", i, "url"),
                "link-not-https",
                f"the source link {source['url']} is not https",
                "use the https:// address, or leave the url out (title, publisher, date suffice)",
            )
    return _with_languages(findings, lines)


def check_answers(
    directory: Path, catalog: TopicCatalog, today: dt.date, max_age_days: int
) -> list[Finding]:
    """Findings of every answer file, and of topics without one."""
    findings: list[Finding] = []
    present = set()
    for path in sorted(directory.glob("*.yml")):
        present.add(path.stem)
        findings += check_answer_text(
            path, path.read_text(encoding="utf-8"), catalog, today, max_age_days
        )
    for topic in catalog.topics.values():
        if topic.kind == INFORMATION and topic.id not in present:
            findings.append(
                Finding(
                    ERROR,
                    _relative(directory / f"{topic.id}.yml"),
                    None,
                    "missing-topic",
                    f"the topic {topic.id} has no answer file",
                    "create it from the example in docs/answer-format.md",
                )
            )
    return findings


def check_catalogs(locales: Path) -> list[Finding]:
    """Untranslated and fuzzy strings, and placeholders that differ from the source."""
    findings: list[Finding] = []
    for path in sorted(locales.glob("*/LC_MESSAGES/messages.po")):
        name = _relative(path)
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id:
                continue
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            string = (
                message.string if isinstance(message.string, str) else (message.string or [""])[0]
            )
            line = message.lineno or None
            short_id = msgid if len(msgid) < 60 else msgid[:57] + "…"
            if message.fuzzy:
                findings.append(
                    Finding(
                        WARNING,
                        name,
                        line,
                        "fuzzy",
                        f'the translation of "{short_id}" is marked fuzzy (guessed, not checked)',
                        "check the translation and remove the '#, fuzzy' line",
                    )
                )
            if not string:
                findings.append(
                    Finding(
                        WARNING,
                        name,
                        line,
                        "untranslated",
                        f'"{short_id}" is not translated (French is shown instead)',
                        "write the translation in msgstr",
                    )
                )
                continue
            if set(PLACEHOLDER_NAME.findall(msgid)) != set(PLACEHOLDER_NAME.findall(string)):
                findings.append(
                    Finding(
                        ERROR,
                        name,
                        line,
                        "placeholder-mismatch",
                        f'the translation of "{short_id}" does not keep the '
                        "same {names} as the source",
                        "copy each {name} from the msgid unchanged, untranslated",
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
