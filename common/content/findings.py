"""What the content check reports: findings with their file, line, stable code and fix.

Each finding carries a stable ``code`` and its ``params`` (the language, the
field, the lengths…), so the editor page can show it in the editor's
language; ``message`` and ``fix`` are the same finding in plain English words
for the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from common import yamlload

ROOT = Path(__file__).resolve().parents[2]
ERROR, WARNING = "error", "warning"

Param = str | int


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
    params: dict[str, Param] = field(default_factory=dict)

    def format(self) -> str:
        """``file:line: level: message (fix)``, as compilers print."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.level}: {self.message}. What to do: {self.fix}"


def relative(path: Path) -> str:
    """``path`` relative to the checkout when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


class LineFinder:
    """Line numbers of the keys of a YAML file (1-based)."""

    def __init__(self, text: str) -> None:
        """Compose the YAML to keep each node's position."""
        try:
            self.root: Any = yamlload.compose(text)
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


class Findings:
    """The findings of one file, collected as the checks run."""

    def __init__(self, file: str, lines: LineFinder) -> None:
        """Findings of ``file``, whose keys ``lines`` can locate."""
        self.file = file
        self.lines = lines
        self.found: list[Finding] = []

    def add(
        self,
        level: str,
        at: tuple[str | int, ...] | int | None,
        code: str,
        message: str,
        fix: str,
        **params: Param,
    ) -> None:
        """Record a finding at the key path ``at`` (or a line number)."""
        line = self.lines.line(*at) if isinstance(at, tuple) else at
        language = params.get("language")
        self.found.append(
            Finding(
                level,
                self.file,
                line,
                code,
                message,
                fix,
                language if isinstance(language, str) else None,
                dict(params),
            )
        )
