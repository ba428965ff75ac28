"""What every test run shares, in both environments; gateway fixtures where its libraries are.

- The gettext catalogs are compiled before any test (plain ``pytest`` works
  on a fresh clone, as ``make test`` does).
- With ``CI=true`` a skipped test fails the run: CI must never pass by
  skipping what the machine has (PostgreSQL, Redis, Chromium, the Rasa
  environment). Only a skip whose reason says ``[optional]`` (a tool this
  kind of machine may lack, such as Docker's compose plugin) is allowed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
LOCALES = Path(__file__).resolve().parents[1] / "locales"
OPTIONAL = "[optional]"


def compile_catalogs(locales: Path = LOCALES) -> list[Path]:
    """Compile every ``messages.po`` whose ``.mo`` is missing or older; return those written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locales.glob("*/LC_MESSAGES/messages.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parts[-3])
        with mo.open("wb") as target:
            write_mo(target, catalog)
        written.append(mo)
    return written


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (skipped, with the reason, where absent).

    Module-scoped: Playwright's sync API keeps an event loop running while the
    browser lives, which would stop other modules' tests from using asyncio.
    """
    from tools.browser import chromium, missing_reason

    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    with chromium() as launched:
        yield launched


def pytest_sessionstart(session: pytest.Session) -> None:
    compile_catalogs()


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = [
        report
        for report in (reporter.stats.get("skipped", []) if reporter else [])
        if OPTIONAL not in str(report.longrepr)
    ]
    if skipped and reporter is not None:
        for report in skipped:
            reporter.write_line(f"CI=true forbids this skip: {report.nodeid}: {report.longrepr}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


try:
    from bot.config import Settings
    from tests.fakes.rasa import FakeRasa
    from tests.fakes.server import serving
    from tests.fakes.settings import gateway_settings
except ImportError:  # the Rasa environment runs tests/actions only
    Settings = None  # type: ignore[assignment,misc]


if Settings is not None:

    @pytest.fixture(autouse=True)
    def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
        """Staff passwords hashed with argon2-cffi's CHEAPEST profile, made for tests.

        The production profile costs a third of a second per hash or check by
        design; hundreds of test logins do not need that.
        """
        from argon2 import PasswordHasher, profiles

        from bot.staff import accounts

        cheap = PasswordHasher.from_parameters(profiles.CHEAPEST)
        monkeypatch.setattr(accounts, "_hasher", cheap)
        monkeypatch.setattr(accounts, "_DUMMY_HASH", cheap.hash("not-a-real-password"))

    @pytest.fixture
    def fake_rasa() -> Iterator[FakeRasa]:
        """A fake Rasa server on loopback; its URL is in ``fake_rasa.url``."""
        with serving(FakeRasa()) as fake:
            yield fake

    @pytest.fixture
    def settings(tmp_path: Path, fake_rasa: FakeRasa) -> Settings:
        """Settings for a gateway talking to the fake Rasa, with a fresh SQLite file."""
        return gateway_settings(tmp_path, fake_rasa.url)  # type: ignore[attr-defined]
