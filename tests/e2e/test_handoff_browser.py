"""Hand-off in two real browsers: a user in the web chat, a staff member in the inbox."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from tests.e2e.conftest import csp_violations

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

PASSWORD = "staff-password-1"


@pytest.fixture(scope="module")
def staff_account(stack_settings: Settings) -> str:
    add_staff(Database(stack_settings.database_url), "awa", PASSWORD, "agent", "Awa")
    return "awa"


def test_user_asks_for_a_person_staff_answers_then_gives_back(
    browser: object, gateway_url: str, staff_account: str
) -> None:
    staff_context = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    staff = staff_context.new_page()
    staff_blocked = csp_violations(staff)
    staff.goto(gateway_url + "/inbox")
    expect(staff).to_have_url(gateway_url + "/inbox/login")
    staff.fill("input[name=username]", staff_account)
    staff.fill("input[name=password]", PASSWORD)
    staff.click("button[type=submit]")
    expect(staff.locator("h1")).to_be_visible()
    before = set(staff.locator("#queue li").evaluate_all("els => els.map(e => e.dataset.id)"))

    user_context = browser.new_context(viewport={"width": 390, "height": 800})  # type: ignore[attr-defined]
    user = user_context.new_page()
    user_blocked = csp_violations(user)
    user.goto(gateway_url + "/")
    user.fill("#text", "je veux parler à une personne de l'association")
    user.click("#send")
    expect(user.locator(".bot").first).to_contain_text("BOT", timeout=30_000)

    # The waiting conversation appears in the open inbox without a reload.
    staff.wait_for_function(
        "known => [...document.querySelectorAll('#queue li')]"
        ".some(li => !known.includes(li.dataset.id))",
        arg=sorted(before),
        timeout=10_000,
    )
    new_id = next(
        i
        for i in staff.locator("#queue li").evaluate_all("els => els.map(e => e.dataset.id)")
        if i not in before
    )
    staff.locator(f'#queue li[data-id="{new_id}"] a').click()
    expect(staff.locator("#transcript")).to_contain_text("je veux parler")
    staff.click("#claim")
    staff.fill("#reply-text", "Bonjour, ici Awa de l'association. Je vous écoute.")
    staff.click("#send-reply")

    expect(user.locator(".staff")).to_contain_text("ici Awa", timeout=10_000)

    # The user answers; the staff page shows it live.
    user.fill("#text", "merci, j'ai une question sur ma carte")
    user.click("#send")
    expect(staff.locator("#transcript")).to_contain_text("question sur ma carte", timeout=10_000)

    before = user.locator(".bot").count()
    staff.click("#close")
    # The closing notice: from the assistant, not signed by a person.
    expect(user.locator(".bot")).to_have_count(before + 1, timeout=10_000)
    expect(user.locator(".staff")).to_have_count(1)
    expect(user.locator(".staff .by")).to_contain_text("Awa")
    before = user.locator(".bot").count()
    user.fill("#text", "je veux demander l'asile")
    user.click("#send")
    expect(user.locator(".bot")).to_have_count(before + 1, timeout=30_000)
    # Every script and style of both pages works under the gateway's CSP.
    assert staff_blocked == [] and user_blocked == []
    staff_context.close()
    user_context.close()
