"""Start the real Rasa and action server for end-to-end tests and benchmarks.

Rasa and the action server run as subprocesses from ``.venv/rasa`` on free
loopback ports, with the tracker store of the embedded profile (Rasa's SQL
store on SQLite, as ``make run``); the gateway runs in this process. Loading
the model takes up to a minute, so one stack serves a whole test session or
benchmark run.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bot.deploy_profiles import dump
from bot.deploy_profiles import endpoints as profile_endpoints
from tools.devstack_ports import free_port

ROOT = Path(__file__).resolve().parents[1]
RASA = ROOT / ".venv" / "rasa" / "bin" / "rasa"
RASA_PYTHON = ROOT / ".venv" / "rasa" / "bin" / "python"
MODEL = ROOT / "models" / "assistant.tar.gz"


def missing_reason() -> str | None:
    """Why the stack cannot start here, or None."""
    if not RASA.exists():
        return "the Rasa environment is missing (run `make setup`)"
    if not MODEL.exists():
        return "no trained model (run `make train`)"
    return None


def stack_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the Rasa-side processes."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONWARNINGS": "ignore",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        **(extra or {}),
    }


def actions_command(port: int) -> list[str]:
    """The command of the action server on ``port``."""
    return [str(RASA), "run", "actions", "--actions", "actions", "--port", str(port), "--quiet"]


def rasa_command(port: int, endpoints: Path) -> list[str]:
    """The command of a Rasa server with the trained model, API on loopback.

    Started through ``rasa_server`` (Rasa's command line with the speed fix).
    """
    return [
        str(RASA_PYTHON),
        "-m",
        "rasa_server",
        "run",
        "--enable-api",
        "-i",
        "127.0.0.1",
        "--port",
        str(port),
        "--model",
        str(MODEL),
        "--endpoints",
        str(endpoints),
        "--quiet",
    ]


def write_endpoints(tmp: Path, actions_port: int) -> Path:
    """Rasa's endpoints as ``make run`` has them: the action server on loopback, SQLite store."""
    config = profile_endpoints(
        "embedded",
        {
            "ACTION_SERVER_URL": f"http://127.0.0.1:{actions_port}/webhook",
            "RASA_TRACKER_DB": str(tmp / "rasa-tracker.db"),
        },
    )
    path = tmp / "endpoints.yml"
    path.write_text(dump(config), encoding="utf-8")
    return path


def wait_ready(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    """Wait until ``url`` answers 200; fail if ``process`` exits or ``seconds`` pass first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"a process needed by {url} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready after {seconds} s")


Start = Callable[[list[str], dict[str, str]], subprocess.Popen[bytes]]


@contextmanager
def launcher(log: Path) -> Iterator[Start]:
    """Yield ``start(command, env)``, which runs a process from the checkout.

    Every process writes to ``log``; all are stopped on leaving (the last
    started first), killed if they do not stop within 20 seconds.
    """
    started: list[subprocess.Popen[bytes]] = []
    with log.open("wb") as output:

        def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )
            started.append(process)
            return process

        try:
            yield start
        finally:
            for process in reversed(started):
                process.terminate()
            for process in reversed(started):
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


@contextmanager
def serve_app(app: object, port: int | None = None) -> Iterator[str]:
    """Serve an ASGI app on 127.0.0.1 in a background thread; yield its base URL."""
    import threading

    import uvicorn

    from bot.web.server import server_config

    port = port or free_port()
    server = uvicorn.Server(server_config(app, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30  # start-up runs the migrations; the machine may be busy
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def rasa_stack(tmp: Path, env_extra: dict[str, str] | None = None) -> Iterator[str]:
    """Start the action server and Rasa; yield Rasa's URL.

    Rasa keeps conversations as ``make run`` does: its SQL tracker store on
    SQLite, in ``tmp / "rasa-tracker.db"``. ``env_extra`` is added to both
    processes' environment (e.g. CONTENT_DIR).
    """
    rasa_port, actions_port = free_port(), free_port()
    endpoints = write_endpoints(tmp, actions_port)
    env = stack_env(env_extra)
    with launcher(tmp / "stack.log") as start:
        actions = start(actions_command(actions_port), env)
        rasa = start(rasa_command(rasa_port, endpoints), env)
        wait_ready(f"http://127.0.0.1:{actions_port}/health", actions, 120)
        wait_ready(f"http://127.0.0.1:{rasa_port}/status", rasa, 240)
        yield f"http://127.0.0.1:{rasa_port}"


@contextmanager
def replica_stack(tmp: Path, endpoints_yaml: str, replicas: int = 2) -> Iterator[list[str]]:
    """One action server and several Rasa servers sharing ``endpoints_yaml``'s stores.

    The endpoints text may use ``{actions_port}``; yields the Rasa URLs.
    """
    actions_port = free_port()
    ports = [free_port() for _ in range(replicas)]
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(
        endpoints_yaml.replace("{actions_port}", str(actions_port)), encoding="utf-8"
    )
    env = stack_env()
    with launcher(tmp / "replicas.log") as start:
        actions = start(actions_command(actions_port), env)
        servers = [start(rasa_command(port, endpoints), env) for port in ports]
        wait_ready(f"http://127.0.0.1:{actions_port}/health", actions, 120)
        for port, server in zip(ports, servers, strict=True):
            wait_ready(f"http://127.0.0.1:{port}/status", server, 300)
        yield [f"http://127.0.0.1:{port}" for port in ports]
