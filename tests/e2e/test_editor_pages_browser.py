r"""What an editor does on the page alone, in Chromium, in French and in Arabic (issue #18).

The gateway runs on loopback with a copy of the content; Rasa is not needed.
Each test takes the screenshots of the editors' guides (docs/img/editor-*.png with
SCREENSHOTS=docs, ``make screenshots``; a temporary folder otherwise).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.editor import history
from common.content.answers import review_date
from common.content.store import AnswerStore
from tests.bot.editor.report_rows import add_unanswered
from tests.e2e.conftest import csp_violations
from tests.e2e.editor_site import PHONE, Site, answer, save_draft, shoot, signed_in

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


def test_fix_a_wrong_phone_number_in_a_place(browser: Any, site: Site) -> None:
    path = site.content / "answers" / "asylum.yml"
    path.write_text("# Checked against UNHCR Morocco's pages.\n" + path.read_text(encoding="utf-8"))
    page = signed_in(browser, site, "fatou")
    blocked = csp_violations(page)
    page.goto(site.url + "/inbox/editor/asylum/fr")
    phone = page.locator('input[name="where-0-phone"]')
    phone.fill("05 37 54 54 00")
    page.click("#save")
    error = page.locator('.field-error[data-for="where-0-phone"]')
    expect(error).to_contain_text("+212")
    expect(error).to_contain_text("international")
    shoot(page, "phone-error-fr", at=error)
    page.locator('input[name="where-0-phone"]').fill("+212 5 37 54 54 01")
    page.click("#save")
    expect(page.locator("#saved")).to_contain_text("en ligne")
    saved = answer(site, "asylum")
    assert saved["fr"]["where"][0]["phone"] == "+212 5 37 54 54 01"
    text = (site.content / "answers" / "asylum.yml").read_text(encoding="utf-8")
    assert "&id0" not in text  # files stay clean (point 6): no anchors, comments kept
    assert text.startswith("# Checked against UNHCR Morocco's pages.\n")
    # The action server reads the same folder: its store serves the new number (point 8).
    served = AnswerStore(site.content / "answers").get("asylum")
    assert served is not None and served.answers["fr"].where[0].phone == "+212 5 37 54 54 01"
    expect(page.locator("#parts-preview")).to_contain_text("+212 5 37 54 54 01")
    shoot(page, "saved-fr", at=page.locator("#saved"))
    assert blocked == []
    page.close()


def test_add_a_source(browser: Any, site: Site) -> None:
    page = signed_in(browser, site, "fatou")
    page.goto(site.url + "/inbox/editor/work_permit/fr")
    before = len(answer(site, "work_permit")["sources"])
    page.click("#add-source")
    entry = page.locator("#sources > [data-entry]").last
    entry.locator('[data-key="title"]').fill("Guide du travail des étrangers")
    entry.locator('[data-key="publisher"]').fill("Ministère de l'Inclusion économique")
    entry.locator('[data-key="kind"]').select_option("official")
    entry.locator('[data-key="published"]').fill("2024-05-02")
    entry.locator('[data-key="url"]').fill("https://www.travail.gov.ma/")
    shoot(page, "add-source-fr", at=entry)
    page.click("#save")
    expect(page.locator("#saved")).to_be_visible()
    sources = answer(site, "work_permit")["sources"]
    assert len(sources) == before + 1
    assert sources[-1]["title"] == "Guide du travail des étrangers"
    assert sources[-1]["kind"] == "official" and sources[-1]["published"] == dt.date(2024, 5, 2)
    page.close()


def test_mark_the_arabic_reviewed_after_seeing_the_french_diff(browser: Any, site: Site) -> None:
    # The French and its translations as they were yesterday.
    path = site.content / "answers" / "health_care.yml"
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    text = path.read_text(encoding="utf-8")
    for key in ("updated", "translated_from"):
        text = re.sub(rf"(\n  {key}: )\d{{4}}-\d\d-\d\d", rf"\g<1>{yesterday}", text)
    path.write_text(text, encoding="utf-8")
    fatou = signed_in(browser, site, "fatou")
    fatou.goto(site.url + "/inbox/editor/health_care/fr")
    fatou.fill(
        'textarea[name="core"]',
        "Les centres de santé publics soignent tout le monde, avec ou sans papiers. "
        "Allez au centre de santé le plus proche.",
    )
    fatou.click("#save")
    expect(fatou.locator("#saved")).to_be_visible()
    fatou.close()

    nadia = signed_in(browser, site, "nadia", PHONE)
    nadia.goto(site.url + "/inbox/editor/health_care/ar")
    expect(nadia.locator("html")).to_have_attribute("dir", "rtl")
    expect(nadia.locator("#status-line")).to_have_class("status-line status needs_update")
    diff = nadia.locator("#french-diff")
    expect(diff).to_contain_text("avec ou sans papiers")
    expect(diff.locator("tr.changed").first).to_be_visible()
    shoot(nadia, "french-diff-ar", at=diff)
    nadia.click("#mark-reviewed")
    expect(nadia.locator("#saved")).to_be_visible()
    expect(nadia.locator("#status-line")).to_have_class("status-line status reviewed")
    expect(nadia.locator("#status-line")).to_contain_text("Nadia B.")
    block = answer(site, "health_care")["ar"]
    assert block["status"] == "reviewed" and block["reviewed"]["by"] == "Nadia B."
    assert review_date(block["reviewed"]) == dt.date.today()
    assert block["translated_from"] == answer(site, "health_care")["fr"]["updated"]
    shoot(nadia, "reviewed-ar", at=nadia.locator("#status-line"))
    nadia.close()


def test_restore_yesterdays_version(browser: Any, site: Site) -> None:
    from bot.storage.models import ContentChange, Staff

    # Yesterday Fatou saved a version of the answer; it has been live since.
    path = site.content / "answers" / "children_school.yml"
    original = path.read_text(encoding="utf-8")
    title = answer(site, "children_school")["fr"]["title"]
    yesterdays = original.replace(f"title: {title}", "title: L'école (version d'hier)", 1)
    yesterdays = yesterdays.replace(f'title: "{title}"', "title: L'école (version d'hier)", 1)
    assert yesterdays != original
    path.write_text(yesterdays, encoding="utf-8")
    with site.database.session() as session:
        fatou = session.scalars(select(Staff).where(Staff.username == "fatou")).one()
        session.add(
            ContentChange(
                topic="children_school",
                language="fr",
                staff_id=fatou.id,
                action=history.SAVE,
                summary="fr: title",
                before=original,
                after=yesterdays,
                at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1),
            )
        )
        session.commit()
    # Today two saves made it worse.
    page = signed_in(browser, site, "fatou")
    for field, text in (("title", "École (changé aujourd'hui)"), ("sms", "Ecole: voir HCR.")):
        page.goto(site.url + "/inbox/editor/children_school/fr")
        page.fill(f'[name="{field}"]', text)
        page.click("#save")
        expect(page.locator("#saved")).to_be_visible()
    page.click("#history-link")
    expect(page.locator("tr[data-change]")).to_have_count(3)
    yesterday = (dt.date.today() - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    row = page.locator("tr[data-change]", has_text=yesterday)  # found by its date, on the page
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Fatou K.")
    page.locator("tr[data-change]").nth(1).get_by_role("link").click()
    expect(page.locator("#change")).to_contain_text("changé aujourd'hui")
    shoot(page, "history-fr")
    page.locator("tr[data-change]", has_text=yesterday).locator("button.restore").click()
    expect(page.locator("#restored")).to_be_visible()
    assert path.read_text(encoding="utf-8") == yesterdays
    page.goto(site.url + "/inbox/editor/children_school/fr")
    expect(page.locator('input[name="title"]')).to_have_value("L'école (version d'hier)")
    page.close()


def test_add_a_new_topic(browser: Any, site: Site) -> None:
    page = signed_in(browser, site, "admin")
    page.goto(site.url + "/inbox/editor")
    page.click("#new-topic-link")
    page.fill('input[name="topic"]', "work_contract")
    page.select_option('select[name="theme"]', "work")
    page.fill('input[name="title"]', "Contrat de travail")
    page.fill(
        'textarea[name="core"]',
        "Un contrat écrit protège le salarié. Demandez-le avant de commencer.",
    )
    page.fill('textarea[name="sms"]', "Demandez un contrat ecrit avant de commencer.")
    page.fill('input[name="source-title"]', "Loi n° 65-99 relative au Code du travail")
    page.fill('input[name="source-publisher"]', "Royaume du Maroc")
    page.select_option('select[name="source-kind"]', "law")
    page.fill('input[name="source-published"]', "2003-09-11")
    page.fill('input[name="source-url"]', "https://www.travail.gov.ma/")
    page.fill(
        'textarea[name="examples-fr"]',
        "mon patron ne veut pas me donner de contrat\ncontrat de travail écrit",
    )
    page.fill('textarea[name="examples-ar"]', "المشغل لا يريد أن يعطيني عقدا")
    shoot(page, "new-topic-fr")
    page.click("#add-topic")
    expect(page.locator("#saved")).to_contain_text("make train")
    assert answer(site, "work_contract")["fr"]["title"] == "Contrat de travail"
    nlu = (site.training / "data" / "nlu" / "fr" / "work.yml").read_text(encoding="utf-8")
    assert "- contrat de travail écrit" in nlu
    page.goto(site.url + "/inbox/editor")
    row = page.locator('tr[data-topic="work_contract"]')
    expect(row).to_contain_text("Contrat de travail")
    expect(row.locator(".tag.warn")).to_be_visible()
    page.close()


def test_topics_by_title_in_arabic_with_a_status_per_language(browser: Any, site: Site) -> None:
    for viewport, name in ((PHONE, "topics-ar-phone"), (None, "topics-ar")):
        page = signed_in(browser, site, "nadia", viewport or {"width": 1280, "height": 900})
        page.goto(site.url + "/inbox/editor")
        row = page.locator('tr[data-topic="asylum"]')
        expect(row).to_contain_text(answer(site, "asylum")["ar"]["title"])
        expect(row.locator("td.status")).to_have_count(3)
        shoot(page, name)
        page.close()
    page = signed_in(browser, site, "fatou", PHONE)
    page.goto(site.url + "/inbox/editor")
    expect(page.locator('tr[data-topic="asylum"]')).to_contain_text(
        answer(site, "asylum")["fr"]["title"]
    )
    shoot(page, "topics-fr-phone")
    page.close()


def test_every_field_with_counters_preview_and_arabic_errors(browser: Any, site: Site) -> None:
    page = signed_in(browser, site, "nadia", PHONE)
    blocked = csp_violations(page)
    page.goto(site.url + "/inbox/editor/voluntary_return/ar")
    for name in ("title", "core", "sms", "steps", "documents", "details", "country", "status"):
        expect(page.locator(f'#answer-form [name="{name}"]')).to_have_count(1)
    sms = page.locator('textarea[name="sms"]')
    counter = page.locator('.counter[data-for="sms"]')
    sms.fill("I bɛ taa yɔrɔ min " * 6)  # Bambara goes out in plain letters: GSM-7
    expect(counter).to_have_text("107 / 160")
    sms.fill("ارجع " * 20)
    expect(counter).to_have_class("counter over")
    expect(counter).to_contain_text("/ 70")
    expect(page.locator('.channel[data-channel="sms"] .meta').first).to_contain_text("70")
    places = page.locator("#places > fieldset.entry")
    if places.count() >= 2:
        first = places.nth(0).locator('[data-key="name"]').input_value()
        places.nth(0).locator("button[data-move='1']").click()
        expect(places.nth(1).locator('[data-key="name"]')).to_have_value(first)
        expect(places.nth(1).locator('[data-key="name"]')).to_have_attribute("name", "where-1-name")
    page.click("#save")
    error = page.locator('.field-error[data-for="sms"]')
    expect(error).to_be_visible()
    assert any("\u0600" <= ch <= "\u06ff" for ch in error.inner_text())  # in Arabic
    shoot(page, "error-ar-phone", at=error)
    assert blocked == []
    page.close()


def test_save_as_draft_then_publish_in_arabic(browser: Any, site: Site) -> None:
    page = signed_in(browser, site, "nadia")
    save_draft(page, site, "student_work", "ar", "عمل الطلبة (مسودة)")
    shoot(page, "draft-ar", at=page.locator("#draft-banner"))
    page.click("#publish")
    expect(page.locator("#saved")).to_be_visible()
    assert answer(site, "student_work")["ar"]["title"] == "عمل الطلبة (مسودة)"
    page.close()


def test_reports_with_a_weekly_chart_and_exports(browser: Any, site: Site, tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    with site.database.session() as session:
        weeks = (now - dt.timedelta(weeks=w) for w in (0, 1, 1, 3))
        add_unanswered(session, "u-report", "ar", "=SUM(A1) سؤال", weeks)
        session.commit()
    for who, name in (("fatou", "report-fr"), ("nadia", "report-ar")):
        page = signed_in(browser, site, who)
        page.goto(site.url + "/inbox/editor/report")
        expect(page.locator("#chart svg rect")).to_have_count(3)
        shoot(page, name)
        with page.expect_download() as download:
            page.click("#export-xlsx")
        saved = tmp_path / f"{who}.xlsx"
        download.value.save_as(saved)
        from openpyxl import load_workbook

        words = list(load_workbook(saved)["unanswered"].values)
        assert words[1][5].startswith("'=SUM")
        page.close()
