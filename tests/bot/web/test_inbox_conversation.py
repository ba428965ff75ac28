"""A conversation's page: what it shows of the person's earlier hand-offs, and to whom."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.bot.web.inbox_client import ask_for_a_person, claimed, login
from tests.fakes.rasa import FakeRasa

NOTE = "victime de violences, orientée vers une avocate"


def test_searching_closed_conversations_finds_nothing_written_after_the_close(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    """The page stops at the close; the search once looked past it (a yes/no oracle)."""
    handoff_id, csrf = claimed(app_client, fake_rasa)
    app_client.post(f"/inbox/c/{handoff_id}/close", data={"csrf_token": csrf})
    app_client.post("/api/messages", json={"sender": "web-1", "text": "ma soeur est enceinte"})
    found = app_client.get("/inbox", params={"view": "closed", "q": "personne"}).text
    assert f'data-id="{handoff_id}"' in found  # written before the close: found
    later = app_client.get("/inbox", params={"view": "closed", "q": "enceinte"}).text
    assert f'data-id="{handoff_id}"' not in later


def test_earlier_notes_go_with_the_person_their_messages_stay_with_who_may_read_them(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    """Whoever takes the person's next hand-off sees what colleagues noted (scenario 12).

    The closed conversation itself stays for its last holder and admins.
    """
    first, csrf = claimed(app_client, fake_rasa)
    app_client.post(f"/inbox/c/{first}/note", data={"csrf_token": csrf, "text": NOTE})
    app_client.post(f"/inbox/c/{first}/close", data={"csrf_token": csrf})
    second = ask_for_a_person(app_client, fake_rasa)  # the same person, again

    app_client.cookies.clear()
    login(app_client, "agent2")
    page = app_client.get(f"/inbox/c/{second}")
    assert page.status_code == 200 and f"#{first}" in page.text
    assert NOTE in page.text
    assert app_client.get(f"/inbox/c/{first}").status_code in (403, 404)
