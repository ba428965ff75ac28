"""An answer file's fields as the editor's form, and the form written back into the file.

The form has one input per field of a language block (title, core, SMS line,
the parts, the places), plus the topic's country and sources. Places and
sources are numbered fields (``where-0-name``, ``sources-1-url``) in the
order the page shows them, so adding, removing and reordering is a matter of
which numbers are sent. Lists that did not change are left untouched in the
file, comments included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from common.content.answers import UNKNOWN
from common.i18n import _, translate
from common.languages import LANGUAGES, SOURCE_LANGUAGE

TEXTS = ("title", "core", "sms", "say", "review_note")
LINES = ("steps", "documents", "details")
PLACE_KEYS = ("name", "details", "phone", "url")
CALL_KEYS = ("name", "phone")
SOURCE_KEYS = ("title", "publisher", "kind", "published", "consulted", "url", "reference")
# What users read: changing one of these makes the language a draft again.
USER_TEXT = (*TEXTS[:4], *LINES, "where", "call")
MAX_ENTRIES = 30


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def entries_of(value: Any, keys: tuple[str, ...]) -> list[dict[str, str]]:
    """A list of places, calls or sources as rows of text fields."""
    if not isinstance(value, list):
        return []
    return [{key: _text(item.get(key)) for key in keys} for item in value if isinstance(item, dict)]


def fields_of(data: Any, language: str) -> dict[str, Any]:
    """The form's values for ``language`` (and the topic-wide country and sources)."""
    data = data if isinstance(data, dict) else {}
    block = data.get(language)
    block = block if isinstance(block, dict) else {}
    found = block.get("reviewed")
    reviewed: dict[str, Any] = found if isinstance(found, dict) else {}
    fields: dict[str, Any] = {key: _text(block.get(key)) for key in TEXTS}
    fields.update(
        {key: "\n".join(_text(v) for v in block.get(key) or []) for key in LINES},
    )
    fields["where"] = entries_of(block.get("where"), PLACE_KEYS)
    fields["call"] = entries_of(block.get("call"), CALL_KEYS)
    fields["sources"] = entries_of(data.get("sources"), SOURCE_KEYS)
    fields["country"] = _text(data.get("country")) or "MA"
    fields["status"] = _text(block.get("status")) or "draft"
    fields["reviewed_by"] = _text(reviewed.get("by"))
    fields["reviewed_on"] = _text(reviewed.get("on"))
    fields["translated_from"] = _text(block.get("translated_from"))
    fields["updated"] = _text(block.get("updated"))
    fields["audio"] = _text(block.get("audio")).rsplit("/", 1)[-1]
    return fields


def entries_from(
    form: Mapping[str, str], prefix: str, keys: tuple[str, ...]
) -> list[dict[str, str]]:
    """The numbered rows ``prefix-N-key`` of the form, in the order of N; empty rows dropped."""
    rows = []
    for n in range(MAX_ENTRIES):
        row = {key: " ".join(form.get(f"{prefix}-{n}-{key}", "").split()) for key in keys}
        if any(row.values()):
            rows.append(row)
    return rows


# What an editor types for a source that shows no date, in her language ("inconnue").
NO_DATE = _("unknown")


def no_date_word(value: str) -> str:
    """``unknown`` for the word "unknown" in any of our languages; the value itself otherwise."""
    words = {UNKNOWN, *(translate(language, NO_DATE).casefold() for language in LANGUAGES)}
    return UNKNOWN if value.strip().casefold() in words else value


def _as_yaml_value(key: str, value: str) -> Any:
    if key in ("published", "consulted"):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _entry_map(row: dict[str, str], keys: tuple[str, ...], entry: Any = None) -> Any:
    """``row`` as a mapping; an existing ``entry`` is updated in place (its comments kept)."""
    entry = entry if isinstance(entry, dict) else CommentedMap()
    for key in keys:
        if row.get(key):
            if _text(entry.get(key)) != row[key]:
                entry[key] = _as_yaml_value(key, row[key])
        else:
            entry.pop(key, None)
    return entry


