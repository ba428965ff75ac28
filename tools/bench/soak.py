"""``make soak``: messages keep coming while parts of the service stop and restart.

A steady stream of messages while Rasa, the action server and the database are
stopped and restarted; then a check that nothing was lost or answered twice.

Everything runs on loopback: the action server and Rasa (real model) and the
gateway as separate processes, and the machine's PostgreSQL as the gateway's
database when this user can stop and start it (``pg_ctlcluster``; otherwise
SQLite, and the database fault is skipped with a printed reason). Each
message comes from its own simulated user, from their own address (through a
trusted proxy header, as behind the production reverse proxy), and carries a
message id, so a client retry after a 503 is recognised as the same message. Bounded: ``--count``
messages over ``--seconds`` seconds, then at most ``--drain`` seconds for the
queued answers. Prints ``soak: sent=N answered=N lost=0 duplicated=0``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select, text

from bot.conversation.identity import pseudonym
from bot.storage.models import Message, PendingMessage
from tools.bench.questions import QUESTIONS
from tools.devstack import (
    MODEL,
    ROOT,
    actions_command,
    rasa_command,
    stack_env,
    write_endpoints,
)
from tools.devstack_ports import free_port

PSEUDONYM_KEY = "soak-pseudonym-key"
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass
class Outcome:
    """What the client saw for one message."""

    accepted: bool = False
    answered_now: bool = False
    apology: bool = False
    retries: int = 0
    cursor: int = 0


@dataclass
class Stack:
    """The processes under test."""

    tmp: Path
    env: dict[str, str]
    ports: dict[str, int]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str) -> None:
        """Start one process (actions, rasa or gateway)."""
        commands = {
            "actions": actions_command(self.ports["actions"]),
            "rasa": rasa_command(self.ports["rasa"], self.tmp / "endpoints.yml"),
            "gateway": [
                str(ROOT / ".venv" / "bot" / "bin" / "python"),
                "-m",
                "bot",
                "serve",
                "--port",
                str(self.ports["gateway"]),
            ],
        }
        log = (self.tmp / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            commands[name], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )

    def stop(self, name: str) -> None:
        """Stop one process."""
        process = self.processes.pop(name, None)
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def stop_all(self) -> None:
        """Stop every process."""
        for name in list(self.processes):
            self.stop(name)


def wait_ready(url: str, seconds: float) -> bool:
    """Poll ``url`` until it answers 200."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return False


