"""How many phone screens an answer takes in the web chat, measured in Chromium at 390x844.

The gateway runs on loopback in front of a stand-in for Rasa that answers each
topic's payload (``/residence_card_renewal``…) with the envelope the actions
build from the content files (``common.content.envelopes``), so no trained
model is needed and the figures follow the answer files and the rendering.
For five representative answers and the emergency answer, in each language:
the screens the first message takes, and with every part opened (the buttons
whose payload opens a part of the answer). A screen is the chat's visible
message area (the phone's height less the header and the message box).
Writes ``var/bench/screens.json``, and phone and desktop screenshots (the first
screen too) into ``docs/bench/``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.config import Settings
from bot.web.app import create_app
from common.content.envelopes import answer_envelope, emergency_envelope
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from common.envelope import MENU, MESSAGE, PART_PREFIX, Envelope, envelope
from common.languages import LANGUAGES, known
from tools.browser import DESKTOP, PHONE, chromium
from tools.devstack import serve_app

TOPICS = (
    "residence_card_renewal",
    "regularization_documents",
    "work_permit",
    "health_care",
    "voluntary_return",
    "emergency",
)
# Screenshots committed to docs/bench/: (topic, language, viewport name).
SHOTS = (
    ("residence_card_renewal", "fr", "phone"),
    ("residence_card_renewal", "ar", "phone"),
    ("residence_card_renewal", "fr", "desktop"),
    ("emergency", "fr", "phone"),
    ("emergency", "ar", "phone"),
)
MEASURE = """before => {
  const log = document.getElementById('log');
  const bots = [...log.querySelectorAll('.bot')].slice(before);
  const top = bots[0].getBoundingClientRect().top;
  const bottom = bots[bots.length - 1].getBoundingClientRect().bottom;
  return Math.round((bottom - top) / log.clientHeight * 100) / 100;
}"""


def stand_in_rasa(store: AnswerStore, catalog: TopicCatalog) -> Starlette:
    """Rasa's REST channel answering topic payloads with the content's envelopes."""

    def reply(text: str, language: str) -> Envelope:
        topic = text.lstrip("/")
        if topic == "emergency":
            return emergency_envelope(store, catalog, language)
        built = answer_envelope(store, catalog, topic, language) if topic in TOPICS else None
        if text.startswith("/change_language"):
            return envelope(MENU, language, "Menu")
        return built or envelope(MESSAGE, language, text)

    async def webhook(request: Request) -> JSONResponse:
        body = await request.json()
        text = str(body["message"])
        language = known((body.get("metadata") or {}).get("language"))
        if '"language":"' in text:
            language = known(text.split('"language":"')[1][:2])
        return JSONResponse([{"recipient_id": body["sender"], "custom": reply(text, language)}])

    async def status(request: Request) -> JSONResponse:
        return JSONResponse({"model_file": "stand-in"})

    return Starlette(
        routes=[
            Route("/webhooks/rest/webhook", webhook, methods=["POST"]),
            Route("/status", status),
            Route("/health", status),
        ]
    )


def ask(page: Any, text: str) -> int:
    """Send ``text`` in the chat; return how many bot messages there were before."""
    before = int(page.locator(".bot").count())
    page.fill("#text", text)
    page.click("#send")
    page.wait_for_function("n => document.querySelectorAll('.bot').length > n", arg=before)
    page.wait_for_timeout(150)  # the view moves to the reply right after it is shown
    return before


def open_parts(page: Any, before: int) -> tuple[int, int]:
    """Tap every part button of the reply after message ``before``.

    Returns how many parts were tapped, and how many got no answer within
    10 seconds (a part asked for while a person has the conversation).
    """
    reply = page.locator(".bot").nth(before)
    payloads = reply.locator(".buttons button").evaluate_all(
        "buttons => buttons.map(b => b.dataset.payload || '')"
    )
    tapped = unanswered = 0
    for index, payload in enumerate(payloads):
        if not payload.startswith(PART_PREFIX):
            continue
        count = int(page.locator(".bot").count())
        with page.expect_response(lambda r: r.url.endswith("/api/messages")):
            reply.locator(".buttons button").nth(index).click()
        tapped += 1
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.bot').length > n", arg=count, timeout=10_000
            )
        except PlaywrightTimeout:
            unanswered += 1
    return tapped, unanswered


def measure(browser: Any, url: str, topic: str, language: str, shots: Path) -> dict[str, Any]:
    """Screens of one answer in one language, at phone size (and the screenshots asked for)."""
    result: dict[str, Any] = {}
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        wanted = (topic, language, name) in SHOTS
        if name == "desktop" and not wanted:
            continue
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(url + "/")
        ask(page, f'/change_language{{"language":"{language}"}}')
        before = ask(page, f"/{topic}")
        if wanted:
            page.screenshot(path=str(shots / f"screens-{topic}-{language}-{name}.png"))
        if name == "phone":
            result["first_message"] = page.evaluate(MEASURE, before)
            result["parts"], result["parts_unanswered"] = open_parts(page, before)
            result["all_parts_open"] = page.evaluate(MEASURE, before)
        context.close()
    return result


def first_screen(browser: Any, url: str, shots: Path) -> None:
    """Screenshot of the greeting with its language buttons, at phone size."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(url + "/")
    page.screenshot(path=str(shots / "screens-first-phone.png"))
    context.close()


def main(argv: list[str] | None = None) -> int:
    """Measure every topic of ``TOPICS`` in every language; write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("var/bench/screens.json"))
    parser.add_argument("--shots", type=Path, default=Path("docs/bench"))
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.shots.mkdir(parents=True, exist_ok=True)
    store, catalog = AnswerStore(), TopicCatalog.load()
    var = Path(tempfile.mkdtemp(prefix="bench-screens-"))
    figures: dict[str, dict[str, Any]] = {}
    with serve_app(stand_in_rasa(store, catalog)) as rasa_url:
        settings = Settings(
            database_url=f"sqlite:///{var / 'gateway.db'}",
            rasa_url=rasa_url,
            pseudonym_key="bench",
            address_key=Fernet.generate_key().decode(),
            session_key="bench",
            var_dir=var,
            # One browser opens every conversation from one address.
            rate_limit_per_minute=10_000,
            local_handoffs_per_minute=10_000,
        )
        with serve_app(create_app(settings)) as url, chromium() as browser:
            first_screen(browser, url, args.shots)
            for topic in TOPICS:
                figures[topic] = {
                    language: measure(browser, url, topic, language, args.shots)
                    for language in LANGUAGES
                }
                print(topic, figures[topic], flush=True)
    result = {"viewport": f"{PHONE['width']}x{PHONE['height']}", "topics": figures}
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
