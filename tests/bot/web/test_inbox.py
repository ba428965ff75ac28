"""The staff inbox: access control, CSRF and the hand-off flow."""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import httpx
import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from sqlalchemy import update

from bot.channels.telegram import SECRET_HEADER, WEBHOOK_PATH
from bot.config import Settings
from bot.staff.accounts import add_staff
from bot.storage.database import Database
from bot.storage.models import StaffSession
from bot.web import (
    inbox,
    inbox_admin,
    inbox_conversation,
    inbox_login,
    inbox_media,
    inbox_triage,
)
from bot.web.app import create_app
from tests.bot.web.inbox_client import HANDOFF_REPLY, PASSWORD, ask_for_a_person, claimed, login
from tests.fakes.rasa import FakeRasa
from tests.fakes.server import serve
from tests.fakes.telegram import FakeTelegram, text_update

HTML = {"accept": "text/html"}


def test_every_inbox_route_refuses_anonymous_requests(app_client: TestClient) -> None:
    routes = [
        *inbox.router.routes,
        *inbox_admin.router.routes,
        *inbox_conversation.router.routes,
        *inbox_triage.router.routes,
        *inbox_login.router.routes,
        *inbox_media.router.routes,
    ]
    for route in routes:
        path = (
            route.path.replace("{handoff_id}", "1")
            .replace("{message_id}", "1")
            .replace("{part}", "panel")
        )  # type: ignore[attr-defined]
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
    csrf = login(app_client, "agent")
    for path in ("audit", "staff", "replies", "survey"):
        assert app_client.get(f"/inbox/admin/{path}").status_code == 403
    for path in ("staff", "replies"):
        response = app_client.post(f"/inbox/admin/{path}", data={"csrf_token": csrf})
        assert response.status_code == 403


def test_admin_forms_without_csrf_are_refused(app_client: TestClient) -> None:
    login(app_client, "boss")
    for path in ("staff", "replies"):
        data = {"action": "invite", "username": "x", "key": "x", "csrf_token": "forged"}
        assert app_client.post(f"/inbox/admin/{path}", data=data).status_code == 403


def test_an_admin_sees_the_audit_log(app_client: TestClient) -> None:
    login(app_client, "boss")
    assert app_client.get("/inbox/admin/audit").status_code == 200


@pytest.mark.parametrize(
    "action", ["claim", "reply", "note", "close", "transfer", "dismiss", "snooze", "assign"]
)
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


@pytest.mark.parametrize("handoff_id", ["999", "99999999999999999999", "-1"])
def test_missing_conversations_are_404_or_400_never_500(
    app_client: TestClient, handoff_id: str
) -> None:
    csrf = login(app_client, "boss")
    assert app_client.get(f"/inbox/c/{handoff_id}").status_code in (400, 404)
    assert app_client.get(f"/inbox/c/{handoff_id}/messages.json").status_code in (400, 404)
    assert app_client.get(f"/inbox/media/{handoff_id}").status_code in (400, 404)
    for action in ("claim", "reply", "note", "close", "transfer"):
        response = app_client.post(
            f"/inbox/c/{handoff_id}/{action}",
            data={"csrf_token": csrf, "text": "x", "staff_id": "1"},
            follow_redirects=False,
        )
        assert response.status_code in (400, 404), (action, response.status_code)


def test_a_note_on_a_missing_conversation_is_404(app_client: TestClient) -> None:
    csrf = login(app_client, "agent")
    response = app_client.post("/inbox/c/42/note", data={"csrf_token": csrf, "text": "note"})
    assert response.status_code == 404


