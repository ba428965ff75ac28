"""Checks of the gettext catalogs (``locales/``): untranslated, fuzzy, broken placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from common.content.findings import ERROR, WARNING, Finding, relative

PLACEHOLDER_NAME = re.compile(r"\{(\w*)\}")


def check_catalogs(locales: Path) -> list[Finding]:
    """Untranslated and fuzzy strings, and placeholders that differ from the source."""
    findings: list[Finding] = []
    for path in sorted(locales.glob("*/LC_MESSAGES/messages.po")):
        name = relative(path)
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
            params: dict[str, str | int] = {"msgid": short_id}
            if message.fuzzy:
                findings.append(
                    Finding(
                        WARNING,
                        name,
                        line,
                        "fuzzy",
                        f'the translation of "{short_id}" is marked fuzzy (guessed, not checked)',
                        "check the translation and remove the '#, fuzzy' line",
                        params=params,
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
                        params=params,
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
                        params=params,
                    )
                )
    return findings