def postgres_control() -> tuple[list[str], list[str]] | None:
    """Commands that stop and start the local PostgreSQL cluster, when allowed."""
    if os.geteuid() != 0 or not shutil.which("pg_lsclusters"):
        return None
    listing = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
    ).stdout.split()
    if len(listing) < 2:
        return None
    version, cluster = listing[0], listing[1]
    base = ["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster]
    return [*base, "stop", "-m", "fast"], [*base, "start"]


def send(base: str, index: int, deadline: float) -> Outcome:
    """Send one message, retrying (same message id) until accepted or the deadline."""
    outcome = Outcome()
    sender = f"soak-{index}"
    body = {
        "sender": sender,
        "text": QUESTIONS[index % len(QUESTIONS)],
        "message_id": f"{sender}-m1",
    }
    # Each simulated user writes from their own phone: their own address, as the
    # reverse proxy in front of the gateway reports it (the gateway trusts loopback
    # here), so the per-address limit of the local channel is the one people meet.
    headers = {"X-Forwarded-For": f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"}
    while time.monotonic() < deadline:
        try:
            response = httpx.post(f"{base}/api/messages", json=body, headers=headers, timeout=30)
        except httpx.HTTPError:
            response = None
        if response is not None and response.status_code == 200:
            data = response.json()
            outcome.accepted = True
            outcome.cursor = data["cursor"]
            kinds = set(data["kinds"])
            outcome.apology = "apology" in kinds
            outcome.answered_now = bool(kinds - {"apology", "privacy", "emergency"}) or (
                "emergency" in kinds and not outcome.apology
            )
            return outcome
        outcome.retries += 1
        time.sleep(min(2.0, 0.2 * outcome.retries))
    return outcome


def count_turns(database_url: str, count: int) -> tuple[dict[str, int], int]:
    """Per soak user: how many of their messages were processed; and queued rows left."""
    engine = create_engine(database_url)
    ids = {pseudonym(PSEUDONYM_KEY, "local", f"soak-{i}"): i for i in range(count)}
    with engine.connect() as connection:
        rows = connection.execute(
            select(Message.user_id, func.count())
            .where(Message.direction == "in")
            .group_by(Message.user_id)
        ).all()
        pending = connection.execute(select(func.count()).select_from(PendingMessage)).scalar()
    engine.dispose()
    processed = {user_id: n for user_id, n in rows if user_id in ids}
    return {f"soak-{ids[u]}": processed.get(u, 0) for u in ids}, int(pending or 0)


def main(argv: list[str] | None = None) -> int:
    """Run the soak and print the verdict."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--drain", type=float, default=150)
    parser.add_argument("--out", type=Path, default=Path("var/bench/soak.json"))
    args = parser.parse_args(argv)
    if not MODEL.exists():
        print("soak: no trained model (run make train)")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="soak-"))
    ports = {"actions": free_port(), "rasa": free_port(), "gateway": free_port()}
    write_endpoints(tmp, ports["actions"])
    pg = postgres_control()
    schema = "soak_" + uuid.uuid4().hex[:8]
    if pg:
        admin = create_engine(POSTGRES)
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
        admin.dispose()
        database_url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
        print("soak: gateway database on PostgreSQL (it will be stopped and restarted)")
    else:
        database_url = f"sqlite:///{tmp / 'gateway.db'}"
        print("soak: PostgreSQL cannot be stopped by this user: SQLite, no database fault")
    env = stack_env(
        {
            "RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
            # The gateway drains what waited only once the action server is healthy too.
            "ACTION_SERVER_URL": f"http://127.0.0.1:{ports['actions']}/webhook",
            "RASA_TIMEOUT": "5",
            "DATABASE_URL": database_url,
            "VAR_DIR": str(tmp),
            "PSEUDONYM_KEY": PSEUDONYM_KEY,
            "TRUSTED_PROXIES": "127.0.0.1",
        }
    )
    stack = Stack(tmp, env, ports)
    base = f"http://127.0.0.1:{ports['gateway']}"
    events: list[str] = []
    try:
        for name in ("actions", "rasa", "gateway"):
            stack.start(name)
        if not (
            wait_ready(f"http://127.0.0.1:{ports['rasa']}/status", 240)
            and wait_ready(f"{base}/healthz", 60)
        ):
            print("soak: the stack did not start (logs in", tmp, ")")
            return 1
        start = time.monotonic()

        def at(offset: float, label: str, action: object) -> None:
            def run() -> None:
                delay = start + offset - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                events.append(f"{time.monotonic() - start:6.1f}s {label}")
                action()  # type: ignore[operator]

            threading.Thread(target=run, daemon=True).start()

        span = args.seconds
        at(span * 0.12, "stop action server", lambda: stack.stop("actions"))
        at(span * 0.25, "start action server", lambda: stack.start("actions"))
        at(span * 0.38, "stop Rasa", lambda: stack.stop("rasa"))
        at(span * 0.45, "start Rasa", lambda: stack.start("rasa"))
        if pg:
            at(span * 0.70, "stop database", lambda: subprocess.run(pg[0], check=False))
            at(span * 0.80, "start database", lambda: subprocess.run(pg[1], check=False))
        deadline = start + args.seconds + args.drain
        interval = args.seconds / args.count
        with ThreadPoolExecutor(max_workers=16) as pool:
            futures = []
            for i in range(args.count):
                delay = start + i * interval - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                futures.append(pool.submit(send, base, i, deadline))
            outcomes = [f.result() for f in futures]
        # Wait (bounded) until every accepted message is processed.
        while time.monotonic() < deadline:
            turns, pending = count_turns(database_url, args.count)
            if pending == 0 and all(turns.values()):
                break
            time.sleep(2)
        turns, pending = count_turns(database_url, args.count)
    finally:
        stack.stop_all()
        if pg:
            subprocess.run(pg[1], check=False, capture_output=True)
    sent = len(outcomes)
    answered = sum(1 for n in turns.values() if n == 1)
    duplicated = sum(1 for n in turns.values() if n > 1)
    lost = sum(1 for n in turns.values() if n == 0)
    apologies = sum(o.apology for o in outcomes)
    retried = sum(1 for o in outcomes if o.retries)
    result = {
        "sent": sent,
        "answered": answered,
        "lost": lost,
        "duplicated": duplicated,
        "apologies_then_answered": apologies,
        "client_retries_after_503": retried,
        "left_in_queue": pending,
        "events": events,
        "seconds": args.seconds,
        "database": "postgresql" if pg else "sqlite",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    for event in events:
        print("  ", event)
    print(f"apologies (answered later)={apologies} client retries after 503={retried}")
    print(f"soak: sent={sent} answered={answered} lost={lost} duplicated={duplicated}")
    return 0 if lost == 0 and duplicated == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
