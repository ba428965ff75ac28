"""How long from a user's "I want a person" to the conversation showing in the inbox.

Starts the real stack on loopback (Rasa with the trained model, the action
server, the gateway), signs a staff member in, keeps an inbox event stream
open as the inbox page does, then sends N requests for a person from new web
chat users, one after the other. For each, the time runs from sending the
message to the moment the inbox has the new conversation in its queue (the
server-sent event arrived and ``/inbox/queue.json`` lists it, which is what the
page does). Prints the median, p95 and maximum, and writes them as JSON.

    .venv/bot/bin/python -m tools.bench.handoff_latency --count 30
"""

from __future__ import annotations

import argparse
import json
import platform
import queue
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

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.web.app import create_app
from tools.devstack import missing_reason, rasa_stack, serve_app

PASSWORD = "benchmark-password"


def _listen(
    client: httpx.Client, base: str, events: queue.Queue[dict[str, Any]], stop: threading.Event
) -> None:
    with client.stream("GET", f"{base}/inbox/events", timeout=None) as response:
        for line in response.iter_lines():
            if stop.is_set():
                return
            if line.startswith("data: "):
                events.put(json.loads(line[6:]))


def _login(client: httpx.Client, base: str) -> None:
    page = client.get(f"{base}/inbox/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    client.post(
        f"{base}/inbox/login",
        data={"username": "bench", "password": PASSWORD, "csrf_token": token.group(1)},
    )


def measure(base: str, count: int) -> list[float]:
    """Seconds from each request for a person to its appearance in the inbox."""
    staff = httpx.Client()
    _login(staff, base)
    events: queue.Queue[dict[str, Any]] = queue.Queue()
    stop = threading.Event()
    listener = threading.Thread(target=_listen, args=(staff, base, events, stop), daemon=True)
    listener.start()
    time.sleep(0.5)
    users = httpx.Client(timeout=60)
    timings = []
    for _ in range(count):
        sender = "bench-" + uuid.uuid4().hex[:8]
        start = time.perf_counter()
        users.post(
            f"{base}/api/messages",
            json={"sender": sender, "text": "je veux parler à une personne de l'association"},
        )
        while True:
            event = events.get(timeout=30)
            if event.get("type") == "queue":
                queued = staff.get(f"{base}/inbox/queue.json").json()
                if any(item["id"] == event["handoff_id"] for item in queued):
                    break
        timings.append(time.perf_counter() - start)
    stop.set()
    return timings


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=30)
    parser.add_argument("--out", type=Path, default=Path("var/bench/handoff_latency.json"))
    args = parser.parse_args(argv)
    reason = missing_reason()
    if reason:
        print(f"cannot run: {reason}")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="bench-handoff-"))
    with rasa_stack(tmp) as rasa_url:
        settings = Settings(
            database_url=f"sqlite:///{tmp / 'gateway.db'}",
            rasa_url=rasa_url,
            pseudonym_key="bench",
            address_key=Fernet.generate_key().decode(),
            session_key="bench",
            rasa_timeout=30,
            var_dir=tmp,
            office_hours="mon-sun 00:00-23:59",
            # The anonymous web chat's cap on new hand-offs (20 a minute, against
            # flooding the inbox) would refuse the 21st request: this measures
            # the time a hand-off takes, not the cap.
            local_handoffs_per_minute=max(20, args.count),
        )
        app = create_app(settings)
        with serve_app(app) as base:
            add_staff(Database(settings.database_url), "bench", PASSWORD, "agent")
            timings = measure(base, args.count)
    ordered = sorted(timings)
    result = {
        "count": len(timings),
        "median_s": round(statistics.median(ordered), 4),
        "p95_s": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 4),
        "max_s": round(ordered[-1], 4),
        "machine": f"{platform.machine()}, {platform.system()} {platform.release()}, "
        f"{__import__('os').cpu_count()} cores, Python {platform.python_version()}",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(
        f"handoff latency over {result['count']} requests: median {result['median_s']} s, "
        f"p95 {result['p95_s']} s, max {result['max_s']} s ({result['machine']})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
