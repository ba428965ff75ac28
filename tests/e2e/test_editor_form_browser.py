"""Issue #18, points 1, 2 and 6 in Chromium, in French and in Arabic, at phone size.

1. every field is a form field: places and sources added, moved and removed, each
   error next to its field in the editor's language;
2. the preview is what users get on each channel (the gateway's own renderer of the
   action server's envelope), with the parts on request and the SMS segments;
6. a save changes only the lines it must: comments, order and layout kept.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import pytest

from bot.replies.rendering import CHANNELS, render
from common.content.envelopes import answer_envelope
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from tests.e2e.conftest import csp_violations
from tests.e2e.editor_site import PHONE, Site, answer, shoot, signed_in

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
ARABIC = re.compile("[\u0600-\u06ff]")


def fits_the_phone(page: Any) -> None:
    """Nothing sticks out sideways at phone width (no sideways scrolling to reach a field)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_fr_empty_fields_shown_next_to_them_then_a_place_removed_and_a_source_moved(
    browser: Any, site: Site
) -> None:
    before = answer(site, "asylum")
    assert len(before["fr"]["where"]) >= 2 and len(before["sources"]) >= 2
    page = signed_in(browser, site, "fatou", PHONE)
    page.goto(site.url + "/inbox/editor/asylum/fr")
    fits_the_phone(page)
    expect(page.locator("#preview-problems")).to_be_hidden()
    page.fill('input[name="title"]', "")
    expect(page.locator("#preview-problems")).to_be_visible()  # live, before saving
    page.locator('input[name="where-0-name"]').fill("")
    page.click("#save")
    title_error = page.locator('.field-error[data-for="title"]')
    expect(title_error).to_contain_text("Ce champ doit être rempli")
    expect(page.locator('.field-error[data-for="where-0-name"]')).to_contain_text("Retirer")
    expect(page.locator("#errors")).to_contain_text("Titre · Ce champ doit être rempli")
    expect(page.locator("#errors")).to_contain_text("Où aller · Ce champ doit être rempli")
    shoot(page, "empty-field-fr-phone", at=title_error)
    fits_the_phone(page)
    assert answer(site, "asylum") == before  # refused: nothing written
    page.fill('input[name="title"]', before["fr"]["title"])
    page.locator("#places > fieldset.entry").first.locator("button[data-remove]").click()
    first_source = page.locator("#sources > [data-entry]").first
    first_source.locator("summary").click()
    if before["sources"][0]["published"] == "unknown":  # shown in French, saved as before
        expect(first_source.locator('[data-key="published"]')).to_have_value("inconnue")
    first_source.locator("button[data-move='1']").click()
    page.click("#save")
    expect(page.locator("#saved")).to_contain_text("en ligne")
    after = answer(site, "asylum")
    assert after["fr"]["where"] == before["fr"]["where"][1:]
    assert after["sources"] == [before["sources"][1], before["sources"][0], *before["sources"][2:]]
    assert after["ar"]["where"] == before["ar"]["where"]  # places are per language
    expect(page.locator("#sources > [data-entry] summary").first).to_contain_text(
        before["sources"][1]["title"]
    )
    page.close()


