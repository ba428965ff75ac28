"""A scripted shift in the staff inbox, in Chromium: clicks, time to first reply, page weight.

Thirty conversations arrive over two minutes from web chat users writing in
French, Arabic and Bambara (every fifth one an emergency); two agents, each in
their own browser page, work the queue as staff would: open the first
unassigned conversation, take it, insert the saved reply in the person's
language, send, close. The assistant is the scripted fake Rasa (the inbox is
what is measured, not the language model); everything runs on loopback.

Reports clicks per conversation, the time from the user's message to the
first staff reply (median, p95, max; from the hand-off's own timestamps),
and the weight of the queue and conversation pages (every response the page
loads). Writes ``var/bench/inbox_shift.json`` and before/after screenshots of
the queue in ``docs/bench/``.

    .venv/bot/bin/python -m tools.bench.inbox_shift [--count 30 --seconds 120]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from cryptography.fernet import Fernet
from sqlalchemy import select

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.storage.models import Handoff
from bot.web.app import create_app
from tests.fakes.rasa import FakeRasa
from tests.fakes.server import serving
from tools.browser import DESKTOP, chromium, missing_reason
from tools.devstack import serve_app

PASSWORD = "benchmark-password"
ASK = {
    "fr": "je veux parler à une personne",
    "ar": "أريد التحدث مع شخص",
    "bm": "n b'a fɛ ka kuma mɔgɔ fɛ",
}
DOCS = Path("docs/bench")


def _script(fake: FakeRasa) -> None:
    for language, text in ASK.items():
        for kind in ("request", "emergency"):
            fake.scripted[f"{text} ({kind})"] = [
                {"kind": "handoff", "lang": language, "text": "…", "buttons": [], "handoff": kind}
            ]


def _arrivals(base: str, count: int, seconds: float, stop: threading.Event) -> None:
    with httpx.Client(timeout=30) as client:
        for n in range(count):
            if stop.is_set():
                return
            language = ("fr", "ar", "bm")[n % 3]
            kind = "emergency" if n % 5 == 4 else "request"
            client.post(
                f"{base}/api/messages",
                json={
                    "sender": f"shift-{uuid.uuid4().hex[:8]}",
                    "text": f"{ASK[language]} ({kind})",
                },
            )
            time.sleep(seconds / count)


class Agent:
    """One agent's browser page, counting clicks and the bytes each page loads."""

    def __init__(self, browser: Any, base: str, username: str) -> None:
        self.page = browser.new_page(viewport=DESKTOP)
        self.base = base
        self.clicks = 0
        self.page.goto(f"{base}/inbox/login")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")

    def click(self, selector: str) -> None:
        """Click, and count it."""
        self.clicks += 1
        self.page.click(selector)

    def handle_one(self) -> bool:
        """Take, answer and close the first unassigned conversation; False when none."""
        if "/inbox/c/" in self.page.url or "view=unassigned" not in self.page.url:
            self.page.goto(f"{self.base}/inbox?view=unassigned")
        rows = self.page.locator("#queue li a")
        if rows.count() == 0:
            return False
        self.clicks += 1
        rows.first.click()
        self.click("#claim")
        try:
            self.page.wait_for_selector("#send-reply:not([disabled])", timeout=3000)
        except Exception:  # a colleague was first: back to the queue
            return True
        self.click("#saved-box summary")
        self.click("#saved .insert >> nth=0")
        self.click("#send-reply")
        self.page.wait_for_selector("#transcript .msg.staff", timeout=5000)
        self.click("#close")
        self.page.wait_for_url("**/inbox", timeout=5000)
        return True


ASSET = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def weigh(url: str, base: str, cookies: dict[str, str]) -> int:
    """Bytes of a page and of the scripts and styles it loads (a first visit, nothing cached)."""
    with httpx.Client(cookies=cookies, timeout=30) as client:
        page = client.get(url)
        assets = set(ASSET.findall(page.text))
        return len(page.content) + sum(len(client.get(base + a).content) for a in assets)


def _first_replies(database: Database) -> tuple[list[float], int]:
    with database.session() as session:
        rows = session.execute(select(Handoff.created_at, Handoff.first_response_at)).all()
    waits = [(answered - created).total_seconds() for created, answered in rows if answered]
    return waits, len(rows)


def run(count: int, seconds: float) -> dict[str, Any]:
    """Run the shift; the figures as a dictionary."""
    fake = FakeRasa()
    _script(fake)
    folder = Path(tempfile.mkdtemp(prefix="inbox-shift-"))
    with serving(fake):
        settings = Settings(
            database_url=f"sqlite:///{folder / 'gateway.db'}",
            rasa_url=fake.url,  # type: ignore[attr-defined]
            pseudonym_key="bench",
            address_key=Fernet.generate_key().decode(),
            session_key="bench-session",
            var_dir=folder,
        )
        database = Database(settings.database_url)
        for name in ("amina", "bakary"):
            add_staff(database, name, PASSWORD, "agent", name.title())
        with serve_app(create_app(settings)) as base, chromium() as browser:
            agents = [Agent(browser, base, "amina"), Agent(browser, base, "bakary")]
            stop = threading.Event()
            arrivals = threading.Thread(target=_arrivals, args=(base, count, seconds, stop))
            arrivals.start()
            time.sleep(min(10.0, seconds / 4))
            agents[0].page.goto(f"{base}/inbox")
            agents[0].page.screenshot(path=str(DOCS / "inbox-shift-before.png"), full_page=True)
            deadline = time.monotonic() + seconds * 3
            while time.monotonic() < deadline:
                busy = [agent.handle_one() for agent in agents]
                if not any(busy) and not arrivals.is_alive():
                    break
                if not any(busy):
                    time.sleep(0.5)
            stop.set()
            arrivals.join()
            agents[0].page.goto(f"{base}/inbox?view=closed")
            agents[0].page.screenshot(path=str(DOCS / "inbox-shift-after.png"), full_page=True)
            with database.session() as session:
                held = session.scalars(select(Handoff.id).limit(1)).first()
            cookies = {c["name"]: c["value"] for c in agents[0].page.context.cookies()}
            queue_bytes = weigh(f"{base}/inbox?view=open", base, cookies)
            conversation_bytes = weigh(f"{base}/inbox/c/{held}", base, cookies)
            clicks = sum(agent.clicks for agent in agents)
    waits, total = _first_replies(database)
    handled = total - _open(database)
    ordered = sorted(waits)
    return {
        "conversations": total,
        "closed": handled,
        "clicks_per_conversation": round(clicks / max(1, handled), 1),
        "first_reply_median_s": round(statistics.median(ordered), 1) if ordered else None,
        "first_reply_p95_s": round(ordered[int(0.95 * (len(ordered) - 1))], 1) if ordered else None,
        "first_reply_max_s": round(ordered[-1], 1) if ordered else None,
        "queue_page_kb": round(queue_bytes / 1024, 1),
        "conversation_page_kb": round(conversation_bytes / 1024, 1),
        "seconds": seconds,
    }


def _open(database: Database) -> int:
    with database.session() as session:
        return len(session.scalars(select(Handoff.id).where(Handoff.state != "closed")).all())


def main(argv: list[str] | None = None) -> int:
    """Run the shift and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--out", type=Path, default=Path("var/bench/inbox_shift.json"))
    args = parser.parse_args(argv)
    reason = missing_reason()
    if reason:
        print(f"inbox shift: skipped ({reason})")
        return 0
    DOCS.mkdir(parents=True, exist_ok=True)
    figures = run(args.count, args.seconds)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print("inbox shift: " + ", ".join(f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
