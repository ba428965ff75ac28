"""The staff inbox: access control, CSRF and the hand-off flow."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from bot.config import Settings
from bot.storage.models import StaffSession
from bot.web.inbox import router
from tests.bot.web.inbox_client import ask_for_a_person, login
from tests.fakes.rasa import FakeRasa

HTML = {"accept": "text/html"}


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