def test_ar_a_place_added_with_a_local_number_refused_in_arabic_then_removed(
    browser: Any, site: Site
) -> None:
    before = answer(site, "voluntary_return")
    count = len(before["ar"].get("where") or [])
    page = signed_in(browser, site, "nadia", PHONE)
    blocked = csp_violations(page)
    page.goto(site.url + "/inbox/editor/voluntary_return/ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.click("#add-place")
    added = page.locator("#places > fieldset.entry").last
    added.locator('[data-key="name"]').fill("مكتب المنظمة الدولية للهجرة")
    added.locator('[data-key="phone"]').fill("0537 65 28 81")
    page.click("#save")
    error = page.locator(f'.field-error[data-for="where-{count}-phone"]')
    expect(error).to_contain_text("+212")
    assert ARABIC.search(error.inner_text())  # in the editor's language
    fits_the_phone(page)
    assert answer(site, "voluntary_return") == before
    page.locator("#places > fieldset.entry").last.locator("button[data-remove]").click()
    last_source = page.locator("#sources > [data-entry]").last
    last_source.locator("summary").click()
    last_source.locator("button[data-move='-1']").click()
    page.click("#save")
    expect(page.locator("#saved")).to_be_visible()
    assert ARABIC.search(page.locator("#saved").inner_text())
    after = answer(site, "voluntary_return")
    assert (after["ar"].get("where") or []) == (before["ar"].get("where") or [])
    assert after["sources"] == [*before["sources"][:-2], *before["sources"][:-3:-1]]
    assert blocked == []
    page.close()


def served(site: Site, topic: str, language: str, channel: str) -> list[str]:
    """What a user gets: the action server's envelope, as the gateway renders it."""
    built = answer_envelope(
        AnswerStore(site.content / "answers"), TopicCatalog.load(), topic, language
    )
    assert built is not None
    rendered = render(built, channel)
    return [m.text for m in rendered.messages] + list(rendered.pages)


@pytest.mark.parametrize(("who", "language"), [("fatou", "fr"), ("nadia", "ar")])
def test_the_preview_is_what_users_get_on_every_channel(
    browser: Any, site: Site, who: str, language: str
) -> None:
    data = answer(site, "health_care")
    page = signed_in(browser, site, who, PHONE)
    page.goto(site.url + f"/inbox/editor/health_care/{language}")
    for channel in CHANNELS:
        bubbles = page.locator(f'.channel[data-channel="{channel}"] .bubble p.pre')
        assert bubbles.all_text_contents() == served(site, "health_care", language, channel)
    sms = page.locator('.channel[data-channel="sms"] .bubble')
    for i in range(sms.count()):  # a segment count under each SMS
        expect(sms.nth(i).locator(".meta")).to_contain_text(re.compile(r"\b[1-9]\b"))
    parts = page.locator("#parts-preview")
    expect(parts).to_contain_text(data["sources"][0]["title"])
    phones = [p["phone"] for p in data[language].get("where") or [] if p.get("phone")]
    assert phones and all(p in (parts.text_content() or "") for p in phones)
    # the review date line (the answer's status and date) is in the first message
    expect(page.locator('.channel[data-channel="web"] .bubble').first).to_contain_text(
        re.compile(r"\d\d/\d\d/\d{4}")
    )
    for name in ("title", "core", "sms", "steps", "documents", "details"):
        expect(page.locator(f'.counter[data-for="{name}"]')).to_have_text(
            re.compile(r"^\d+ / \d+$")
        )
    if language == "fr":  # for the guides
        shoot(page, "preview-fr-phone", at=page.locator("#previews"))
    page.fill('textarea[name="core"]', data[language]["core"] + " XYZ-preview-live")
    for channel in ("web", "telegram", "whatsapp"):
        expect(page.locator(f'.channel[data-channel="{channel}"] .bubble').first).to_contain_text(
            "XYZ-preview-live"
        )
    page.close()


def outside(block_lines: list[str], language: str) -> list[str]:
    """The lines of an answer file that are not in ``language``'s block."""
    kept, inside = [], False
    for line in block_lines:
        if line and not line.startswith((" ", "#")):
            inside = line.startswith(f"{language}:")
        if not inside:
            kept.append(line)
    return kept


@pytest.mark.parametrize(("who", "language"), [("fatou", "fr"), ("nadia", "ar")])
def test_a_save_changes_only_its_own_lines_and_keeps_the_comments(
    browser: Any, site: Site, who: str, language: str
) -> None:
    path = site.content / "answers" / "worker_rights.yml"
    text = path.read_text(encoding="utf-8")
    text = "# Checked with the labour inspectorate's leaflet.\n" + text
    text = text.replace("\nsources:\n", "\n# Keep the law first.\nsources:\n", 1)
    text = re.sub(rf"(\n{language}:\n)", r"\1  # Read aloud by the team before publishing.\n", text)
    path.write_text(text, encoding="utf-8")
    page = signed_in(browser, site, who, PHONE)
    page.goto(site.url + f"/inbox/editor/worker_rights/{language}")
    title = page.locator('input[name="title"]')
    title.fill(title.input_value() + " (2)")
    page.click("#save")
    expect(page.locator("#saved")).to_be_visible()
    after = path.read_text(encoding="utf-8")
    assert "&id0" not in after and "*id0" not in after
    before_lines, after_lines = text.splitlines(), after.splitlines()
    assert outside(after_lines, language) == outside(before_lines, language)
    changed = [
        line[2:]
        for line in difflib.ndiff(before_lines, after_lines)
        if line.startswith(("- ", "+ "))
    ]
    keys = {line.strip().split(":")[0].lstrip("- ") for line in changed}
    # the title, and what a save sets beside it (the French's date followed, the status)
    allowed = {"title", "status", "updated", "translated_from", "reviewed", "by", "on"}
    assert "title" in keys and keys <= allowed
    assert "  # Read aloud by the team before publishing." in after_lines
    page.close()


def test_fr_an_audio_answer_attached_from_the_page(browser: Any, site: Site) -> None:
    page = signed_in(browser, site, "fatou", PHONE)
    page.goto(site.url + "/inbox/editor/regularization_where/fr")
    expect(page.locator("#audio-current")).to_have_count(0)
    page.set_input_files(
        '#audio-form input[name="audio"]',
        files=[{"name": "ou-aller.ogg", "mimeType": "audio/ogg", "buffer": b"OggS-answer"}],
    )
    page.click("#audio-form button[type=submit]")
    expect(page.locator("#saved")).to_contain_text("en ligne")
    player = page.locator("#audio-current audio")
    expect(player).to_have_attribute("src", "/content-audio/regularization_where-fr.ogg")
    shoot(page, "audio-fr", at=page.locator("#audio-form"))
    assert answer(site, "regularization_where")["fr"]["audio"] == (
        "audio/regularization_where-fr.ogg"
    )
    assert (site.content / "audio" / "regularization_where-fr.ogg").read_bytes() == b"OggS-answer"
    page.close()
