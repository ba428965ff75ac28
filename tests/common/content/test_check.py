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
    main,
)
from common.content.check_catalogs import check_catalogs
from common.content.glossary import Glossary
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
    kind: law
    published: 2003-09-11
    consulted: 2026-11-20
    reference: "Bulletin officiel n° 5210"
fr:
  status: reviewed
  reviewed:
    by: "Aïcha B."
    on: 2026-11-20
  updated: 2026-11-20
  checked: 2026-11-20
  review_note: "Vérifier le nom de la plateforme."
  title: "Permis de travail"
  core: "Votre employeur fait viser votre contrat de travail. Demandez-lui de le faire."
  sms: "Votre employeur fait viser votre contrat de travail."
  steps:
    - "Trouvez un employeur."
  details:
    - "Texte complet."
  where:
    - name: "ANAPEC"
      details: "Agence de l'emploi."
ar:
  status: reviewed
  reviewed:
    by: "Karim T."
    on: 2026-11-20
  translated_from: 2026-11-20
  title: "رخصة العمل"
  core: "يجب أن يؤشر المشغل على عقد عملك."
  sms: "يجب أن يؤشر المشغل على عقد عملك."
  details:
    - "نص كامل."
bm:
  status: reviewed
  reviewed:
    by: "Mariam K."
    on: 2026-11-20
  translated_from: 2026-11-20
  title: "Baara sɛbɛn"
  core: "I ka baarakɛla ka contrat sɛbɛn."
  sms: "I ka baarakɛla ka contrat sɛbɛn."
  details:
    - "Kunnafoni bɛɛ."
