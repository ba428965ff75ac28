"""Issue #18, points 3, 4, 5 and 7 in Chromium, in French and in Arabic.

3. review is a step of its own: saving never marks an answer reviewed;
4. history with the change as a diff and one-click restore, drafts published on demand;
5. topics by their title with a status per language; an admin adds a topic;
7. reports: unanswered questions, "Useful?" votes and dismissed hand-offs per topic and
   language, with a weekly chart and CSV exports whose cells cannot run as formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest

from bot.storage.models import Dismissal, Feedback, User
from common.content.answers import review_date
from tests.bot.editor.report_rows import add_unanswered
from tests.e2e.editor_site import PHONE, Site, answer, save_draft, shoot, signed_in

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect
ARABIC = re.compile("[\u0600-\u06ff]")
LABELS = {"fr": "Brouillon", "ar": "مسودة"}


@pytest.mark.parametrize(("who", "language"), [("fatou", "fr"), ("nadia", "ar")])
def test_saving_never_marks_reviewed_marking_is_a_signed_step(
    browser: Any, site: Site, who: str, language: str
) -> None:
    topic = "regularization_where"
    yesterday = dt.date.today() - dt.timedelta(days=1)
    page = signed_in(browser, site, who, PHONE)
    page.goto(site.url + f"/inbox/editor/{topic}/{language}")
    form = page.locator("#review-form")
    form.locator('input[name="by"]').fill("Awa Diallo")
    form.locator('input[name="on"]').fill(yesterday.isoformat())
    page.click("#mark-reviewed")
    status = page.locator("#status-line")
    expect(status).to_have_class(re.compile(r"\breviewed\b"))
    expect(status).to_contain_text("Awa Diallo")
    expect(status).to_contain_text(yesterday.isoformat())
    block = answer(site, topic)[language]
    assert block["reviewed"]["by"] == "Awa Diallo" and review_date(block["reviewed"]) == yesterday
    core = page.locator('textarea[name="core"]')
    core.fill(core.input_value() + " .")
    page.click("#save")
    expect(page.locator("#saved")).to_be_visible()
    expect(status).to_have_class(re.compile(r"\bdraft\b"))
    expect(status).to_contain_text(LABELS[language])
    block = answer(site, topic)[language]
    assert block["status"] == "draft" and "reviewed" not in block
    page.close()


def test_ar_history_shows_who_changed_what_and_restores_a_version(browser: Any, site: Site) -> None:
    path = site.content / "answers" / "student_residence.yml"
    page = signed_in(browser, site, "nadia", PHONE)
    versions = []
    for title in ("الإقامة للطلبة", "بطاقة الإقامة للطلبة"):
        page.goto(site.url + "/inbox/editor/student_residence/ar")
        page.fill('input[name="title"]', title)
        page.click("#save")
        expect(page.locator("#saved")).to_be_visible()
        assert ARABIC.search(page.locator("#saved").inner_text())  # "live now", in Arabic
        versions.append(path.read_text(encoding="utf-8"))
    page.click("#history-link")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    rows = page.locator("tr[data-change]")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Nadia B.")
    expect(rows.first).to_contain_text("العربية: العنوان")  # "Arabic: Title", not "ar: title"
    expect(page.locator("h1")).to_contain_text("بطاقة الإقامة للطلبة")  # its title, not its id
    rows.first.get_by_role("link").click()
    change = page.locator("#change")
    expect(change.locator("tr.changed td").first).to_contain_text("الإقامة للطلبة")
    expect(change.locator("tr.changed td").last).to_contain_text("بطاقة الإقامة للطلبة")
    shoot(page, "history-ar-phone", at=change)
    page.locator("tr[data-change]").nth(1).locator("button.restore").click()
    expect(page.locator("#restored")).to_be_visible()
    assert ARABIC.search(page.locator("#restored").inner_text())
    assert path.read_text(encoding="utf-8") == versions[0]
    expect(page.locator("tr[data-change]")).to_have_count(3)  # the restore is in the history too
    page.close()


def test_fr_draft_is_not_live_until_someone_publishes_it(browser: Any, site: Site) -> None:
    fatou = signed_in(browser, site, "fatou")
    save_draft(fatou, site, "self_employment", "fr", "Travailler à son compte (brouillon)")
    expect(fatou.locator("#saved")).to_contain_text("brouillon")
    expect(fatou.locator("#draft-banner")).to_contain_text("Fatou K.")
    shoot(fatou, "draft-fr", at=fatou.locator("#draft-banner"))
    fatou.goto(site.url + "/inbox/editor")
    expect(fatou.locator('tr[data-topic="self_employment"] .tag')).to_be_visible()
    fatou.close()
    awa = signed_in(browser, site, "admin")
    awa.goto(site.url + "/inbox/editor/self_employment/fr")
    expect(awa.locator('input[name="title"]')).to_have_value("Travailler à son compte (brouillon)")
    awa.click("#publish")
    expect(awa.locator("#saved")).to_contain_text("en ligne")
    expect(awa.locator("#draft-banner")).to_have_count(0)
    assert answer(site, "self_employment")["fr"]["title"] == "Travailler à son compte (brouillon)"
    awa.close()


def test_ar_admin_adds_a_topic_and_editors_cannot(browser: Any, site: Site) -> None:
    nadia = signed_in(browser, site, "nadia")
    nadia.goto(site.url + "/inbox/editor")
    expect(nadia.locator("#new-topic-link")).to_have_count(0)
    assert nadia.goto(site.url + "/inbox/editor/new-topic").status == 403
    nadia.close()
    page = signed_in(browser, site, "karim", PHONE)
    page.goto(site.url + "/inbox/editor")
    page.click("#new-topic-link")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.fill('input[name="topic"]', "housing_rent")
    work = page.locator('select[name="theme"] option[value="work"]')
    assert ARABIC.search(work.inner_text())  # the theme by its name, not its code
    page.select_option('select[name="theme"]', "work")
    page.fill('input[name="title"]', "Louer un logement")
    page.fill(
        'textarea[name="core"]', "Demandez un contrat de bail écrit et un reçu pour chaque loyer."
    )
    page.fill('textarea[name="sms"]', "Logement: demandez un bail ecrit et un recu.")
    page.fill('input[name="source-title"]', "Loi n° 67-12 sur les baux d'habitation")
    page.fill('input[name="source-publisher"]', "Royaume du Maroc")
    page.select_option('select[name="source-kind"]', "law")
    page.fill('input[name="source-published"]', "2013-11-28")
    page.fill('input[name="source-url"]', "https://www.sgg.gov.ma/")
    page.fill(
        'textarea[name="examples-fr"]', "je cherche un logement\nle propriétaire garde ma caution"
    )
    page.fill('textarea[name="examples-ar"]', "كنقلب على دار للكراء")
    page.click("#add-topic")
    expect(page.locator("#saved")).to_be_visible()
    assert ARABIC.search(page.locator("#saved").inner_text())
    assert answer(site, "housing_rent")["ar"]["status"] == "draft"
    nlu = (site.training / "data" / "nlu" / "ar" / "work.yml").read_text(encoding="utf-8")
    assert "كنقلب على دار للكراء" in nlu
    page.goto(site.url + "/inbox/editor")
    row = page.locator('tr[data-topic="housing_rent"]')
    expect(row.locator(".tag.warn")).to_be_visible()  # retraining needed
    expect(row.locator("td.status a[data-status]")).to_have_count(3)
    page.close()


def seed_report(site: Site) -> None:
    """Two weeks of unanswered questions, votes and dismissed hand-offs (once per site)."""
    now = dt.datetime.now(dt.UTC)
    with site.database.session() as session:
        if session.get(User, "u-steps") is not None:
            return
        weeks = (now - dt.timedelta(weeks=w) for w in (0, 2))
        add_unanswered(session, "u-steps", "fr", '=HYPERLINK("x") loyer', weeks)
        for useful in (True, True, False):
            session.add(
                Feedback(
                    topic="health_care", language="ar", channel="web", useful=useful, day=now.date()
                )
            )
        session.add(
            Dismissal(
                reason="false_alarm", handoff_reason="danger", topic="asylum", language="fr", at=now
            )
        )
        session.commit()


def row_of(page: Any, topic: str) -> Any:
    return page.locator("#per-topic tbody tr", has=page.locator(f'td[data-topic="{topic}"]'))


def column(page: Any, header: str) -> int:
    headers = page.locator("#per-topic thead th").all_inner_texts()
    return next(i for i, h in enumerate(headers) if header in h)


@pytest.mark.parametrize(
    ("who", "language", "useful", "dismissed"),
    [("fatou", "fr", "Utile : oui", "Fausse alerte"), ("nadia", "ar", "مفيد: نعم", "إنذار كاذب")],
)
def test_reports_per_topic_and_language_with_csv_exports(
    browser: Any, site: Site, tmp_path: Path, who: str, language: str, useful: str, dismissed: str
) -> None:
    seed_report(site)  # each case may run alone (pytest-xdist): neither relies on the other
    page = signed_in(browser, site, who, PHONE)
    page.goto(site.url + "/inbox/editor/report")
    expect(page.locator("#chart svg rect").first).to_be_visible()
    health = row_of(page, "health_care")
    expect(health.locator("td").first).to_contain_text(
        answer(site, "health_care")[language]["title"]
    )
    assert health.locator("td").nth(column(page, useful)).inner_text() == "2"
    asylum = row_of(page, "asylum")
    assert asylum.locator("td").nth(column(page, dismissed)).inner_text() == "1"
    expect(page.locator("#written tbody tr").first).to_contain_text(
        "Pas compris" if language == "fr" else "لم يُفهم"
    )
    # wide tables scroll inside their box; the page itself fits the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if language == "fr":  # for the guides
        shoot(page, "report-fr-phone")
    for link, name in (("#export-csv", "unanswered"), ("#export-weekly", "weekly")):
        with page.expect_download() as download:
            page.click(link)
        saved = tmp_path / f"{name}.csv"
        download.value.save_as(saved)
        rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
        assert rows
        if name == "unanswered":
            assert all(not r["text"].startswith("=") for r in rows)
            assert any(r["text"].startswith("'=HYPERLINK") for r in rows)
        else:
            assert {"useful", "not_useful", "unanswered"} <= {r["measure"] for r in rows}
    page.close()
