"""Speed and memory of the running assistant, and how they grow with stored conversations.

Starts the real processes on loopback (action server, Rasa with the trained
model, the gateway), then:

- end-to-end latency of one message through the gateway's local channel, Rasa
  and the action server, at 1, 10 and 50 concurrent conversations (each a
  simulated user sending its next message as soon as the answer arrived: the
  saturation case), with p50/p95/p99 and the messages per second sustained;
- the same at 10 and 50 conversations of users who read and type between
  messages (a pause of 2 to 6 s, seeded), the load people really make;
- NLU parse time alone (Rasa's ``/model/parse``);
- CPU time per message of each process (and of the load generator), which is
  what a message costs and shows which process limits the throughput;
- resident memory of each process;
- the same latency at one conversation, and the gateway's memory and database
  size, with 1k, 10k and 100k conversations already stored.

Bounded request counts and a time limit per step; loopback only. Writes JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, insert

from bot.conversation.identity import AddressBox
from bot.storage.database import Database
from bot.storage.models import Message, User
from tools.bench.questions import QUESTIONS
from tools.bench.soak import Stack, wait_ready
from tools.devstack import stack_env, write_endpoints
from tools.devstack_ports import free_port

PAUSE = (2.0, 6.0)


def percentile(values: list[float], share: float) -> float:
    """The value under which ``share`` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (from /proc), in seconds."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return 0.0
    # Fields after the command name (which may hold spaces): utime and stime
    # are the 12th and 13th.
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (from /proc)."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for one in pids:
        status = Path(f"/proc/{one}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
    return round(total, 1)


async def conversation(
    client: httpx.AsyncClient,
    base: str,
    messages: int,
    latencies: list[float],
    pause: tuple[float, float] | None,
    rng: random.Random,
) -> None:
    """One simulated user sending ``messages`` messages, each after the previous answer.

    With ``pause`` the user waits a random time in that range (seconds) before
    each message, as someone reading the answer and typing the next question.
    """
    sender = "bench-" + uuid.uuid4().hex[:10]
    for i in range(messages):
        if pause:
            await asyncio.sleep(rng.uniform(*pause))
        start = time.perf_counter()
        response = await client.post(
            f"{base}/api/messages", json={"sender": sender, "text": QUESTIONS[i % len(QUESTIONS)]}
        )
        response.raise_for_status()
        latencies.append(time.perf_counter() - start)


async def load(
    base: str,
    concurrency: int,
    messages: int,
    limit: float,
    pause: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """Latency figures for ``concurrency`` simultaneous conversations."""
    latencies: list[float] = []
    rng = random.Random(concurrency)
    limits = httpx.Limits(max_connections=concurrency + 5)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        start = time.perf_counter()
        await asyncio.wait_for(
            asyncio.gather(
                *(
                    conversation(client, base, messages, latencies, pause, rng)
                    for _ in range(concurrency)
                )
            ),
            timeout=limit,
        )
        wall = time.perf_counter() - start
    return {
        "concurrency": concurrency,
        "pause_s": list(pause) if pause else None,
        "requests": len(latencies),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "messages_per_second": round(len(latencies) / wall, 1),
    }


def parse_times(rasa: str, count: int = 100) -> dict[str, float]:
    """Rasa's NLU alone, over HTTP."""
    times = []
    with httpx.Client(timeout=30) as client:
        for i in range(count):
            start = time.perf_counter()
            client.post(f"{rasa}/model/parse", json={"text": QUESTIONS[i % len(QUESTIONS)]})
            times.append(time.perf_counter() - start)
    return {
        "p50_ms": round(statistics.median(times) * 1000, 1),
        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
    }


def fill(database_url: str, conversations: int, address_key: str) -> None:
    """Store ``conversations`` past conversations (a user and 4 messages each)."""
    Database(database_url)  # creates the schema
    engine = create_engine(database_url)
    box = AddressBox(address_key)
    sealed = box.seal("+99900000000")
    batch = 5000
    with engine.begin() as connection:
        for first in range(0, conversations, batch):
            ids = [f"{n:032x}" for n in range(first, min(conversations, first + batch))]
            connection.execute(
                insert(User),
                [
                    {"id": i, "channel": "sms", "address_sealed": sealed, "language": "fr"}
                    for i in ids
                ],
            )
            rows = []
            for i in ids:
                for k, (direction, author) in enumerate([("in", "user"), ("out", "bot")] * 2):
                    rows.append(
                        {
                            "user_id": i,
                            "direction": direction,
                            "author": author,
                            "kind": "text",
                            "text": QUESTIONS[k % len(QUESTIONS)],
                        }
                    )
            connection.execute(insert(Message), rows)
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("var/bench/latency.json"))
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    ports = {"actions": free_port(), "rasa": free_port(), "gateway": free_port()}
    write_endpoints(tmp, ports["actions"])
    from cryptography.fernet import Fernet

    address_key = Fernet.generate_key().decode()
    env = stack_env(
        {
            "RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
            "RASA_TIMEOUT": "30",
            "VAR_DIR": str(tmp),
            "ADDRESS_KEY": address_key,
            "PSEUDONYM_KEY": "bench",
            # The per-sender limit (20 a minute) would answer most of a simulated
            # user's messages with the polite refusal, without asking Rasa.
            "RATE_LIMIT_PER_MINUTE": "100000",
            "SESSION_KEY": "bench",
            "DATABASE_URL": f"sqlite:///{tmp / 'gateway.db'}",
        }
    )
    stack = Stack(tmp, env, ports)
    base = f"http://127.0.0.1:{ports['gateway']}"
    rasa = f"http://127.0.0.1:{ports['rasa']}"
    result: dict[str, object] = {}
    try:
        for name in ("actions", "rasa", "gateway"):
            stack.start(name)
        if not (wait_ready(f"{rasa}/status", 240) and wait_ready(f"{base}/healthz", 60)):
            print("bench: the stack did not start")
            return 1
        asyncio.run(load(base, 2, 3, 120))  # warm-up
        levels = []
        for concurrency, messages in ((1, 40), (10, 20), (50, 4)):
            pids = {name: p.pid for name, p in stack.processes.items()}
            before = {name: cpu_seconds(pid) for name, pid in pids.items()}
            own = time.process_time()
            figures = asyncio.run(load(base, concurrency, messages, 300))
            spent = {name: cpu_seconds(pid) - before[name] for name, pid in pids.items()}
            spent["load generator"] = time.process_time() - own
            figures["cpu_ms_per_message"] = {
                name: round(seconds * 1000 / figures["requests"], 1)
                for name, seconds in spent.items()
            }
            levels.append(figures)
            print(f"concurrency {concurrency:3}: {figures}")
        result["latency"] = levels
        paced = []
        for concurrency, messages in ((10, 8), (50, 4)):
            figures = asyncio.run(load(base, concurrency, messages, 300, pause=PAUSE))
            paced.append(figures)
            print(f"paced {concurrency:3}: {figures}")
        result["latency_paced"] = paced
        result["nlu_parse"] = parse_times(rasa)
        result["memory_mb"] = {name: rss_mb(p.pid) for name, p in stack.processes.items()}
        print("nlu parse:", result["nlu_parse"], "memory:", result["memory_mb"])
        growth = []
        for size in (int(s) for s in args.sizes.split(",") if s):
            stack.stop("gateway")
            db = tmp / f"stored-{size}.db"
            start = time.perf_counter()
            fill(f"sqlite:///{db}", size, address_key)
            filled = time.perf_counter() - start
            stack.env["DATABASE_URL"] = f"sqlite:///{db}"
            stack.start("gateway")
            wait_ready(f"{base}/healthz", 60)
            figures = asyncio.run(load(base, 1, 30, 300))
            growth.append(
                {
                    "stored_conversations": size,
                    "p50_ms": figures["p50_ms"],
                    "p95_ms": figures["p95_ms"],
                    "gateway_memory_mb": rss_mb(stack.processes["gateway"].pid),
                    "database_mb": round(db.stat().st_size / 1e6, 1),
                    "fill_seconds": round(filled, 1),
                }
            )
            print("stored", growth[-1])
        result["growth"] = growth
    finally:
        stack.stop_all()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
