"""Breaking an answer file in each way is caught, with file, line and a fix."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from common.content.check import (
    ERROR,
    WARNING,
    Finding,
    check_answer_text,
    check_catalogs,
    main,
)
from common.content.topics import TopicCatalog

ROOT = Path(__file__).resolve().parents[3]
CATALOG = TopicCatalog.load()
TODAY = dt.date(2026, 11, 23)
GOOD = """\
topic: work_permit
country: MA
sources:
  - title: "Code du travail"
    publisher: "Royaume du Maroc"
    date: 2003-09-11
fr:
  status: reviewed
  reviewed: 2026-11-20
  updated: 2026-11-20
  title: "Permis de travail"
  short: "Votre employeur fait viser votre contrat de travail."
  full: |
    Texte complet.
  where:
    - name: "ANAPEC"
      details: "Agence de l'emploi."
ar:
  status: reviewed
  reviewed: 2026-11-20
  source_updated: 2026-11-20
  title: "رخصة العمل"
  short: "يجب أن يؤشر المشغل على عقد عملك."
  full: |
    نص كامل.
bm:
  status: reviewed
  reviewed: 2026-11-20
  source_updated: 2026-11-20
  title: "Baara sɛbɛn"
  short: "I ka baarakɛla ka contrat sɛbɛn."
  full: |
    Kunnafoni bɛɛ.
"""


AR_BLOCK = (
    '  status: {status}\n  reviewed: 2026-11-20\n  source_updated: 2026-11-20\n  title: "رخصة'
)


def findings_of(text: str, name: str = "work_permit", today: dt.date = TODAY) -> list[Finding]:
    return check_answer_text(Path(f"content/answers/{name}.yml"), text, CATALOG, today, 183)


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert matching, [f.code for f in findings]
    return matching[0]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_good_file_has_no_findings() -> None:
    assert findings_of(GOOD) == []


@pytest.mark.parametrize(
    ("change", "code", "level", "needle"),
    [
        (('  short: "Votre employeur', '  shirt: "Votre employeur'), "schema", ERROR, "fr:"),
        (
            ("  reviewed: 2026-11-20\n  updated", "  reviewed: 20/11/2026\n  updated"),
            "schema",
            ERROR,
            "fr:",
        ),
        (
            ("  reviewed: 2026-11-20\n  updated", "  reviewed: 2027-01-01\n  updated"),
            "future-date",
            ERROR,
            "reviewed: 2027-01-01",
        ),
        (("    date: 2003-09-11\n", "    date: someday\n"), "schema", ERROR, "sources:"),
        (
            (
                AR_BLOCK.format(status="reviewed"),
                AR_BLOCK.format(status="draft"),
            ),
            "draft",
            WARNING,
            "status: draft",
        ),
        (
            ("  updated: 2026-11-20", "  updated: 2026-11-22"),
            "stale-translation",
            WARNING,
            "source_updated",
        ),
        (("    Texte complet.", "    Texte complet. TODO vérifier"), "placeholder", ERROR, "TODO"),
        (
            ("    Texte complet.", "    Appelez le +212 0000 00 00."),
            "placeholder",
            ERROR,
            "+212 0000",
        ),
        (
            ('      details: "Agence de l\'emploi."', '      phone: "0537 12 34 56"'),
            "phone-format",
            ERROR,
            "0537",
        ),
        (("    Texte complet.", "    Appelez le 0612345678."), "phone-format", ERROR, "0612345678"),
        (
            ("    Texte complet.", "    Voir http://example.org/page."),
            "link-not-https",
            ERROR,
            "http://",
        ),
        (
            (
                '  short: "يجب أن يؤشر المشغل على عقد عملك."',
                '  short: "' + "يجب أن يؤشر المشغل على عقد عملك " * 3 + '"',
            ),
            "sms-too-long",
            ERROR,
            'short: "يجب',
        ),
        (
            (
                '  short: "Votre employeur fait viser votre contrat de travail."',
                '  short: "' + "Votre employeur doit faire viser le contrat. " * 4 + '"',
            ),
            "sms-too-long",
            ERROR,
            'short: "Votre',
        ),
    ],
)
def test_each_way_of_breaking_a_file_is_reported(
    change: tuple[str, str], code: str, level: str, needle: str
) -> None:
    old, new = change
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    finding = only(findings_of(text), code)
    assert finding.level == level
    assert finding.file == "content/answers/work_permit.yml"
    assert finding.line == line_of(text, needle)
    assert finding.fix


def test_missing_language() -> None:
    text = GOOD[: GOOD.index("bm:")]
    finding = only(findings_of(text), "missing-language")
    assert finding.level == ERROR and "bm" in finding.message


def test_unknown_topic() -> None:
    finding = only(
        findings_of(GOOD.replace("topic: work_permit", "topic: visas"), "visas"), "unknown-topic"
    )
    assert finding.level == ERROR and finding.line == 1


def test_old_review_date_warns_with_a_configurable_age() -> None:
    later = TODAY + dt.timedelta(days=200)
    finding = only(findings_of(GOOD, today=later), "old-review")
    assert finding.level == WARNING
    assert finding.line == line_of(GOOD, "reviewed: 2026-11-20")


def test_broken_yaml_names_the_line() -> None:
    text = GOOD.replace('  title: "Permis de travail"', '  title: "Permis de travail')
    finding = only(findings_of(text), "yaml")
    assert finding.level == ERROR and finding.line is not None


def test_catalog_problems(tmp_path: Path) -> None:
    po = tmp_path / "bm" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Menu"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Work"\nmsgstr "Baara"\n\n'
        'msgid "Checked on {date}."\nmsgstr "A sɛgɛsɛgɛra {dati}."\n',
        encoding="utf-8",
    )
    codes = {(f.code, f.level, f.line) for f in check_catalogs(tmp_path)}
    assert ("untranslated", WARNING, 5) in codes
    assert ("fuzzy", WARNING, 9) in codes
    assert ("placeholder-mismatch", ERROR, 12) in codes


def test_command_fails_on_errors_and_prints_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers"
    shutil.copytree(ROOT / "content" / "answers", answers)
    assert main(["--answers", str(answers), "--today", "2026-11-23"]) == 0
    (answers / "asylum.yml").write_text(
        (answers / "asylum.yml")
        .read_text(encoding="utf-8")
        .replace("reviewed: ", "reviewed: x", 1),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["--answers", str(answers), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] >= 1
    assert any(f["file"].endswith("asylum.yml") and f["line"] for f in report["findings"])


def test_the_projects_content_has_no_errors() -> None:
    assert main(["--today", "2026-11-23"]) == 0
