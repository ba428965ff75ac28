"""The staff inbox: access control, CSRF, login limits, and the hand-off flow."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.storage.models import StaffSession
from bot.web.app import create_app
from bot.web.inbox import router
from tests.fakes.rasa import FakeRasa

PASSWORD = "a-long-password"
HTML = {"accept": "text/html"}
HANDOFF_REPLY = [
    {"kind": "handoff", "lang": "fr", "text": "x", "buttons": [], "handoff": "request"}
]


@pytest.fixture
def app_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        database = client.app.state.database  # type: ignore[attr-defined]
        add_staff(database, "agent", PASSWORD, "agent", "Awa")
        add_staff(database, "agent2", PASSWORD, "agent", "Bakary")
        add_staff(database, "boss", PASSWORD, "admin", "Nadia")
        yield client


def login(client: TestClient, username: str) -> str:
    page = client.get("/inbox/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    response = client.post(
        "/inbox/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/inbox"
    return csrf_of(client)


def csrf_of(client: TestClient) -> str:
    page = client.get("/inbox")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]


def ask_for_a_person(client: TestClient, fake_rasa: FakeRasa, sender: str = "web-1") -> int:
    fake_rasa.scripted["je veux une personne"] = HANDOFF_REPLY
    reply = client.post("/api/messages", json={"sender": sender, "text": "je veux une personne"})
    assert reply.json()["handoff"] is True
    client.cursor = reply.json()["cursor"]  # type: ignore[attr-defined]
    return client.app.state.handoffs.queue()[0].id  # type: ignore[attr-defined,no-any-return]


def test_every_inbox_route_refuses_anonymous_requests(app_client: TestClient) -> None:
    for route in router.routes:
        path = route.path.replace("{handoff_id}", "1")  # type: ignore[attr-defined]
        if path.endswith("/login"):
            continue
        for method in route.methods:  # type: ignore[attr-defined]
            response = app_client.request(method, path, follow_redirects=False)
            assert response.status_code in (303, 401), (method, path)
            if response.status_code == 303:
                assert response.headers["location"] == "/inbox/login"


def test_pages_redirect_to_login(app_client: TestClient) -> None:
    response = app_client.get("/inbox", headers=HTML, follow_redirects=False)
    assert response.headers["location"] == "/inbox/login"


def test_an_agent_cannot_reach_admin_pages(app_client: TestClient) -> None:
    login(app_client, "agent")
    assert app_client.get("/inbox/admin/audit").status_code == 403


def test_an_admin_sees_the_audit_log(app_client: TestClient) -> None:
    login(app_client, "boss")
    assert app_client.get("/inbox/admin/audit").status_code == 200


def test_wrong_password_then_lockout(app_client: TestClient) -> None:
    for _ in range(5):
        page = app_client.get("/inbox/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        response = app_client.post(
            "/inbox/login",
            data={"username": "agent", "password": "no", "csrf_token": token},
            follow_redirects=False,
        )
        assert response.headers["location"].endswith("error=wrong")
    page = app_client.get("/inbox/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    response = app_client.post(
        "/inbox/login",
        data={"username": "agent", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.headers["location"].endswith("error=locked")


def test_login_form_without_csrf_is_refused(app_client: TestClient) -> None:
    response = app_client.post("/inbox/login", data={"username": "agent", "password": PASSWORD})
    assert response.status_code == 403


@pytest.mark.parametrize("action", ["claim", "reply", "note", "close", "transfer"])
def test_forms_without_csrf_are_refused(
    app_client: TestClient, fake_rasa: FakeRasa, action: str
) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    login(app_client, "agent")
    response = app_client.post(
        f"/inbox/c/{handoff_id}/{action}", data={"text": "x"}, follow_redirects=False
    )
    assert response.status_code == 403
    response = app_client.post(
        f"/inbox/c/{handoff_id}/{action}",
        data={"text": "x", "csrf_token": "forged"},
        follow_redirects=False,
    )
    assert response.status_code == 403


def test_expired_session_is_signed_out(app_client: TestClient) -> None:
    login(app_client, "agent")
    with app_client.app.state.database.session() as session:  # type: ignore[attr-defined]
        session.execute(
            update(StaffSession).values(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
            )
        )
        session.commit()
    response = app_client.get("/inbox", headers=HTML, follow_redirects=False)
    assert response.headers["location"] == "/inbox/login"


def test_handoff_flow_from_request_to_close(app_client: TestClient, fake_rasa: FakeRasa) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    requests_before = len(fake_rasa.requests)

    # While a person has the conversation, the assistant stays silent.
    reply = app_client.post("/api/messages", json={"sender": "web-1", "text": "allo ?"})
    assert reply.json()["replies"] == [] and len(fake_rasa.requests) == requests_before

    csrf = login(app_client, "agent")
    queue = app_client.get("/inbox/queue.json").json()
    assert queue[0]["state"] == "waiting" and queue[0]["channel"] == "local"
    app_client.post(f"/inbox/c/{handoff_id}/claim", data={"csrf_token": csrf})
    page = app_client.get(f"/inbox/c/{handoff_id}")
    assert "allo ?" in page.text and "je veux une personne" in page.text

    app_client.post(
        f"/inbox/c/{handoff_id}/note", data={"csrf_token": csrf, "text": "note interne"}
    )
    app_client.post(
        f"/inbox/c/{handoff_id}/reply", data={"csrf_token": csrf, "text": "Bonjour, ici Awa."}
    )
    updates = app_client.get(
        "/api/messages/updates",
        params={"sender": "web-1", "after": app_client.cursor},  # type: ignore[attr-defined]
    ).json()
    assert [r["text"] for r in updates["replies"]] == ["Bonjour, ici Awa."]
    assert "note interne" not in str(updates)

    app_client.post(f"/inbox/c/{handoff_id}/close", data={"csrf_token": csrf})
    later = app_client.get(
        "/api/messages/updates", params={"sender": "web-1", "after": updates["cursor"]}
    ).json()
    assert len(later["replies"]) == 1  # the "back to the assistant" notice
    app_client.post("/api/messages", json={"sender": "web-1", "text": "papiers"})
    assert fake_rasa.requests[-1]["message"] == "papiers"


def test_user_can_go_back_to_the_bot(app_client: TestClient, fake_rasa: FakeRasa) -> None:
    ask_for_a_person(app_client, fake_rasa)
    app_client.post("/api/messages", json={"sender": "web-1", "text": "BOT"})
    assert app_client.get("/inbox/queue.json").status_code == 401  # still anonymous
    login(app_client, "agent")
    assert app_client.get("/inbox/queue.json").json() == []


def test_two_agents_claim_one_wins(
    app_client: TestClient, fake_rasa: FakeRasa, settings: Settings
) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    csrf = login(app_client, "agent")
    with TestClient(app_client.app) as other:
        other_csrf = login(other, "agent2")
        first = app_client.post(
            f"/inbox/c/{handoff_id}/claim", data={"csrf_token": csrf}, follow_redirects=False
        )
        second = other.post(
            f"/inbox/c/{handoff_id}/claim", data={"csrf_token": other_csrf}, follow_redirects=False
        )
    assert "taken" not in first.headers["location"]
    assert "taken=1" in second.headers["location"]


def test_user_html_is_escaped_in_the_inbox(app_client: TestClient, fake_rasa: FakeRasa) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    app_client.post(
        "/api/messages", json={"sender": "web-1", "text": "<script>alert(1)</script>\u202eevil"}
    )
    login(app_client, "agent")
    page = app_client.get(f"/inbox/c/{handoff_id}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\u202e" not in page


def test_every_read_is_audited(app_client: TestClient, fake_rasa: FakeRasa) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    login(app_client, "agent")
    app_client.get(f"/inbox/c/{handoff_id}")
    app_client.cookies.clear()
    login(app_client, "boss")
    audit = app_client.get("/inbox/admin/audit").text
    assert "Awa" in audit and "read" in audit
