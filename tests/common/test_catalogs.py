"""Every interface string a person sees is translated into their language.

An untranslated string shows its English source to a person who reads only
Arabic or Bambara; the content check lists it as a warning for editors, and
this test stops it from being released. French and Arabic are also the staff
pages' languages, so every string is translated in them; in Bambara, strings
used only on the staff pages (inbox, editor, accounts), which are not offered
in Bambara, may wait.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
METHODS = [
    ("bot/**/templates/**.html", "jinja2"),
    ("bot/**.py", "python"),
    ("actions/**.py", "python"),
    ("common/**.py", "python"),
]
STAFF_ONLY = (
    "bot/web/templates/inbox/",
    "bot/web/inbox",
    "bot/web/editor",
    "bot/web/labels.py",
    "bot/staff/",
    "bot/editor/",
)


def places_of_strings() -> dict[str, set[str]]:
    """Each msgid and the files that use it."""
    places: dict[str, set[str]] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords={"_": None}
    ):
        if isinstance(message, str) and filename.split("/")[0] in ("bot", "actions", "common"):
            places.setdefault(message, set()).add(filename)
    return places


def missing(language: str) -> list[str]:
    """msgids without a finished translation in ``language``."""
    with (ROOT / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    return [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy)]


def test_french_and_arabic_translate_every_string() -> None:
    assert missing("fr") == []
    assert missing("ar") == []


def test_bambara_translates_every_string_a_migrant_sees() -> None:
    places = places_of_strings()
    seen_by_users = [
        msgid
        for msgid in missing("bm")
        if not places.get(msgid) or not all(p.startswith(STAFF_ONLY) for p in places[msgid])
    ]
    assert seen_by_users == []
