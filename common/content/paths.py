"""Where the content lives: ``content/`` in the checkout, or ``CONTENT_DIR``.

The action server and the gateway must read and write the same folder, so a
deployment that keeps content outside the checkout sets ``CONTENT_DIR`` for
both.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def content_dir() -> Path:
    """The content folder (answers, topics, audio, saved replies)."""
    return Path(os.environ.get("CONTENT_DIR") or ROOT / "content")


def answers_dir() -> Path:
    """The answer files, one per topic."""
    return content_dir() / "answers"


def audio_dir() -> Path:
    """Recorded audio answers."""
    return content_dir() / "audio"


def audio_file(reference: str | None) -> Path | None:
    """The recorded answer an answer file names (``audio/<name>``), inside the audio folder.

    Anything else (another folder, ``..``, an absolute path, a hidden or
    missing file) gives None: a channel must never send a file of the server
    that is not a recorded answer.
    """
    if not reference:
        return None
    name = reference.removeprefix("audio/")
    if not name or "/" in name or "\\" in name or "\x00" in name or name.startswith("."):
        return None
    folder = audio_dir().resolve()
    path = (folder / name).resolve()
    if path.parent != folder or not path.is_file():
        return None
    return path
