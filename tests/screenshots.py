"""Where the browser tests put their screenshots.

By default in a folder under the system's temporary directory, so that a
test run leaves the working tree as it was; with ``SCREENSHOTS=docs`` (what
``make screenshots`` sets) in ``docs/``, where the guides and the README
show them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def screenshots(folder: str) -> Path:
    """The folder (created) for screenshots that belong in ``docs/<folder>`` when asked for."""
    if os.environ.get("SCREENSHOTS") == "docs":
        path = ROOT / "docs" / folder
    else:
        path = Path(tempfile.gettempdir()) / "migrant-assistant-screenshots" / folder
    path.mkdir(parents=True, exist_ok=True)
    return path
