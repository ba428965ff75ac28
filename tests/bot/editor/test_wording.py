"""The history's summaries and diffs in the words of the editor's form, in her language."""

from __future__ import annotations

from bot.editor.wording import plain_summary, readable_file

FILE = """topic: asylum
country: MA
sources:
  - title: Loi 02-03
    publisher: Royaume du Maroc
fr:
  title: Asile
  core: Demandez l'asile au HCR.
ar:
  title: اللجوء
"""


def test_a_saves_summary_names_the_language_and_the_fields_as_the_form_does() -> None:
    assert plain_summary("fr: title, core", "fr") == "Français: Titre, L'essentiel"
    assert plain_summary("ar: where, sources", "ar") == "العربية: إلى أين تذهب, المصادر"
    assert plain_summary("fr: title, sms", "en") == "French: Title, SMS line"
    assert plain_summary("bm: no change", "fr") == "Bambara: rien n'a changé"
    assert plain_summary("ar: reviewed by Nadia B.", "fr") == "Arabe: relu par Nadia B."


def test_restores_publications_and_unknown_summaries() -> None:
    assert plain_summary("restored the version of 2026-11-30 10:00", "fr") == (
        "la version du 2026-11-30 10:00"
    )
    assert plain_summary("published the draft of Fatou K.", "ar") == "مسودة Fatou K."
    assert plain_summary("new topic", "fr") == ""  # the action column says it
    assert plain_summary("something else", "fr") == "something else"


def test_a_file_reads_as_labelled_lines_per_language() -> None:
    lines = readable_file(FILE, "fr").splitlines()
    assert "Français · Titre: Asile" in lines
    assert "Français · L'essentiel: Demandez l'asile au HCR." in lines
    assert "Arabe · Titre: اللجوء" in lines
    assert "Sources: Loi 02-03 · Royaume du Maroc" in lines
    assert "Pays: MA" in lines
    assert readable_file("a: [", "fr") == "a: ["  # unreadable: the text itself
