"""The form of an answer, written back into the file: lists, status, review."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.editor.answer_files import dump, load_text
from bot.editor.answer_form import apply_form, fields_of, mark_reviewed

TODAY = dt.date(2026, 11, 30)
FILE = """topic: asylum
country: MA
sources:
  # the law first
  - title: Loi 02-03
    publisher: Royaume du Maroc
    kind: law
    published: 2003-11-11
    consulted: 2026-11-01
fr:
  status: reviewed
  reviewed:
    by: Awa D.
    on: 2026-11-02
  updated: 2026-11-01
  title: Asile
  core: Le HCR enregistre les demandes.
  sms: HCR Rabat.
  where:
    - name: HCR Rabat
      phone: +212 5 37 00 00 00
    - name: Caritas
ar:
  status: draft
  translated_from: 2026-10-01
  title: اللجوء
  core: المفوضية
  sms: المفوضية
"""


def data() -> Any:
    return load_text(FILE)


def form(language: str = "fr", **changes: str) -> dict[str, str]:
    fields = fields_of(data(), language)
    values = {k: v for k, v in fields.items() if isinstance(v, str)}
    for key in ("where", "sources"):
        for i, row in enumerate(fields[key]):
            values.update({f"{key}-{i}-{k}": v for k, v in row.items()})
    values.update(changes)
    return values


def test_fields_show_every_part_of_the_answer() -> None:
    fields = fields_of(data(), "fr")
    assert fields["where"][0] == {
        "name": "HCR Rabat",
        "details": "",
        "phone": "+212 5 37 00 00 00",
        "url": "",
    }
    assert fields["sources"][0]["published"] == "2003-11-11"
    assert fields["reviewed_by"] == "Awa D." and fields["country"] == "MA"


def test_an_unchanged_form_changes_nothing_and_keeps_the_review() -> None:
    content = data()
    assert apply_form(content, "fr", form(), TODAY) == "fr: no change"
    assert dump(content) == FILE


def test_fixing_a_phone_makes_the_language_a_draft_and_moves_updated() -> None:
    content = data()
    summary = apply_form(content, "fr", form(**{"where-0-phone": "+212 5 37 11 22 33"}), TODAY)
    assert summary == "fr: where"
    assert content["fr"]["where"][0]["phone"] == "+212 5 37 11 22 33"
    assert content["fr"]["status"] == "draft" and "reviewed" not in content["fr"]
    assert content["fr"]["updated"] == TODAY
    assert "# the law first" in dump(content)  # the untouched list keeps its comment
    assert "&id" not in dump(content)


def test_places_and_sources_are_added_removed_and_reordered() -> None:
    content = data()
    values = form()
    values.update({"where-0-name": "Caritas", "where-0-phone": "", "where-1-name": "HCR Rabat"})
    values.update({"where-1-phone": "+212 5 37 00 00 00"})
    values.update({"sources-1-title": "Guide", "sources-1-publisher": "GADEM"})
    values.update({"sources-1-kind": "ngo", "sources-1-published": "unknown"})
    values.update({"sources-1-consulted": "2026-11-30", "sources-1-url": "https://gadem.org"})
    apply_form(content, "fr", values, TODAY)
    assert [p["name"] for p in content["fr"]["where"]] == ["Caritas", "HCR Rabat"]
    assert content["sources"][1]["published"] == "unknown"
    assert content["sources"][1]["consulted"] == dt.date(2026, 11, 30)
    values = form(**{"where-1-name": "", "where-1-phone": ""})
    content = data()
    apply_form(content, "fr", values, TODAY)
    assert [p["name"] for p in content["fr"]["where"]] == ["HCR Rabat"]


def test_a_translation_follows_the_french_only_once_its_translator_saw_it() -> None:
    content = data()
    apply_form(content, "ar", form("ar", core="نص جديد"), TODAY)
    assert content["ar"]["translated_from"] == dt.date(2026, 10, 1)
    content = data()
    apply_form(content, "ar", form("ar", core="نص جديد", seen_french="2026-11-01"), TODAY)
    assert content["ar"]["translated_from"] == dt.date(2026, 11, 1)


def test_mark_reviewed_records_the_person_and_the_french_followed() -> None:
    content = data()
    mark_reviewed(content, "ar", "Nadia  B.", TODAY)
    assert content["ar"]["status"] == "reviewed"
    assert dict(content["ar"]["reviewed"]) == {"by": "Nadia B.", "on": TODAY}
    assert content["ar"]["translated_from"] == dt.date(2026, 11, 1)


def test_adding_or_moving_entries_keeps_the_comments_written_in_them() -> None:
    text = FILE.replace("published: 2003-11-11", "published: 2003-11-11  # the dahir's date")
    content = load_text(text)
    values = form()
    values.update({"sources-0-title": "Guide", "sources-0-publisher": "GADEM"})
    values.update({"sources-0-kind": "ngo", "sources-0-published": "unknown"})
    values.update({"sources-0-consulted": "2026-11-30", "sources-0-url": "https://gadem.org"})
    values.update({"sources-1-title": "Loi 02-03", "sources-1-publisher": "Royaume du Maroc"})
    values.update({"sources-1-kind": "law", "sources-1-published": "2003-11-11"})
    values.update({"sources-1-consulted": "2026-11-01"})
    apply_form(content, "fr", values, TODAY)
    written = dump(content)
    assert [s["title"] for s in content["sources"]] == ["Guide", "Loi 02-03"]
    assert "published: 2003-11-11  # the dahir's date" in written
    assert "# the law first" in written


def test_a_source_without_a_date_can_be_typed_in_the_editors_language() -> None:
    from bot.editor.answer_form import no_date_word

    for word in ("unknown", "inconnue", " Inconnue ", "غير معروف"):
        assert no_date_word(word) == "unknown"
    assert no_date_word("2024-05-02") == "2024-05-02"
    assert no_date_word("hier") == "hier"  # the check says it is not a date
