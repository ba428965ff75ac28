"""Debian's Chromium driven by Playwright, as the browser tests and ``make bench`` use it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def missing_reason() -> str | None:
    """Why Chromium cannot be driven here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed in this environment"
    if shutil.which("chromium") is None:
        return "Debian's chromium is not installed (make browser installs it)"
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium for the block (check :func:`missing_reason` first)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()