def test_a_note_on_a_closed_conversation_of_a_colleague_is_refused(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff_id, csrf = claimed(app_client, fake_rasa)
    app_client.post(f"/inbox/c/{handoff_id}/close", data={"csrf_token": csrf})
    app_client.cookies.clear()
    csrf = login(app_client, "agent2")
    response = app_client.post(
        f"/inbox/c/{handoff_id}/note", data={"csrf_token": csrf, "text": "curious"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("colleague", ["999", "disabled", "not-a-number"])
def test_a_transfer_to_a_missing_or_disabled_colleague_is_refused(
    app_client: TestClient, fake_rasa: FakeRasa, colleague: str
) -> None:
    from bot.storage.models import Staff

    database = app_client.app.state.database  # type: ignore[attr-defined]
    gone = add_staff(database, "gone", "a-long-password", "agent", "Gone")
    with database.session() as session:
        session.execute(update(Staff).where(Staff.id == gone.id).values(active=False))
        session.commit()
    staff_id = {"disabled": str(gone.id)}.get(colleague, colleague)
    handoff_id, csrf = claimed(app_client, fake_rasa)
    response = app_client.post(
        f"/inbox/c/{handoff_id}/transfer", data={"csrf_token": csrf, "staff_id": staff_id}
    )
    assert response.url.path == f"/inbox/c/{handoff_id}"
    assert "ne peut pas prendre la conversation" in response.text
    assert app_client.get("/inbox/queue.json").json()[0]["assignee"] == "Awa"


def test_a_transfer_is_shown_in_the_agents_language(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    csrf = login(app_client, "agent")
    app_client.post("/inbox/language", data={"csrf_token": csrf, "language": "ar"})
    app_client.post(f"/inbox/c/{handoff_id}/claim", data={"csrf_token": csrf})
    response = app_client.post(
        f"/inbox/c/{handoff_id}/transfer", data={"csrf_token": csrf, "staff_id": "999"}
    )
    assert "لا يمكن لهذا الزميل استلام المحادثة" in response.text


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/inbox",
        "//evil.example/inbox",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "inbox",
        "",
    ],
)
def test_the_language_switch_stays_on_the_site(app_client: TestClient, target: str) -> None:
    csrf = login(app_client, "agent")
    response = app_client.post(
        "/inbox/language",
        data={"csrf_token": csrf, "language": "ar", "next": target},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/inbox"


def test_the_language_switch_returns_to_the_page(app_client: TestClient) -> None:
    csrf = login(app_client, "agent")
    response = app_client.post(
        "/inbox/language",
        data={"csrf_token": csrf, "language": "ar", "next": "/inbox/admin/audit"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/inbox/admin/audit"


def test_a_reply_to_a_user_who_blocked_the_bot_is_shown_as_not_delivered(
    telegram_settings: Settings, fake_telegram: FakeTelegram, fake_rasa: FakeRasa
) -> None:
    fake_rasa.scripted["une personne svp"] = HANDOFF_REPLY
    with TestClient(create_app(telegram_settings), base_url="https://testserver") as client:
        add_staff(client.app.state.database, "agent", PASSWORD, "agent", "Awa")  # type: ignore[attr-defined]
        client.post(
            WEBHOOK_PATH,
            json=text_update(1, 42, "une personne svp"),
            headers={SECRET_HEADER: "s3cret-token"},
        )
        fake_telegram.wait_for("sendMessage")  # the hand-off notice
        handoff_id = client.app.state.handoffs.queue()[0].id  # type: ignore[attr-defined]
        csrf = login(client, "agent")
        client.post(f"/inbox/c/{handoff_id}/claim", data={"csrf_token": csrf})
        fake_telegram.blocked.add(42)
        response = client.post(
            f"/inbox/c/{handoff_id}/reply", data={"csrf_token": csrf, "text": "Bonjour, ici Awa"}
        )
        assert response.status_code == 200 and "sent=failed" in str(response.url)
        assert "pas pu être remis" in response.text
        transcript = client.get(f"/inbox/c/{handoff_id}/messages.json").json()["messages"]
        assert transcript[-1]["text"] == "Bonjour, ici Awa" and transcript[-1]["failed"]
        client.post("/inbox/language", data={"csrf_token": csrf, "language": "ar"})
        page = client.get(f"/inbox/c/{handoff_id}?sent=failed").text
        assert "تعذّر إيصال الرسالة" in page
        closed = client.post(
            f"/inbox/c/{handoff_id}/close", data={"csrf_token": csrf}, follow_redirects=False
        )
        assert closed.status_code == 303


async def signed_in_client(url: str, username: str) -> tuple[httpx.AsyncClient, str]:
    """An HTTP client signed in to the real server, and its session's CSRF token."""
    http = httpx.AsyncClient(base_url=url, timeout=30)
    page = await http.get("/inbox/login")
    form = {"username": username, "password": PASSWORD, "csrf_token": csrf_in(page.text)}
    await http.post("/inbox/login", data=form)
    return http, csrf_in((await http.get("/inbox")).text)


def csrf_in(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_live_updates_end_when_the_session_is_signed_out(
    settings: Settings, fake_rasa: FakeRasa
) -> None:
    """Through the real server: a stream opened before sign-out gets nothing after it."""
    database = Database(settings.database_url)
    add_staff(database, "agent", PASSWORD, "agent")
    add_staff(database, "agent2", PASSWORD, "agent")
    fake_rasa.scripted["je veux une personne"] = HANDOFF_REPLY

    async def scenario(url: str) -> tuple[list[str], list[str]]:
        mine, my_csrf = await signed_in_client(url, "agent")
        other, other_csrf = await signed_in_client(url, "agent2")
        async with (
            mine.stream("GET", "/inbox/events") as my_events,
            other.stream("GET", "/inbox/events") as other_events,
        ):
            my_lines, other_lines = my_events.aiter_lines(), other_events.aiter_lines()
            assert await anext(my_lines) == "retry: 2000"
            assert await anext(other_lines) == "retry: 2000"
            await other.post("/inbox/logout", data={"csrf_token": other_csrf})
            after_logout = [line async for line in other_lines]  # the stream ends
            await mine.post("/api/messages", json={"sender": "w", "text": "je veux une personne"})
            mine_next: list[str] = []
            async for line in my_lines:  # the other session's sign-out did not end mine
                if line.startswith("data:"):
                    mine_next = [line]
                    break
            await mine.post("/inbox/logout", data={"csrf_token": my_csrf})
        await mine.aclose()
        await other.aclose()
        return after_logout, mine_next

    with serve(create_app(settings)) as url:
        after_logout, mine_next = asyncio.run(asyncio.wait_for(scenario(url), 60))
    assert not any(line.startswith("data:") for line in after_logout)
    assert mine_next and mine_next[0].startswith("data:") and '"queue"' in mine_next[0]


@pytest.mark.parametrize(
    ("query", "day"),
    [(b"day=2026-11-30&view=open", dt.date(2026, 11, 30)), (b"day=30/11", None), (b"", None)],
)
def test_a_day_in_the_query_string_is_a_date_or_nothing(query: bytes, day: dt.date | None) -> None:
    request = Request({"type": "http", "query_string": query, "headers": []})
    assert inbox.query_day(request) == day
