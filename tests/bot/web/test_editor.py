"""The editor page: statuses, checked saving, history, audio, previews, report."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.storage.models import ContentChange
from bot.web.app import create_app
from common.content.answers import review_date
from common.content.paths import ROOT
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


def form_of(client: TestClient, topic: str, language: str) -> dict[str, str]:
    page = client.get(f"/inbox/editor/{topic}/{language}").text
    fields = {}
    for name in ("title",):
        fields[name] = re.search(rf'name="{name}" dir="\w+" value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
    for name in ("core", "sms", "steps", "documents", "details"):
        match = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
        fields[name] = match.group(1) if match else ""
    import html

    return {k: html.unescape(v) for k, v in fields.items()}


def test_agents_cannot_edit(client: TestClient) -> None:
    login(client, "agent")
    assert client.get("/inbox/editor").status_code == 403
    assert client.get("/inbox/editor/asylum/fr").status_code == 403


def test_topics_page_shows_status_per_language(client: TestClient) -> None:
    login(client, "editor")
    page = client.get("/inbox/editor").text
    # Nobody has signed a review of the migrated answers: every language is a draft.
    assert 'href="/inbox/editor/work_permit/bm">draft<' in page
    assert 'href="/inbox/editor/work_permit/fr">draft<' in page


def test_saving_french_makes_translations_stale_and_is_recorded(
    client: TestClient, content: Path
) -> None:
    csrf = login(client, "editor")
    path = content / "answers" / "asylum.yml"
    # The translations were made from the French of three days ago.
    path.write_text(
        path.read_text(encoding="utf-8").replace("2026-11-23", "2026-11-20"), encoding="utf-8"
    )
    comments_before = [
        line for line in path.read_text().splitlines() if line.strip().startswith("#")
    ]
    fields = form_of(client, "asylum", "fr")
    fields.update(
        core="Pour demander l'asile, contactez le HCR.", status="reviewed", csrf_token=csrf
    )
    response = client.post("/inbox/editor/asylum/fr", data=fields, follow_redirects=False)
    assert response.status_code == 303 and "saved=1" in response.headers["location"]
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["fr"]["core"] == "Pour demander l'asile, contactez le HCR."
    assert saved["fr"]["status"] == "reviewed"
    assert saved["fr"]["reviewed"]["by"] == "Fatou"
    comments_after = [
        line for line in path.read_text().splitlines() if line.strip().startswith("#")
    ]
    assert comments_after == comments_before
    page = client.get("/inbox/editor").text
    assert 'href="/inbox/editor/asylum/ar">stale<' in page
    with client.app.state.database.session() as session:  # type: ignore[attr-defined]
        [change] = session.scalars(select(ContentChange)).all()
    assert change.topic == "asylum" and "core" in change.summary


def test_a_text_with_errors_is_refused_and_the_file_kept(client: TestClient, content: Path) -> None:
    csrf = login(client, "editor")
    path = content / "answers" / "asylum.yml"
    before = path.read_text(encoding="utf-8")
    fields = form_of(client, "asylum", "ar")
    fields.update(sms="اتصل بالرقم 0537123456 TODO", status="draft", csrf_token=csrf)
    response = client.post("/inbox/editor/asylum/ar", data=fields)
    assert response.status_code == 200
    assert 'id="errors"' in response.text and "TODO" in response.text
    assert path.read_text(encoding="utf-8") == before


def test_marking_a_translation_reviewed_follows_the_french(
    client: TestClient, content: Path
) -> None:
    csrf = login(client, "editor")
    fields = form_of(client, "work_permit", "bm")
    fields.update(status="reviewed", csrf_token=csrf)
    client.post("/inbox/editor/work_permit/bm", data=fields)
    data = yaml.safe_load((content / "answers" / "work_permit.yml").read_text(encoding="utf-8"))
    assert data["bm"]["status"] == "reviewed"
    assert data["bm"]["translated_from"] == data["fr"]["updated"]
    assert data["bm"]["reviewed"]["by"] == "Fatou"
    assert review_date(data["bm"]["reviewed"]) == dt.date.today()
    assert 'href="/inbox/editor/work_permit/bm">ok<' in client.get("/inbox/editor").text


def test_arabic_is_edited_right_to_left(client: TestClient) -> None:
    login(client, "editor")
    page = client.get("/inbox/editor/asylum/ar").text
    assert '<textarea name="core" rows="4" dir="rtl">' in page
    assert "French source" in page or "Source" in page


def test_preview_shows_each_channel(client: TestClient) -> None:
    csrf = login(client, "editor")
    response = client.post(
        "/inbox/editor/preview",
        data={
            "csrf_token": csrf,
            "language": "ar",
            "title": "عنوان",
            "sms": "جواب قصير",
            "core": "نص كامل " * 30,
        },
    )
    views = response.json()
    assert views["sms"][0]["encoding"] == "UCS-2"
    assert views["sms"][0]["text"].startswith("جواب قصير")
    assert "نص كامل" in views["whatsapp"][0]["text"]
    assert views["telegram"][-1]["buttons"] == ["Menu"]


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
    assert "blorp" in page and "handoff:emergency" in page
    csv_text = client.get("/inbox/editor/report", params={"format": "csv"}).text
    assert csv_text.splitlines()[0] == "kind,topic,language,user,at,text"
    assert any(
        line.startswith("fallback,,bm,") and line.endswith(",blorp")
        for line in csv_text.splitlines()
    )


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
    from bot.web.editor import spreadsheet_safe

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


def test_changing_a_reviewed_text_without_marking_it_again_makes_it_a_draft(
    client: TestClient, content: Path
) -> None:
    csrf = login(client, "editor")
    fields = form_of(client, "work_permit", "bm")
    client.post(
        "/inbox/editor/work_permit/bm", data={**fields, "status": "reviewed", "csrf_token": csrf}
    )
    fields = form_of(client, "work_permit", "bm")
    fields.update(core=fields["core"] + " Kura.", status="draft", csrf_token=csrf)
    client.post("/inbox/editor/work_permit/bm", data=fields)
    data = yaml.safe_load((content / "answers" / "work_permit.yml").read_text(encoding="utf-8"))
    assert data["bm"]["status"] == "draft"