"""

AR_STATUS = '  status: {status}\n  reviewed:\n    by: "Karim T."'


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
        (('  core: "Votre employeur', '  kore: "Votre employeur'), "schema", ERROR, "fr:"),
        (
            ("    on: 2026-11-20\n  updated", "    on: 20/11/2026\n  updated"),
            "schema",
            ERROR,
            "fr:",
        ),
        (
            ("    on: 2026-11-20\n  updated", "    on: 2027-01-01\n  updated"),
            "future-date",
            ERROR,
            "on: 2027-01-01",
        ),
        (("  checked: 2026-11-20", "  checked: 2027-01-01"), "future-date", ERROR, "checked: 2027"),
        (("    published: 2003-09-11\n", "    published: someday\n"), "schema", ERROR, "sources:"),
        (("    kind: law\n", "    kind: blog\n"), "source-kind", ERROR, "kind: blog"),
        (("    kind: law\n", "    kind: press\n"), "press-only", WARNING, "sources:"),
        (
            ("    published: 2003-09-11\n", "    published: 2026-11-20\n"),
            "published-is-consulted",
            WARNING,
            "published: 2026-11-20",
        ),
        (
            ('    - "Texte complet."', '    - "' + "Le texte complet dit tout et " * 6 + '"'),
            "long-sentence",
            WARNING,
            "Le texte complet",
        ),
        (
            ("    published: 2003-09-11\n", "    published: 2026-11-21\n"),
            "published-after-consulted",
            ERROR,
            "published: 2026-11-21",
        ),
        (
            (
                '    - "Texte complet."',
                '    - "Texte complet. Vérifié par une personne le 20/11/2026"',
            ),
            "status-in-text",
            ERROR,
            "Vérifié par une personne",
        ),
        (
            ('    - "نص كامل."', '    - "نص كامل. مسودة، لم يراجعها شخص بعد"'),
            "status-in-text",
            ERROR,
            "مسودة",
        ),
        (
            ('    - "Kunnafoni bɛɛ."', '    - "Kunnafoni bɛɛ. Mɔgɔ y\'a sɛgɛsɛgɛ 20/11/26"'),
            "status-in-text",
            ERROR,
            "Mɔgɔ y'a",
        ),
        (
            ('    reference: "Bulletin officiel n° 5210"\n', "    url: http://example.org\n"),
            "link-not-https",
            ERROR,
            "url: http://",
        ),
        (
            ('    reference: "Bulletin officiel n° 5210"\n', ""),
            "source-unfindable",
            WARNING,
            "- title",
        ),
        (
            (AR_STATUS.format(status="reviewed"), AR_STATUS.format(status="draft")),
            "draft",
            WARNING,
            "status: draft",
        ),
        (
            ('    by: "Karim T."', '    by: "ChatGPT"'),
            "reviewer-not-a-person",
            ERROR,
            'by: "ChatGPT"',
        ),
        (
            (
                '  status: reviewed\n  reviewed:\n    by: "Karim T."\n    on: 2026-11-20\n',
                "  status:  reviewed\n",
            ),
            "reviewed-without-reviewer",
            ERROR,
            "status:  reviewed",
        ),
        (
            ("  updated: 2026-11-20", "  updated: 2026-11-22"),
            "stale-translation",
            WARNING,
            "translated_from",
        ),
        (
            ('    - "Texte complet."', '    - "Texte complet. TODO vérifier"'),
            "placeholder",
            ERROR,
            "TODO",
        ),
        (
            ('    - "Texte complet."', '    - "Appelez le +212 0000 00 00."'),
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
        (
            ('    - "Texte complet."', '    - "Appelez le 0612345678."'),
            "phone-format",
            ERROR,
            "0612",
        ),
        (
            ('    - "Texte complet."', '    - "Voir http://example.org/page."'),
            "link-not-https",
            ERROR,
            "http://",
        ),
        (
            ('  title: "Permis de travail"', '  title: "' + "Permis de travail " * 4 + '"'),
            "too-long",
            ERROR,
            'title: "Permis',
        ),
        (
            (
                '  core: "Votre employeur',
                '  core: "' + "Votre employeur. " * 18 + "Votre employeur",
            ),
            "too-long",
            ERROR,
            'core: "Votre',
        ),
        (
            ('    - "Trouvez un employeur."', '    - "' + "Trouvez un employeur. " * 28 + '"'),
            "too-long",
            ERROR,
            "steps:",
        ),
        (
            ('      details: "Agence de l\'emploi."', '      details: "' + "Agence. " * 90 + '"'),
            "too-long",
            ERROR,
            "where:",
        ),
        (
            (
                '  sms: "يجب أن يؤشر المشغل على عقد عملك."',
                '  sms: "' + "يجب أن يؤشر المشغل على عقد عملك " * 3 + '"',
            ),
            "sms-too-long",
            ERROR,
            'sms: "يجب',
        ),
        (
            (
                '  sms: "Votre employeur fait viser votre contrat de travail."',
                '  sms: "' + "Votre employeur doit faire viser le contrat. " * 4 + '"',
            ),
            "sms-too-long",
            ERROR,
            'sms: "Votre',
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
    assert finding.line == line_of(GOOD, "on: 2026-11-20")


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
    assert main(["--answers", str(answers)]) == 0
    (answers / "asylum.yml").write_text(
        (answers / "asylum.yml")
        .read_text(encoding="utf-8")
        .replace("consulted: ", "consulted: x", 1),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["--answers", str(answers), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] >= 1
    assert any(f["file"].endswith("asylum.yml") and f["line"] for f in report["findings"])


def test_the_projects_content_has_no_errors() -> None:
    assert main([]) == 0


def test_a_finding_keeps_a_stable_code_and_its_params_for_translation() -> None:
    text = GOOD.replace('  title: "Permis de travail"', '  title: "' + "Permis " * 10 + '"', 1)
    finding = only(findings_of(text), "too-long")
    assert finding.params == {"language": "fr", "field": "title", "length": 69, "limit": 60}


def test_a_translation_older_than_the_french_is_flagged_whatever_its_status() -> None:
    text = GOOD.replace("  updated: 2026-11-20", "  updated: 2026-11-22")
    stale = [f for f in findings_of(text) if f.code == "stale-translation"]
    assert {f.language for f in stale} == {"ar", "bm"}


def test_glossary_variants_are_flagged_as_whole_words_accents_folded(tmp_path: Path) -> None:
    glossary = Glossary.load(tmp_path / "missing.yml")
    assert findings_of(GOOD) == [] and glossary.concepts == {}
    (tmp_path / "glossary.yml").write_text(
        "concepts:\n  employer:\n    note: x\n"
        '    fr: {term: "employeur", avoid: ["Patron"]}\n'
        '    bm: {term: "patɔrɔn", avoid: ["baarakɛla"]}\n',
        encoding="utf-8",
    )
    glossary = Glossary.load(tmp_path / "glossary.yml")
    text = GOOD.replace('    - "Texte complet."', '    - "Demandez au PATRÓN, pas au patronat."')
    found = [
        f
        for f in check_answer_text(
            Path("content/answers/work_permit.yml"), text, CATALOG, TODAY, 183, glossary
        )
        if f.code == "glossary-variant"
    ]
    assert [(f.language, f.params["found"], f.params["term"]) for f in found] == [
        ("fr", "Patron", "employeur"),
        ("bm", "baarakɛla", "patɔrɔn"),  # in the core
        ("bm", "baarakɛla", "patɔrɔn"),  # and in the SMS line
    ]
    assert found[0].line == line_of(text, "PATRÓN")


def test_the_emergency_answer_needs_numbers_to_call_and_what_to_say() -> None:
    text = GOOD.replace("topic: work_permit", "topic: emergency")
    codes = {(f.code, f.language) for f in findings_of(text, "emergency")}
    assert ("emergency-call-missing", "fr") in codes
    assert ("emergency-say-missing", "bm") in codes
    with_call = text.replace(
        '  sms: "Votre employeur fait viser votre contrat de travail."\n',
        '  sms: "Votre employeur fait viser votre contrat de travail."\n'
        '  call:\n    - name: "Police"\n      phone: "19"\n  say: "Dites où vous êtes."\n',
    )
    codes = {(f.code, f.language) for f in findings_of(with_call, "emergency")}
    assert ("emergency-call-missing", "fr") not in codes
    assert ("emergency-say-missing", "fr") not in codes
    # On SMS the emergency answer is its sms line: it must give every number to call.
    assert ("emergency-sms-numbers", "fr") in codes
    with_numbers = with_call.replace(
        '  sms: "Votre employeur fait viser votre contrat de travail."\n  call:',
        '  sms: "Danger: police 19. Dites le lieu."\n  call:',
    )
    codes = {(f.code, f.language) for f in findings_of(with_numbers, "emergency")}
    assert ("emergency-sms-numbers", "fr") not in codes


def test_the_first_sms_is_measured_as_sent_bambara_in_plain_letters() -> None:
    # 100 characters with ɛ: two segments in UCS-2, one in GSM-7 once written è.
    bambara = "I ka baarakɛla ka contrat sɛbɛn. " * 3
    assert len(bambara.strip()) > 70
    text = GOOD.replace('  sms: "I ka baarakɛla ka contrat sɛbɛn."', f'  sms: "{bambara.strip()}"')
    assert "sms-too-long" not in {f.code for f in findings_of(text)}
    too_long = GOOD.replace('  sms: "I ka baarakɛla ka contrat sɛbɛn."', f'  sms: "{bambara * 2}"')
    finding = only(findings_of(too_long), "sms-too-long")
    assert finding.language == "bm" and finding.params["encoding"] == "GSM-7"
