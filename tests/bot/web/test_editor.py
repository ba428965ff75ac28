"""The editor page: statuses, checked saving, history, audio, previews, report."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.config import Settings
from bot.editor import history
from bot.staff.accounts import add_staff
from bot.storage.models import ContentChange
from bot.web import editor
from bot.web.app import create_app
from common.content.answers import review_date
from common.content.paths import ROOT
from common.content.store import AnswerStore
from tests.bot.web.editor_form import form_of
from tests.fakes.rasa import FakeRasa

PASSWORD = "a-long-password"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    monkeypatch.setenv("CONTENT_DIR", str(folder))
    return folder


@pytest.fixture
def client(settings: Settings, content: Path) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        database = test_client.app.state.database  # type: ignore[attr-defined]
        add_staff(database, "editor", PASSWORD, "editor", "Fatou")
        add_staff(database, "agent", PASSWORD, "agent", "Awa")
        yield test_client


def login(client: TestClient, username: str) -> str:
    page = client.get("/inbox/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    client.post(
        "/inbox/login", data={"username": username, "password": PASSWORD, "csrf_token": token}
    )
    page = client.get("/inbox/editor" if username == "editor" else "/inbox")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]


def translated_yesterday(path: Path) -> None:
    """The French and its translations as they were yesterday (dates are per day)."""
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    text = path.read_text(encoding="utf-8")
    for key in ("updated", "translated_from"):
        text = re.sub(rf"(\n  {key}: )\d{{4}}-\d\d-\d\d", rf"\g<1>{yesterday}", text)
    path.write_text(text, encoding="utf-8")


def test_agents_cannot_edit(client: TestClient) -> None:
    login(client, "agent")
    assert client.get("/inbox/editor").status_code == 403
    assert client.get("/inbox/editor/asylum/fr").status_code == 403
    assert client.get("/inbox/editor/history/asylum").status_code == 403
    assert client.get("/inbox/editor/report").status_code == 403


def test_topics_are_listed_by_title_with_a_status_per_language(client: TestClient) -> None:
    login(client, "editor")
    page = client.get("/inbox/editor").text
    assert "Demander l&#39;asile au Maroc" in page
    assert 'href="/inbox/editor/asylum/ar" data-status="draft"' in page


def test_saving_french_goes_live_makes_translations_stale_and_is_recorded(
    client: TestClient, content: Path
) -> None:
    csrf = login(client, "editor")
    path = content / "answers" / "asylum.yml"
    translated_yesterday(path)
    comments_before = [line for line in path.read_text().splitlines() if "#" in line]
    fields = form_of(client, "asylum", "fr")
    fields.update(core="Pour demander l'asile, appelez la ligne du HCR.", csrf_token=csrf)
    response = client.post("/inbox/editor/asylum/fr", data=fields, follow_redirects=False)
    assert response.status_code == 303 and "saved=live" in response.headers["location"]
    text = path.read_text(encoding="utf-8")
    saved = yaml.safe_load(text)
    assert saved["fr"]["core"] == "Pour demander l'asile, appelez la ligne du HCR."
    assert saved["fr"]["updated"] == dt.date.today()
    assert [line for line in text.splitlines() if "#" in line] == comments_before
    assert "&id0" not in text
    assert 'href="/inbox/editor/asylum/ar" data-status="stale"' in client.get("/inbox/editor").text
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        [change] = session.scalars(select(ContentChange)).all()
    assert change.topic == "asylum" and "core" in change.summary
    assert change.after == text and change.before != text
    assert AnswerStore(content / "answers").get("asylum").get("fr").core.startswith("Pour demander")


def test_a_text_with_errors_is_refused_and_the_file_kept(client: TestClient, content: Path) -> None:
    csrf = login(client, "editor")
    path = content / "answers" / "asylum.yml"
    before = path.read_text(encoding="utf-8")
    fields = form_of(client, "asylum", "ar")
    fields.update({"sms": "اتصل TODO", "where-0-phone": "0537123456", "csrf_token": csrf})
    response = client.post("/inbox/editor/asylum/ar", data=fields)
    assert response.status_code == 200
    assert 'id="errors"' in response.text
    assert 'class="field-error" data-for="sms"' in response.text
    assert 'class="field-error" data-for="where-0-phone"' in response.text
    assert "UCS-2" not in response.text and "asylum.yml" not in response.text
    assert path.read_text(encoding="utf-8") == before


def test_saving_never_marks_an_answer_reviewed(client: TestClient, content: Path) -> None:
    csrf = login(client, "editor")
    fields = form_of(client, "asylum", "bm")
    fields.update(status="reviewed", csrf_token=csrf, title="Asile ɲinini")
    client.post("/inbox/editor/asylum/bm", data=fields)
    data = yaml.safe_load((content / "answers" / "asylum.yml").read_text(encoding="utf-8"))
    assert data["bm"]["status"] == "draft" and "reviewed" not in data["bm"]


def test_a_stale_translation_is_reviewed_only_after_the_french_changes_were_shown(
    client: TestClient, content: Path
) -> None:
    csrf = login(client, "editor")
    translated_yesterday(content / "answers" / "asylum.yml")
    fields = form_of(client, "asylum", "fr")
    fields.update(core="Nouveau texte français du cœur de la réponse.", csrf_token=csrf)
    client.post("/inbox/editor/asylum/fr", data=fields)
    page = client.get("/inbox/editor/asylum/ar").text
    assert 'id="french-diff"' in page and "Nouveau texte français" in page
    review = {"csrf_token": csrf, "by": "Nadia B.", "on": dt.date.today().isoformat()}
    refused = client.post("/inbox/editor/asylum/ar/review", data=review)
    assert refused.status_code == 409
    seen = form_of(client, "asylum", "ar")["seen_french"]
    done = client.post(
        "/inbox/editor/asylum/ar/review",
        data={**review, "seen_french": seen},
        follow_redirects=False,
    )
    assert done.status_code == 303
    data = yaml.safe_load((content / "answers" / "asylum.yml").read_text(encoding="utf-8"))
    assert data["ar"]["status"] == "reviewed"
    assert data["ar"]["reviewed"]["by"] == "Nadia B."
    assert review_date(data["ar"]["reviewed"]) == dt.date.today()
    assert data["ar"]["translated_from"] == data["fr"]["updated"]


def test_arabic_is_edited_right_to_left(client: TestClient) -> None:
    login(client, "editor")
    page = client.get("/inbox/editor/asylum/ar").text
    assert '<textarea name="core" rows="4" dir="rtl">' in page
    assert 'id="french-source"' in page


def test_preview_shows_what_each_channel_gets(client: TestClient) -> None:
    csrf = login(client, "editor")
    fields = form_of(client, "asylum", "ar")
    fields.update(csrf_token=csrf, sms="جواب قصير", core="نص كامل " * 20)
    views = client.post("/inbox/editor/preview", data=fields).json()
    assert set(views) >= {"web", "telegram", "whatsapp", "sms", "parts"}
    assert views["sms"][0]["encoding"] == "UCS-2" and views["sms"][0]["segments"] >= 1
    assert views["sms"][0]["text"].startswith("جواب قصير")
    assert "نص كامل" in views["whatsapp"][0]["text"]
    # The places come on request, as a part, on every channel (SMS in pages).
    sms_parts = "".join(m["text"] for p in views["parts"] for m in p["views"]["sms"])
    assert "+212 5 37 54 54 00" in sms_parts


def test_a_draft_is_live_only_once_published(client: TestClient, content: Path) -> None:
    csrf = login(client, "editor")
    path = content / "answers" / "asylum.yml"
    before = path.read_text(encoding="utf-8")
    fields = form_of(client, "asylum", "fr")
    fields.update(title="Asile (brouillon)", csrf_token=csrf, action="draft")
    response = client.post("/inbox/editor/asylum/fr", data=fields, follow_redirects=False)
    assert "saved=draft" in response.headers["location"]
    assert path.read_text(encoding="utf-8") == before
    page = client.get("/inbox/editor/asylum/fr").text
    assert 'id="draft-banner"' in page and "Asile (brouillon)" in page
    client.post("/inbox/editor/draft/asylum/publish", data={"csrf_token": csrf, "language": "fr"})
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["fr"]["title"] == "Asile (brouillon)"
    assert 'id="draft-banner"' not in client.get("/inbox/editor/asylum/fr").text


def test_history_shows_the_change_and_restores_an_earlier_version(
    client: TestClient, content: Path
) -> None:
    csrf = login(client, "editor")
    path = content / "answers" / "asylum.yml"
    original = path.read_text(encoding="utf-8")
    fields = form_of(client, "asylum", "fr")
    fields.update(title="Asile : nouveau titre", csrf_token=csrf)
    client.post("/inbox/editor/asylum/fr", data=fields)
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        [change] = session.scalars(select(ContentChange)).all()
    page = client.get(f"/inbox/editor/history/asylum?show={change.id}").text
    assert "Fatou" in page and "Asile : nouveau titre" in page and 'class="changed"' in page
    # "Restore this version" on a change puts back the file as it was right after it;
    # the version before the first change is the one recorded as its "before".
    history.record(
        client.app.state.database,
        "asylum",
        "fr",
        None,
        "save",
        "old",
        None,
        original,  # type: ignore[attr-defined]
    )
    entries = history.entries(client.app.state.database, "asylum")  # type: ignore[attr-defined]
    response = client.post(
        f"/inbox/editor/history/asylum/{entries[0].id}/restore",
        data={"csrf_token": csrf},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert path.read_text(encoding="utf-8") == original
    assert (
        client.post(
            "/inbox/editor/history/work_permit/1/restore", data={"csrf_token": csrf}
        ).status_code
        == 404
    )


def test_audio_answer_is_attached_and_served(client: TestClient, content: Path) -> None:
    csrf = login(client, "editor")
    response = client.post(
        "/inbox/editor/voluntary_return/bm/audio",
        data={"csrf_token": csrf},
        files={"audio": ("segin.ogg", b"OggS-bambara-answer", "audio/ogg")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    data = yaml.safe_load((content / "answers" / "voluntary_return.yml").read_text())
    assert data["bm"]["audio"] == "audio/voluntary_return-bm.ogg"
    served = client.get("/content-audio/voluntary_return-bm.ogg")
    assert served.content == b"OggS-bambara-answer"
    assert client.get("/content-audio/..%2Fanswers%2Fasylum.yml").status_code == 404
    assert client.get("/content-audio/voluntary_return-bm.ogg%00").status_code == 404
    assert client.get("/content-audio/%00").status_code == 404


def test_a_refused_audio_upload_changes_nothing_users_get(
    client: TestClient, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file was written before the check: a refused upload still replaced the recording."""
    csrf = login(client, "editor")

    def upload(language: str, recording: bytes) -> int:
        return client.post(
            f"/inbox/editor/voluntary_return/{language}/audio",
            data={"csrf_token": csrf},
            files={"audio": ("segin.ogg", recording, "audio/ogg")},
            follow_redirects=False,
        ).status_code

    assert upload("bm", b"OggS-checked") == 303
    monkeypatch.setattr(editor, "go_live", lambda *args: [SimpleNamespace(message="refused")])
    assert upload("bm", b"OggS-refused") == 409
    assert client.get("/content-audio/voluntary_return-bm.ogg").content == b"OggS-checked"
    assert upload("fr", b"OggS-refused") == 409
    assert client.get("/content-audio/voluntary_return-fr.ogg").status_code == 404


