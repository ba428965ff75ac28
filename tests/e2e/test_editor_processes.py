"""Issue #18, point 8: a save on the editor page reaches every process that serves answers.

The production profiles (compose.yaml, deploy/k8s) run two gateways and the
action server on one shared content volume and one database; ``make run`` runs
one gateway and the action server on the checkout's ``content/``. Here the same
layout runs as separate processes on this machine: two gateways (``python -m bot
serve``, as the images start them) and the action server (``rasa run actions``)
with one content folder standing for the volume, and one database file. An editor
saves in Chromium on the first gateway; the action server's answer and the second
gateway's emergency answer (what it sends while Rasa is down) change, with no
restart, in French and in Arabic (the Arabic speaker is a web-chat user whose
language the database already knows: while Rasa is down the gateway cannot tell a
new user's language). Containers, PostgreSQL and the Kubernetes volume itself are
not run here (tests/test_deploy_files.py checks that both profiles mount the one
volume), nor Rasa, which reads no answer file.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.fernet import Fernet

from bot.conversation.identity import pseudonym
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.storage.models import User
from common.content.paths import ROOT
from tests.e2e.editor_site import PASSWORD, PHONE
from tools.devstack import RASA, actions_command, launcher, stack_env, wait_ready
from tools.devstack_ports import free_port

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
PSEUDONYM_KEY = "process-test-pseudonyms"
BOUND = 20.0  # seconds: a broken reload fails the test instead of hanging it


@dataclass
class Layout:
    """The processes and what they share."""

    gateways: list[str]
    actions: str
    content: Path
    database_url: str


ADDRESS_KEY = Fernet.generate_key().decode()  # one for both gateways, as one Secret


def _gateway_env(tmp: Path, content: Path, database_url: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CONTENT_DIR": str(content),
        "TRAINING_DIR": str(tmp / "training"),
        "DATABASE_URL": database_url,
        "VAR_DIR": str(tmp / f"var-{port}"),
        "GATEWAY_PORT": str(port),
        "RASA_URL": f"http://127.0.0.1:{free_port()}",  # Rasa down: the gateway answers danger
        "PSEUDONYM_KEY": PSEUDONYM_KEY,
        "ADDRESS_KEY": ADDRESS_KEY,
        "SESSION_KEY": "process-test-sessions",
    }


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Layout]:
    if not RASA.exists():
        pytest.skip("the Rasa environment is missing (run `make setup`)")
    tmp = tmp_path_factory.mktemp("processes")
    content = tmp / "volume" / "content"
    shutil.copytree(ROOT / "content", content)
    database_url = f"sqlite:///{tmp / 'shared.db'}"
    with launcher(tmp / "processes.log") as start:
        actions_port = free_port()
        actions = start(actions_command(actions_port), stack_env({"CONTENT_DIR": str(content)}))
        wait_ready(f"http://127.0.0.1:{actions_port}/health", actions)
        gateways = []
        for _ in range(2):  # one after the other: the first creates the database
            port = free_port()
            env = _gateway_env(tmp, content, database_url, port)
            gateway = start([sys.executable, "-m", "bot", "serve"], env)
            wait_ready(f"http://127.0.0.1:{port}/healthz", gateway)
            gateways.append(f"http://127.0.0.1:{port}")
        yield Layout(gateways, f"http://127.0.0.1:{actions_port}", content, database_url)


def action_server_answer(layout: Layout, topic: str, language: str) -> str:
    """What the action server sends for ``topic`` (as JSON text), asked as Rasa asks it."""
    tracker = {
        "sender_id": "process-test",
        "slots": {"language": language},
        "latest_message": {"intent": {"name": topic}, "text": topic, "entities": []},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": None,
    }
    body = {"next_action": "action_answer", "sender_id": "process-test", "tracker": tracker}
    response = httpx.post(layout.actions + "/webhook", json={**body, "domain": {}}, timeout=30)
    response.raise_for_status()
    return json.dumps(response.json()["responses"], ensure_ascii=False)


def gateway_emergency(gateway: str, sender: str, text: str) -> str:
    """The gateway's own emergency answer (Rasa is down), as the web chat gets it."""
    response = httpx.post(
        gateway + "/api/messages", json={"sender": sender, "text": text}, timeout=30
    )
    response.raise_for_status()
    return json.dumps(response.json(), ensure_ascii=False)


def known_speaker(layout: Layout, sender: str, language: str) -> str:
    """A web-chat user who chose ``language`` earlier (the gateway answers danger in it)."""
    # Rasa is down here: the gateway reads the language of a new user itself, and builds
    # its detector at the first such message (seconds on a loaded machine).
    httpx.post(
        layout.gateways[1] + "/api/messages", json={"sender": sender, "text": "salam"}, timeout=30
    )
    with Database(layout.database_url).session() as session:
        user = session.get(User, pseudonym(PSEUDONYM_KEY, "local", sender))
        assert user is not None
        user.language = language
        session.commit()
    return sender


def eventually(read: Callable[[], str], wanted: str) -> None:
    deadline = time.monotonic() + BOUND
    while wanted not in read():
        assert time.monotonic() < deadline, f"still not served: {wanted}"
        time.sleep(0.3)


def editor_page(browser: Any, layout: Layout, who: str, path: str) -> Any:
    page = browser.new_page(viewport=PHONE)
    page.goto(layout.gateways[0] + "/inbox/login")
    page.fill("input[name=username]", who)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(layout.gateways[0] + "/inbox")
    page.goto(layout.gateways[0] + path)
    return page


@pytest.fixture(scope="module")
def editors(layout: Layout) -> None:
    database = Database(layout.database_url)
    add_staff(database, "fatou", PASSWORD, "editor", "Fatou K.", "fr")
    add_staff(database, "nadia", PASSWORD, "editor", "Nadia B.", "ar")


@pytest.mark.parametrize(
    ("who", "language", "phone"),
    [("fatou", "fr", "+212 5 37 54 54 01"), ("nadia", "ar", "+212 5 37 54 54 02")],
)
def test_a_save_on_one_gateway_reaches_the_action_server(
    browser: Any, layout: Layout, editors: None, who: str, language: str, phone: str
) -> None:
    assert phone not in action_server_answer(layout, "asylum", language)
    page = editor_page(browser, layout, who, f"/inbox/editor/asylum/{language}")
    page.locator('input[name="where-0-phone"]').fill(phone)
    page.click("#save")
    expect(page.locator("#saved")).to_be_visible()
    eventually(lambda: action_server_answer(layout, "asylum", language), phone)
    page.close()


@pytest.mark.parametrize(
    ("who", "language", "danger", "say"),
    [
        ("fatou", "fr", "mon ami perd beaucoup de sang", "Dites le quartier et qui est blessé."),
        ("nadia", "ar", "صاحبي طاح من السطح", "قل اسم الحي ومن المصاب."),
    ],
)
def test_a_save_on_one_gateway_reaches_both_gateways(
    browser: Any, layout: Layout, editors: None, who: str, language: str, danger: str, say: str
) -> None:
    sender = known_speaker(layout, f"person-{language}", language)
    for gateway in layout.gateways:
        assert say not in gateway_emergency(gateway, sender, danger)
    page = editor_page(browser, layout, who, f"/inbox/editor/emergency/{language}")
    page.fill('textarea[name="say"]', say)
    page.click("#save")
    expect(page.locator("#saved")).to_be_visible()
    for gateway in layout.gateways:  # the one saved on, and the other
        eventually(lambda gateway=gateway: gateway_emergency(gateway, sender, danger), say)
    page.close()