def _set_entries(parent: Any, key: str, rows: list[dict[str, str]], keys: tuple[str, ...]) -> bool:
    """Make the list match ``rows``; True when it changed.

    Entries kept as they were (even moved) are the same objects, and changed
    ones are edited in place, so the comments written in the file stay.
    """
    old = parent.get(key) if isinstance(parent.get(key), list) else []
    old_rows = entries_of(old, keys)
    wanted = [{k: row.get(k, "") for k in keys} for row in rows]
    if old_rows == wanted:
        return False
    unused = list(range(len(old)))
    chosen: list[int | None] = []
    for row in wanted:
        same = next((i for i in unused if old_rows[i] == row), None)
        if same is not None:
            unused.remove(same)
        chosen.append(same)
    items = []
    for position, (row, index) in enumerate(zip(wanted, chosen, strict=True)):
        if index is None and position in unused:
            unused.remove(position)
            index = position
        items.append(_entry_map(row, keys, old[index] if index is not None else None))
    if not items:
        parent.pop(key, None)
    elif isinstance(parent.get(key), list):
        parent[key][:] = items
    else:
        parent[key] = items
    return True


def _set_texts(block: Any, form: Mapping[str, str]) -> list[str]:
    changed = []
    for key in TEXTS:
        if key in form:
            value = " ".join(form[key].split())
            if _text(block.get(key)) != value:
                if value:
                    block[key] = value
                else:
                    block.pop(key, None)
                changed.append(key)
    for key in LINES:
        if key in form:
            items = [" ".join(line.split()) for line in form[key].splitlines() if line.strip()]
            if [_text(v) for v in block.get(key) or []] != items:
                if items:
                    block[key] = items
                else:
                    block.pop(key, None)
                changed.append(key)
    return changed


def apply_form(data: Any, language: str, form: Mapping[str, str], today: dt.date) -> str:
    """Write the form into ``data``; return a one-line summary of what changed.

    Saving never marks an answer reviewed: when what users read changes, the
    language becomes a draft again (its review is dropped). A French change
    moves ``updated``; a translation saved after its editor saw the French
    changes (``seen_french``) follows that French.
    """
    block = data.get(language)
    if not isinstance(block, dict):
        block = data[language] = CommentedMap()
    changed = _set_texts(block, form)
    if _set_entries(block, "where", entries_from(form, "where", PLACE_KEYS), PLACE_KEYS):
        changed.append("where")
    if "call-0-name" in form and _set_entries(
        block, "call", entries_from(form, "call", CALL_KEYS), CALL_KEYS
    ):
        changed.append("call")
    sources = [
        {**row, "published": no_date_word(row["published"])}
        for row in entries_from(form, "sources", SOURCE_KEYS)
    ]
    if "sources-0-title" in form and _set_entries(data, "sources", sources, SOURCE_KEYS):
        changed.append("sources")
    country = form.get("country")
    if country and country != _text(data.get("country")):
        data["country"] = country
        changed.append("country")
    _set_status(data, block, language, form, [c for c in changed if c in USER_TEXT], today)
    return f"{language}: " + (", ".join(changed) if changed else "no change")


def _set_status(
    data: Any,
    block: Any,
    language: str,
    form: Mapping[str, str],
    text_changed: list[str],
    today: dt.date,
) -> None:
    french = data.get(SOURCE_LANGUAGE) or {}
    if language == SOURCE_LANGUAGE and text_changed:
        block["updated"] = today
    if language != SOURCE_LANGUAGE:
        seen = form.get("seen_french", "")
        if seen and seen == _text(french.get("updated")):
            block["translated_from"] = french.get("updated")
        block.setdefault("translated_from", french.get("updated") or today)
    wanted = form.get("status")
    if text_changed or wanted in ("draft", "needs_update"):
        new_status = wanted if wanted == "needs_update" and not text_changed else "draft"
        block["status"] = new_status
        block.pop("reviewed", None)
    block.setdefault("status", "draft")


def mark_reviewed(data: Any, language: str, by: str, on: dt.date) -> None:
    """A person checked this language against the sources: status, name and date."""
    block = data[language]
    block["status"] = "reviewed"
    block["reviewed"] = CommentedMap([("by", " ".join(by.split())), ("on", on)])
    if language != SOURCE_LANGUAGE:
        block["translated_from"] = (data.get(SOURCE_LANGUAGE) or {}).get("updated")
