"""Which field of the editor's form a finding of the content check is about.

The check reports a line of the file it read; the editor wrote that file
itself (the form's fields dumped as YAML), so the key path at that line tells
which field the editor must fix.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

import yaml

from common import yamlload
from common.languages import LANGUAGES

Key = tuple[str | int, ...]
LIST_OF_ENTRIES = ("where", "call")
STATUS_KEYS = ("status", "reviewed", "translated_from", "updated", "checked")
# How the answer parser names what it refused: "fr title is missing or empty",
# "ar where #2 phone ...", "sources #1 published (or unknown): ...", "sources: ...".
PROBLEM_AT = re.compile(
    r"(?:(?P<language>[a-z]{2}) )?(?P<key>[a-z_]+)(?: #(?P<n>\d+) (?P<sub>[a-z_]+))?"
)


class KeyLines:
    """The key path at each line of a YAML text."""

    def __init__(self, text: str) -> None:
        """Index the keys of ``text`` by the line they start on (1-based)."""
        self.lines: list[int] = []
        self.paths: list[Key] = []
        try:
            root = yamlload.compose(text)
        except yaml.YAMLError:
            root = None
        if root is not None:
            self._walk(root, ())

    def _walk(self, node: Any, path: Key) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*path, str(key.value))
                self._add(key.start_mark.line + 1, here)
                self._walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                here = (*path, i)
                self._add(item.start_mark.line + 1, here)
                self._walk(item, here)

    def _add(self, line: int, path: Key) -> None:
        if self.lines and self.lines[-1] == line:
            self.paths[-1] = path  # the deepest key of the line
        else:
            self.lines.append(line)
            self.paths.append(path)

    def path_at(self, line: int | None) -> Key:
        """The deepest key path starting at or before ``line`` (() when none)."""
        if line is None:
            return ()
        index = bisect_right(self.lines, line) - 1
        return self.paths[index] if index >= 0 else ()


def field_name(path: Key) -> str:
    """The form field for a key path: ``core``, ``where-0-phone``, ``sources-1-url``."""
    if not path:
        return ""
    head = path[0]
    if head == "sources":
        if len(path) >= 2 and isinstance(path[1], int):
            return f"sources-{path[1]}-{path[2] if len(path) >= 3 else 'title'}"
        return "sources"
    if head == "country":
        return "country"
    if head not in LANGUAGES or len(path) < 2:
        return ""
    key = str(path[1])
    if key in LIST_OF_ENTRIES and len(path) >= 3 and isinstance(path[2], int):
        return f"{key}-{path[2]}-{path[3] if len(path) >= 4 else 'name'}"
    if key in STATUS_KEYS:
        return "status"
    return key


def problem_field(problem: str) -> str:
    """The form field a problem of the answer parser is about ("" when none).

    A missing title or an empty place name has no line of its own in the file
    (the field is absent), so the parser's wording says where it is.
    """
    found = PROBLEM_AT.match(problem)
    if found is None:
        return ""
    language, key, n, sub = found["language"], found["key"], found["n"], found["sub"]
    entry: Key = () if n is None else (int(n) - 1, sub)
    if language is None and key in ("sources", "country"):
        return field_name((key, *entry))
    if language in LANGUAGES:
        return field_name((language, key, *entry))
    return ""