def test_an_audio_answer_of_a_few_megabytes_is_uploaded(client: TestClient, content: Path) -> None:
    csrf = login(client, "editor")
    recording = b"OggS" + b"\x00" * (3 * 1024 * 1024)
    response = client.post(
        "/inbox/editor/voluntary_return/fr/audio",
        data={"csrf_token": csrf},
        files={"audio": ("retour.ogg", recording, "audio/ogg")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert (content / "audio" / "voluntary_return-fr.ogg").read_bytes() == recording


def test_an_audio_answer_over_5_mb_is_refused(client: TestClient, content: Path) -> None:
    csrf = login(client, "editor")
    response = client.post(
        "/inbox/editor/voluntary_return/fr/audio",
        data={"csrf_token": csrf},
        files={"audio": ("retour.ogg", b"OggS" + b"\x00" * (5 * 1024 * 1024), "audio/ogg")},
    )
    assert response.status_code == 413
    assert not (content / "audio" / "voluntary_return-fr.ogg").exists()


def test_non_audio_upload_is_refused(client: TestClient) -> None:
    csrf = login(client, "editor")
    response = client.post(
        "/inbox/editor/voluntary_return/bm/audio",
        data={"csrf_token": csrf},
        files={"audio": ("x.html", b"<script>", "text/html")},
    )
    assert response.status_code == 400


def test_report_lists_fallbacks_and_handoffs_and_exports_csv(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["blorp"] = [
        {"kind": "menu", "lang": "bm", "text": "?", "buttons": [], "fallback": True}
    ]
    fake_rasa.scripted["au secours"] = [
        {
            "kind": "emergency",
            "lang": "fr",
            "text": "19",
            "buttons": [],
            "handoff": "emergency",
            "topic": "emergency",
        }
    ]
    client.post("/api/messages", json={"sender": "a", "text": "blorp"})
    client.post("/api/messages", json={"sender": "b", "text": "au secours"})
    login(client, "editor")
    page = client.get("/inbox/editor/report").text
    assert "blorp" in page and 'data-kind="handoff:emergency"' in page
    assert "A demandé une personne (Urgence)" in page  # in words, not codes
    csv_text = client.get("/inbox/editor/report", params={"format": "csv"}).text
    assert csv_text.splitlines()[0] == "kind,topic,language,user,at,text"
    assert any(
        line.startswith("fallback,,bm,") and line.endswith(",blorp")
        for line in csv_text.splitlines()
    )


def test_the_report_has_a_weekly_chart_and_a_spreadsheet(
    client: TestClient, fake_rasa: FakeRasa
) -> None:
    from openpyxl import load_workbook

    fake_rasa.scripted["blorp"] = [
        {"kind": "menu", "lang": "ar", "text": "?", "buttons": [], "fallback": True}
    ]
    client.post("/api/messages", json={"sender": "a", "text": "blorp"})
    from bot.storage.models import Dismissal

    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        session.add(Dismissal(reason="false_alarm", handoff_reason="emergency", language="fr"))
        session.commit()
    login(client, "editor")
    page = client.get("/inbox/editor/report").text
    assert "<svg" in page and 'class="m-unanswered"' in page and 'class="m-dismissed"' in page
    assert "Fausse alerte" in page or "False alarm" in page
    response = client.get("/inbox/editor/report", params={"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert list(book["weekly"].values)[1][2:] == ("ar", "unanswered", 1)
    assert list(book["unanswered"].values)[1][5] == "blorp"


def test_an_admin_adds_a_topic_and_an_editor_cannot(
    client: TestClient, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINING_DIR", str(tmp_path / "training"))
    csrf = login(client, "editor")
    assert client.get("/inbox/editor/new-topic").status_code == 403
    add_staff(client.app.state.database, "boss", PASSWORD, "admin", "Nadia")  # type: ignore[attr-defined]
    client.post("/inbox/logout", data={"csrf_token": csrf})
    csrf = login(client, "boss")
    form = {
        "csrf_token": csrf,
        "topic": "work_contract",
        "theme": "work",
        "title": "Contrat de travail",
        "core": "Un contrat écrit protège le salarié. Demandez-le avant de commencer.",
        "sms": "Demandez un contrat ecrit avant de commencer.",
        "source-title": "Code du travail",
        "source-publisher": "Royaume du Maroc",
        "source-kind": "law",
        "source-published": "2003-09-11",
        "source-url": "https://www.travail.gov.ma/",
        "examples-fr": "mon contrat de travail\npatron sans contrat",
        "examples-ar": "عقد العمل",
    }
    response = client.post("/inbox/editor/new-topic", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    assert (content / "answers" / "work_contract.yml").exists()
    assert "work_contract" in (content / "topics.yml").read_text(encoding="utf-8")
    nlu = (tmp_path / "training" / "data" / "nlu" / "fr" / "work.yml").read_text(encoding="utf-8")
    assert "- patron sans contrat" in nlu
    page = client.get("/inbox/editor").text
    assert "Contrat de travail" in page and "work_contract" in page
    again = client.post("/inbox/editor/new-topic", data=form)
    assert 'id="errors"' in again.text  # the id is taken now


def test_a_refused_new_topic_shows_each_problem_next_to_its_field(
    client: TestClient, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRAINING_DIR", str(tmp_path / "training"))
    add_staff(client.app.state.database, "boss", PASSWORD, "admin", "Nadia")  # type: ignore[attr-defined]
    form = {
        "csrf_token": login(client, "boss"),
        "topic": "night_work",
        "theme": "work",
        "title": "Travail de nuit",
        "core": "Le travail de nuit est payé plus. Demandez votre fiche de paie.",
        "sms": "Le travail de nuit est paye plus.",
        "source-title": "Code du travail",
        "source-publisher": "Royaume du Maroc",
        "source-kind": "law",
        "source-published": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        "examples-fr": "je travaille la nuit\npayé la nuit",
    }
    cases = [
        ({"topic": "Night Work"}, "topic"),
        ({"examples-fr": "la nuit"}, "examples-fr"),
        ({}, "source-published"),  # published after the day it was read
    ]
    for change, field in cases:
        page = client.post("/inbox/editor/new-topic", data={**form, **change}).text
        [problem] = re.findall(r'<p class="field-error" data-for="([^"]+)">', page)
        assert problem == field
        errors = page.split('id="errors"', 1)[1].split("</div>", 1)[0]
        assert "<li>" not in errors  # said next to the field, not again on top
        assert 'value="law" selected' in page
    assert not (content / "answers" / "night_work.yml").exists()


def test_phone_and_link_examples_read_left_to_right_on_an_arabic_page(
    client: TestClient,
) -> None:
    add_staff(client.app.state.database, "nadia", PASSWORD, "editor", "Nadia", "ar")  # type: ignore[attr-defined]
    login(client, "nadia")
    page = client.get("/inbox/editor/voluntary_return/ar").text
    assert 'dir="rtl"' in page.split(">", 2)[1]
    assert '<label><span>الهاتف <bdi dir="ltr">(+212 …)</bdi></span><input' in page
    assert '<label><span>الرابط <bdi dir="ltr">(https://…)</bdi></span><input' in page


def test_reload_button_touches_the_answer_files(client: TestClient, content: Path) -> None:
    csrf = login(client, "editor")
    path = content / "answers" / "asylum.yml"
    before = path.stat().st_mtime_ns
    import time

    time.sleep(0.01)
    client.post("/inbox/editor/reload", data={"csrf_token": csrf})
    assert path.stat().st_mtime_ns > before


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)"]
)
def test_the_csv_export_neutralises_formulas(
    client: TestClient, fake_rasa: FakeRasa, text: str
) -> None:
    """A spreadsheet opening the export must not run what a user wrote (OWASP: prefix ')."""
    import csv
    import io

    fake_rasa.scripted[text] = [
        {"kind": "menu", "lang": "fr", "text": "?", "buttons": [], "fallback": True}
    ]
    client.post("/api/messages", json={"sender": "a", "text": text})
    login(client, "editor")
    exported = client.get("/inbox/editor/report", params={"format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert rows, exported
    for row in rows:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r", row
    assert rows[-1]["text"].startswith("'") and rows[-1]["text"][1:].strip() == text.strip()


def test_cells_starting_with_a_tab_or_carriage_return_are_neutralised_too() -> None:
    """The gateway strips what users write; other cells could still start so."""
    from bot.editor.reports import spreadsheet_safe

    assert spreadsheet_safe("\t=1") == "'\t=1" and spreadsheet_safe("\r=1") == "'\r=1"
    assert spreadsheet_safe("asile") == "asile" and spreadsheet_safe("") == ""


def test_an_answer_file_missing_from_the_content_folder_is_not_a_crash(
    client: TestClient, content: Path
) -> None:
    """A topic of the catalog without its file (a new topic, a partial volume): 200, no 500."""
    (content / "answers" / "asylum.yml").unlink()
    csrf = login(client, "editor")
    assert client.get("/inbox/editor/asylum/fr").status_code == 200
    response = client.post(
        "/inbox/editor/asylum/fr",
        data={"csrf_token": csrf, "title": "Asile", "core": "x", "sms": "y", "status": "draft"},
        follow_redirects=False,
    )
    assert response.status_code in (200, 303)


def test_audio_for_an_answer_not_written_yet_is_refused(client: TestClient, content: Path) -> None:
    path = content / "answers" / "voluntary_return.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("bm")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    csrf = login(client, "editor")
    response = client.post(
        "/inbox/editor/voluntary_return/bm/audio",
        data={"csrf_token": csrf},
        files={"audio": ("segin.ogg", b"OggS-bambara-answer", "audio/ogg")},
    )
    assert response.status_code == 409
    assert not (content / "audio" / "voluntary_return-bm.ogg").exists()


def test_errors_are_shown_in_the_editors_language_french_arabic_or_english(
    client: TestClient,
) -> None:
    database = client.app.state.database  # type: ignore[attr-defined]
    for username, language, expected in (
        ("sam", "en", "is not written in international form"),
        ("nadia", "ar", "غير مكتوب بالصيغة الدولية"),
        ("editor", "fr", "au format international"),
    ):
        if username != "editor":
            add_staff(database, username, PASSWORD, "editor", username.title(), language)
        client.cookies.clear()
        csrf = login(client, username)
        fields = form_of(client, "asylum", "fr")
        fields.update({"where-0-phone": "05 37 54 54 00", "csrf_token": csrf})
        page = client.post("/inbox/editor/asylum/fr", data=fields).text
        [error] = re.findall(r'class="field-error" data-for="where-0-phone">(.*?)</p>', page, re.S)
        assert expected in error, (language, error)
