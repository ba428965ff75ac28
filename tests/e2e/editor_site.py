"""A gateway with the editor pages, on loopback, for browser tests (no Rasa needed).

Each test module gets its own copy of the content and of the training data,
staff accounts in French and Arabic (editors and admins), and helpers to sign in and take the
screenshots of the editors' guides (``docs/img/``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from cryptography.fernet import Fernet

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.web.app import create_app
from common.content.paths import ROOT
from tests.fakes.rasa import FakeRasa
from tests.fakes.server import serve, serving
from tests.screenshots import screenshots

PASSWORD = "editor-password-1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Each account's browser speaks the editor's language (dates and file pickers as she sees them).
BROWSER_LOCALES = {"fatou": "fr-FR", "admin": "fr-FR", "nadia": "ar-MA", "karim": "ar-MA"}


@dataclass
class Site:
    """The running gateway, its database, and the folders it edits."""

    url: str
    database: Database
    content: Path
    training: Path


@contextmanager
def editor_site(tmp: Path) -> Iterator[Site]:
    """Serve a gateway whose editor edits a copy of the content in ``tmp``."""
    content, training = tmp / "content", tmp / "training"
    shutil.copytree(ROOT / "content", content)
    training.mkdir()
    saved = {k: os.environ.get(k) for k in ("CONTENT_DIR", "TRAINING_DIR")}
    os.environ["CONTENT_DIR"], os.environ["TRAINING_DIR"] = str(content), str(training)
    try:
        with serving(FakeRasa()) as fake:
            settings = Settings(
                database_url=f"sqlite:///{tmp / 'gateway.db'}",
                rasa_url=fake.url,  # type: ignore[attr-defined]
                pseudonym_key="browser-key",
                address_key=Fernet.generate_key().decode(),
                session_key="browser-session",
                rasa_timeout=2.0,
                var_dir=tmp,
            )
            with serve(create_app(settings)) as url:
                database = Database(settings.database_url)
                add_staff(database, "fatou", PASSWORD, "editor", "Fatou K.", "fr")
                add_staff(database, "nadia", PASSWORD, "editor", "Nadia B.", "ar")
                add_staff(database, "admin", PASSWORD, "admin", "Awa D.", "fr")
                add_staff(database, "karim", PASSWORD, "admin", "Karim A.", "ar")
                yield Site(url, database, content, training)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def answer(site: Site, topic: str) -> Any:
    """The answer file of ``topic`` in the site's content, as saved."""
    return yaml.safe_load((site.content / "answers" / f"{topic}.yml").read_text(encoding="utf-8"))


def signed_in(browser: Any, site: Site, username: str, viewport: dict[str, int] = DESKTOP) -> Any:
    """A new page signed in as ``username``."""
    page = browser.new_page(viewport=viewport, locale=BROWSER_LOCALES.get(username, "fr-FR"))
    page.goto(site.url + "/inbox/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site.url + "/inbox")
    return page


def save_draft(page: Any, site: Site, topic: str, language: str, title: str) -> None:
    """On ``page``, save ``title`` as a draft of ``topic`` in ``language``: not live yet."""
    from playwright.sync_api import expect

    path = site.content / "answers" / f"{topic}.yml"
    before = path.read_text(encoding="utf-8")
    page.goto(f"{site.url}/inbox/editor/{topic}/{language}")
    page.fill('input[name="title"]', title)
    page.click("#save-draft")
    expect(page.locator("#draft-banner")).to_be_visible()
    assert path.read_text(encoding="utf-8") == before  # the answer file is as it was


def shoot(page: Any, name: str, at: Any = None) -> None:
    """Save a screenshot for the guides (docs/img/editor-<name>.png with SCREENSHOTS=docs).

    With ``at`` (a locator), the visible screen scrolled to it; else the whole page.
    """
    if at is not None:
        at.first.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -60)")
    page.screenshot(path=str(screenshots("img") / f"editor-{name}.png"), full_page=at is None)
