"""A real assistant (Rasa + actions + gateway) shared by the end-to-end tests."""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.web.app import create_app
from common.content.paths import ROOT
from tests.fakes.server import serve
from tests.fakes.settings import gateway_settings
from tools.devstack import missing_reason, rasa_stack


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """With several test workers (pytest-xdist), every end-to-end test goes to one of them.

    They share one real stack (Rasa, actions, gateway): one per package, not one
    per worker (``make test-bot`` runs ``--dist loadgroup``).
    """
    here = Path(__file__).resolve().parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture(scope="package")
def content_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the content that editors change in these tests (never the checkout's)."""
    folder = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(ROOT / "content", folder)
    previous = os.environ.get("CONTENT_DIR")
    os.environ["CONTENT_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("CONTENT_DIR", None)
    else:
        os.environ["CONTENT_DIR"] = previous


@pytest.fixture(scope="package")
def stack_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the stack keeps its files: endpoints, logs, Rasa's SQLite tracker store."""
    return tmp_path_factory.mktemp("stack")


@pytest.fixture(scope="package")
def rasa_url(stack_dir: Path, content_dir: Path) -> Iterator[str]:
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    with rasa_stack(stack_dir, {"CONTENT_DIR": str(content_dir)}) as url:
        yield url


@pytest.fixture(scope="package")
def stack_settings(rasa_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    # The real Rasa answers slower than the fake one.
    settings = gateway_settings(tmp_path_factory.mktemp("gateway"), rasa_url)
    return dataclasses.replace(settings, rasa_timeout=30.0)


@pytest.fixture(scope="package")
def gateway_url(stack_settings: Settings) -> Iterator[str]:
    """The gateway served on loopback, talking to the real Rasa."""
    with serve(create_app(stack_settings)) as url:
        yield url


def csp_violations(page: Any) -> list[str]:
    """What the Content-Security-Policy blocked on ``page``, as the console reports it."""
    blocked: list[str] = []

    def seen(message: Any) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", seen)
    return blocked
