"""The parts of an answer named as the editor's form names them, in the staff member's language.

The history stores what a save changed the way the code names it ("fr: title,
core"); the page shows it as "Français : Titre, L'essentiel". The change itself
is shown as plain lines per language ("Arabe · Titre : …"), not as the file's
YAML, so an editor who never opened a file can read what changed.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from bot.editor.history import readable
from common import yamlload
from common.i18n import _, translate
from common.languages import LANGUAGES

FIELD_LABELS = {
    "title": _("Title"),
    "core": _("Core"),
    "sms": _("SMS line"),
    "steps": _("What to do"),
    "documents": _("Papers"),
    "details": _("Good to know"),
    "where": _("Where to go"),
    "call": _("Numbers to call"),
    "say": _("What to tell the operator"),
    "sources": _("Sources"),
    "country": _("Country"),
    "status": _("Status"),
    "review_note": _("Note for the reviewer"),
    "audio": _("Audio answer"),
}
LANGUAGE_NAMES = {"fr": _("French"), "ar": _("Arabic"), "bm": _("Bambara")}
SAVED = re.compile(r"(?P<language>[a-z]{2}): (?P<what>.*)")
RESTORED = re.compile(r"restored the version of (?P<date>.+)")
PUBLISHED = re.compile(r"published the draft of (?P<name>.+)")


def said(language: str, message: str, **values: object) -> str:
    """An interface string in a staff language (English is the source itself)."""
    if language == "en":
        return message.format(**values) if values else message
    return translate(language, message, **values)


def field_label(key: str, language: str) -> str:
    """The form's name of an answer's field (the key itself when it has none)."""
    return said(language, FIELD_LABELS[key]) if key in FIELD_LABELS else key


def plain_summary(summary: str, language: str) -> str:
    """A history entry's summary in words: "Français : Titre, L'essentiel"."""
    if found := RESTORED.fullmatch(summary):
        return said(language, _("the version of {date}"), date=found["date"])
    if found := PUBLISHED.fullmatch(summary):
        return said(language, _("the draft of {name}"), name=found["name"])
    found = SAVED.fullmatch(summary)
    if found is None or found["language"] not in LANGUAGE_NAMES:
        return "" if summary == "new topic" else summary
    name, what = said(language, LANGUAGE_NAMES[found["language"]]), found["what"]
    keys = what.split(", ")
    if what == "no change":
        what = said(language, _("nothing changed"))
    elif what.startswith("reviewed by "):
        what = said(language, _("reviewed by {name}"), name=what.removeprefix("reviewed by "))
    elif all(key in FIELD_LABELS for key in keys):
        what = ", ".join(field_label(key, language) for key in keys)
    return f"{name}: {what}"


def readable_file(text: str | None, language: str) -> str:
    """An answer file as plain lines per language, for the history's diff.

    The YAML itself when it cannot be read (a diff is still better than nothing).
    """
    try:
        data: Any = yamlload.safe_load(text or "")
    except yaml.YAMLError:
        return text or ""
    if not isinstance(data, dict):
        return text or ""
    lines = []
    for answer_language in LANGUAGES:
        prefix = said(language, LANGUAGE_NAMES[answer_language])
        block = readable(data.get(answer_language), lambda key: field_label(key, language))
        lines += [f"{prefix} · {line}" for line in block.splitlines()]
    sources = field_label("sources", language)
    for source in data.get("sources") or []:
        if isinstance(source, dict):
            lines.append(f"{sources}: " + " · ".join(str(v) for v in source.values() if v))
    if data.get("country"):
        lines.append(f"{field_label('country', language)}: {data['country']}")
    return "\n".join(lines)
