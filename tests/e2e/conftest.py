"""A real assistant (Rasa + actions + gateway) shared by the end-to-end tests."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
import shutil
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import update

from bot.config import Settings
from bot.conversation.privacy import purge_once
from bot.storage.database import Database
from bot.storage.models import User
from bot.web.app import create_app
from common.content.paths import ROOT
from tests.e2e.editor_site import Site, editor_site
from tests.fakes.server import serve
from tests.fakes.settings import gateway_settings
from tools.devstack import missing_reason, rasa_stack

T = TypeVar("T")


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
def one_worker(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Fail if the end-to-end tests also reached another test worker in this run.

    Several stacks on a 2-core machine answer after the gateway's timeout: the
    tests then fail on load, not on the code (seen when pytest 9.2 broke
    ``--dist loadgroup``). The workers' temporary folders share one parent;
    each worker leaves its mark there when it first needs a stack.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        return
    shared = tmp_path_factory.getbasetemp().parent
    (shared / f"e2e-stack-{worker}").touch()
    others = sorted(p.name for p in shared.glob("e2e-stack-*") if p.name != f"e2e-stack-{worker}")
    if others:
        pytest.fail(f"end-to-end tests reached worker {worker} as well as {others}: not grouped")


@pytest.fixture(scope="package")
def rasa_url(stack_dir: Path, content_dir: Path, one_worker: None) -> Iterator[str]:
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


@pytest.fixture(scope="module")
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Site]:
    """The editor pages on a gateway of the test module's own (no Rasa needed)."""
    name = request.module.__name__.rsplit(".", 1)[-1]
    with editor_site(tmp_path_factory.mktemp(name)) as running:
        yield running


def csp_violations(page: Any) -> list[str]:
    """What the Content-Security-Policy blocked on ``page``, as the console reports it."""
    blocked: list[str] = []

    def seen(message: Any) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(message.text)

    page.on("console", seen)
    return blocked


def run_outside_any_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine in a thread of its own (safe whatever loop this thread has)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def purge_after_silence(settings: Settings, user_id: str) -> tuple[int, int]:
    """Run the retention purge once ``user_id`` has been silent longer than it keeps anyone."""
    database = Database(settings.database_url)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=settings.retention_days + 1)
    with database.session() as session:
        session.execute(update(User).where(User.id == user_id).values(last_seen_at=long_ago))
        session.commit()
    days, timeout = settings.retention_days, settings.rasa_timeout
    try:
        return run_outside_any_loop(purge_once(database, settings.rasa_url, days, timeout))
    finally:
        database.engine.dispose()
