"""Reading a menu choice: a bare number, the way every channel's users answer a menu."""

from __future__ import annotations

import re

# "2", " 2 ", "2.", "2)" — up to three digits (a longer number is not a choice).
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s*$")


def menu_number(text: str) -> int | None:
    """The number a message picks from a menu, or None when it is not a bare number."""
    match = _BARE_NUMBER.match(text)
    return int(match.group(1)) if match else None
