"""Command line of the gateway: ``python -m bot <command>``.

- ``serve``: run the gateway (web chat, local API, channel webhooks).
- ``ready``: print "Ready: open …" once the whole stack answers (``make run``).
- ``shell``: chat in the terminal through the local channel.
- ``staff add|list|disable|enable|reset``: staff accounts of the inbox.
- ``purge``: delete data older than the retention period (also run daily).
- ``telegram-webhook``: register the Telegram webhook.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import sys
import time
import urllib.error
import urllib.request
from typing import Any

DEFAULT_GATEWAY = "http://127.0.0.1:8000"


def serve(args: argparse.Namespace) -> int:
    """Run the gateway with uvicorn."""
    import uvicorn

    from bot.config import Settings
    from bot.logs import configure
    from bot.web.app import create_app
    from bot.web.server import server_config

    settings = Settings.from_env()
    configure(settings.secrets())
    config = server_config(
        create_app(settings),
        args.host,
        args.port,
        access_log=False,
        log_config=None,  # keep the handler configured above (and its redaction)
    )
    uvicorn.Server(config).run()
    return 0


def _post(url: str, payload: dict[str, str], timeout: float = 60.0) -> dict[str, Any]:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data: dict[str, Any] = json.loads(response.read())
        return data


def _wait_ready(base: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=3) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    return False


def ready(args: argparse.Namespace) -> int:
    """Wait until the whole stack answers, say so in one line, then stay (for honcho).

    ``make run`` starts Rasa, the action server and the gateway side by side;
    Rasa loads its model for up to a minute. This process prints the one line
    a newcomer needs, once everything answers, and keeps running: honcho stops
    every process when one of them ends.
    """
    base = args.url.rstrip("/")
    while not _wait_ready(base, 60):
        print("Still starting (Rasa loads its model)…", flush=True)
    print(f"Ready: open {base}/", flush=True)
    signal.pause()
    return 0


def shell(args: argparse.Namespace) -> int:
    """Chat in the terminal; numbers pick menu items, Ctrl-D quits."""
    base = args.url.rstrip("/")
    print(f"Waiting for the assistant at {base} (start it with `make run`)…", flush=True)
    if not _wait_ready(base, args.wait):
        print("The assistant is not running. Start it with `make run` in another terminal.")
        return 1
    sender = "shell-" + secrets.token_hex(4)
    print(f"Connected ({args.channel} preview). Type a message; Ctrl-D to quit.\n")
    buttons: list[dict[str, object]] = []
    while True:
        try:
            text = input("> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if args.channel in ("web", "telegram") and text.strip().isdigit() and buttons:
            index = int(text.strip())
            chosen = next((b for b in buttons if b["number"] == index), None)
            if chosen:
                text = str(chosen["payload"])
        try:
            reply = _post(
                f"{base}/api/messages", {"sender": sender, "text": text, "channel": args.channel}
            )
        except (urllib.error.URLError, OSError) as error:
            print(f"(message not sent: {error})")
            continue
        buttons = []
        for message in reply.get("replies", []):
            print(message["text"])
            for button in message.get("buttons", []):
                buttons.append(button)
                print(f"  [{button['number']}] {button['title']}")
            print()


def telegram_webhook(args: argparse.Namespace) -> int:
    """Register PUBLIC_URL/webhooks/telegram with Telegram, with the secret."""
    import asyncio

    from bot.channels.telegram import WEBHOOK_PATH, set_webhook
    from bot.config import Settings

    settings = Settings.from_env()
    if not (settings.telegram_token and settings.public_url and settings.telegram_webhook_secret):
        print("Set TELEGRAM_TOKEN, PUBLIC_URL (https) and TELEGRAM_WEBHOOK_SECRET first.")
        return 1
    ok = asyncio.run(set_webhook(settings))
    print(f"webhook {'set' if ok else 'NOT set'}: {settings.public_url}{WEBHOOK_PATH}")
    return 0 if ok else 1


def staff_add(args: argparse.Namespace) -> int:
    """Create a staff account (the password is asked, or read from stdin)."""
    import getpass

    from bot.config import Settings
    from bot.staff.accounts import AccountError, add_staff
    from bot.storage.database import Database

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        print("The password needs 10 characters or more; a few words you remember are best.")
        password = getpass.getpass("Password: ")
        if len(password) < 10:
            print("Too short: 10 characters or more.")
            return 1
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ.")
            return 1
    database = Database(Settings.from_env().database_url)
    try:
        staff = add_staff(database, args.username, password, args.role, args.name, args.language)
    except AccountError as error:
        print(f"Not created: {error}.")
        return 1
    print(f"Created {staff.username} ({staff.role}). Sign in at /inbox/login.")
    return 0


def staff_manage(args: argparse.Namespace) -> int:
    """List accounts, or disable, enable or reset one (a one-time password is printed)."""
    from bot.config import Settings
    from bot.staff.accounts import (
        AccountError,
        find_staff,
        list_staff,
        new_password,
        update_account,
    )
    from bot.storage.database import Database

    database = Database(Settings.from_env().database_url)
    if args.staff_command == "list":
        for staff in list_staff(database):
            state = "active" if staff.active else "disabled"
            print(f"{staff.username}\t{staff.display_name}\t{staff.role}\t{state}")
        return 0
    found = find_staff(database, args.username)
    if found is None:
        print(f"No account {args.username!r}.")
        return 1
    password = new_password()
    try:
        if args.staff_command == "reset":
            update_account(database, found.id, password=password)
        else:
            update_account(database, found.id, active=args.staff_command == "enable")
    except AccountError as error:
        print(f"Not changed: {error}.")
        return 1
    if args.staff_command == "reset":
        print(f"One-time password for {found.username}: {password} (their sessions ended).")
    else:
        print(f"{found.username}: {args.staff_command}d.")
    return 0


def purge_command(args: argparse.Namespace) -> int:
    """Delete what is older than the retention period, in every store."""
    import asyncio

    from bot.config import Settings
    from bot.conversation.privacy import purge_once
    from bot.logs import configure
    from bot.storage.database import Database

    settings = Settings.from_env()
    configure(settings.secrets())
    days = args.days or settings.retention_days
    database = Database(settings.database_url)
    users, messages = asyncio.run(
        purge_once(database, settings.rasa_url, days, settings.rasa_timeout, settings.rasa_token)
    )
    print(f"purge ({days} days): {users} inactive users erased, {messages} old messages deleted")
    return 0


def endpoints_command(args: argparse.Namespace) -> int:
    """Write Rasa's endpoints file for the deployment profile (PROFILE)."""
    from pathlib import Path

    from bot.deploy_profiles import dump, endpoints

    profile = args.profile or os.environ.get("PROFILE", "embedded")
    try:
        text = dump(endpoints(profile))
    except ValueError as error:
        print(f"endpoints not written: {error}")
        return 1
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"{args.out} written for the {profile} profile")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the command."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("serve", help="run the gateway")
    p.add_argument("--host", default=os.environ.get("GATEWAY_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("GATEWAY_PORT", "8000")))
    p.set_defaults(func=serve)

    p = commands.add_parser("ready", help="print one line when the whole stack answers")
    p.add_argument("--url", default=os.environ.get("GATEWAY_URL", DEFAULT_GATEWAY))
    p.set_defaults(func=ready)

    p = commands.add_parser("shell", help="chat in the terminal")
    p.add_argument("--url", default=os.environ.get("GATEWAY_URL", DEFAULT_GATEWAY))
    p.add_argument("--channel", default="web", choices=["web", "telegram", "whatsapp", "sms"])
    p.add_argument("--wait", type=float, default=5.0, help="seconds to wait for the assistant")
    p.set_defaults(func=shell)

    staff = commands.add_parser("staff", help="staff accounts").add_subparsers(
        dest="staff_command", required=True
    )
    p = staff.add_parser("add", help="create a staff account")
    p.add_argument("username")
    p.add_argument("--role", choices=["agent", "editor", "admin"], default="agent")
    p.add_argument("--name", default="", help="name shown to colleagues")
    p.add_argument("--language", choices=["fr", "ar", "en"], default="fr", help="inbox language")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    p.set_defaults(func=staff_add)
    staff.add_parser("list", help="list the accounts").set_defaults(func=staff_manage)
    for action in ("disable", "enable", "reset"):
        p = staff.add_parser(action, help=f"{action} an account")
        p.add_argument("username")
        p.set_defaults(func=staff_manage)

    p = commands.add_parser("purge", help="delete data older than the retention period")
    p.add_argument("--days", type=int, default=0, help="default: RETENTION_DAYS (90)")
    p.set_defaults(func=purge_command)

    p = commands.add_parser("endpoints", help="write Rasa's endpoints file for PROFILE")
    p.add_argument("--profile", choices=["embedded", "production"], default="")
    p.add_argument("--out", default="var/endpoints.yml")
    p.set_defaults(func=endpoints_command)

    p = commands.add_parser("telegram-webhook", help="register the Telegram webhook")
    p.set_defaults(func=telegram_webhook)

    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
