"""The inbox of issue #17: queue views and filters in words, triage, survey, accounts, audit."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from bot.handoff.dismissals import dismissals_by_week
from bot.handoff.survey import results_by_week
from tests.bot.web.inbox_client import ask_for_a_person, claimed, login
from tests.fakes.rasa import FakeRasa

RAW = re.compile(r">\s*(emergency|request|fallback|waiting|assigned|local)\s*<")


def test_queue_views_show_words_preview_and_unread(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    app_client.post(
        "/api/messages", json={"sender": "web-1", "text": "mon patron garde mon passeport"}
    )
    csrf = login(app_client, "agent")
    page = app_client.get("/inbox?view=unassigned").text
    assert f'data-id="{handoff_id}"' in page
    assert "mon patron garde mon passeport" in page  # the last message, as a preview
    assert 'class="unread"' in page
    assert "A demandé une personne" in page and "Chat web" in page and "Français" in page
    assert not RAW.search(page)
    assert f'data-id="{handoff_id}"' not in app_client.get("/inbox?view=mine").text
    app_client.post(f"/inbox/c/{handoff_id}/claim", data={"csrf_token": csrf})
    assert f'data-id="{handoff_id}"' in app_client.get("/inbox?view=mine").text
    assert f'data-id="{handoff_id}"' not in app_client.get("/inbox?view=unassigned").text
    # Reading the conversation clears the unread count.
    app_client.get(f"/inbox/c/{handoff_id}")
    assert 'class="unread"' not in app_client.get("/inbox/queue/rows?view=mine").text
    # Filters combine: the text matches, the channel does not.
    assert f'data-id="{handoff_id}"' in app_client.get("/inbox?q=passeport&language=fr").text
    assert f'data-id="{handoff_id}"' not in app_client.get("/inbox?q=passeport&channel=sms").text
    assert f'data-id="{handoff_id}"' not in app_client.get("/inbox?q=introuvable").text


def test_the_queue_is_in_arabic_for_an_arabic_interface(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    ask_for_a_person(app_client, fake_rasa)
    csrf = login(app_client, "agent")
    app_client.post(
        "/inbox/language", data={"csrf_token": csrf, "language": "ar", "next": "/inbox"}
    )
    page = app_client.get("/inbox").text
    assert 'dir="rtl"' in page and "طلب التحدث مع شخص" in page and not RAW.search(page)


def test_dismissing_a_false_alarm_keeps_the_reason_for_the_report(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    csrf = login(app_client, "agent")
    refused = app_client.post(
        f"/inbox/c/{handoff_id}/dismiss", data={"csrf_token": csrf, "reason": "made-up"}
    )
    assert "error=dismiss" in str(refused.url)
    app_client.post(
        f"/inbox/c/{handoff_id}/dismiss", data={"csrf_token": csrf, "reason": "false_alarm"}
    )
    database = app_client.app.state.database  # type: ignore[attr-defined]
    [count] = dismissals_by_week(database)
    assert (count.reason, count.handoff_reason, count.language, count.count) == (
        "false_alarm",
        "request",
        "fr",
        1,
    )
    assert app_client.app.state.handoffs.get(handoff_id).ended_by == "dismissed"  # type: ignore[attr-defined]


def test_snooze_assign_team_and_first_response(app_client: TestClient, fake_rasa: FakeRasa) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    csrf = login(app_client, "agent")
    app_client.post(f"/inbox/c/{handoff_id}/snooze", data={"csrf_token": csrf, "until": "3h"})
    assert f'data-id="{handoff_id}"' not in app_client.get("/inbox?view=unassigned").text
    assert "en pause jusqu" in app_client.get("/inbox?view=open").text
    app_client.post(f"/inbox/c/{handoff_id}/snooze", data={"csrf_token": csrf, "until": "wake"})
    assert f'data-id="{handoff_id}"' in app_client.get("/inbox?view=unassigned").text
    app_client.post(f"/inbox/c/{handoff_id}/assign", data={"csrf_token": csrf, "team": "legal"})
    assert f'data-id="{handoff_id}"' in app_client.get("/inbox?team=legal").text
    assert f'data-id="{handoff_id}"' not in app_client.get("/inbox?team=health").text
    app_client.post(f"/inbox/c/{handoff_id}/claim", data={"csrf_token": csrf})
    app_client.post(f"/inbox/c/{handoff_id}/reply", data={"csrf_token": csrf, "text": "Bonjour"})
    assert "première réponse après" in app_client.get(f"/inbox/c/{handoff_id}").text


def test_staff_see_when_the_person_went_back_to_the_assistant(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff_id, _ = claimed(app_client, fake_rasa)
    app_client.post("/api/messages", json={"sender": "web-1", "text": "BOT"})
    page = app_client.get(f"/inbox/c/{handoff_id}").text
    assert 'id="went-back"' in page
    assert "La personne est revenue à l&#39;assistant (a écrit BOT)" in page


def test_the_survey_is_asked_in_the_users_language_and_counted(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff_id, csrf = claimed(app_client, fake_rasa)
    app_client.post(f"/inbox/c/{handoff_id}/close", data={"csrf_token": csrf, "survey": "1"})
    updates = app_client.get(
        "/api/messages/updates",
        params={"sender": "web-1", "after": app_client.cursor},  # type: ignore[attr-defined]
    ).json()
    assert any("de 1" in r["text"] and "5" in r["text"] for r in updates["replies"])
    thanks = app_client.post("/api/messages", json={"sender": "web-1", "text": "4"}).json()
    assert thanks["replies"] and "Merci" in thanks["replies"][0]["text"]
    [week] = results_by_week(app_client.app.state.database)  # type: ignore[attr-defined]
    assert (week.answers, week.average) == (1, 4.0)
    login(app_client, "boss")
    assert "4.0 / 5" in app_client.get("/inbox/admin/survey").text


def test_saved_replies_are_managed_by_admins_and_offered_in_the_persons_language(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    csrf = login(app_client, "agent")
    assert app_client.get("/inbox/admin/replies").status_code == 403
    csrf = login(app_client, "boss")
    for language, title, text in (
        ("fr", "Papiers", "Apportez votre passeport."),
        ("ar", "أوراق", "أحضر جواز سفرك."),
    ):
        app_client.post(
            "/inbox/admin/replies",
            data={
                "csrf_token": csrf,
                "key": "papers",
                "language": language,
                "title": title,
                "text": text,
            },
        )
    assert "أحضر جواز سفرك." in app_client.get("/inbox/admin/replies").text
    page = app_client.get(f"/inbox/c/{handoff_id}").text
    assert 'data-text="Apportez votre passeport."' in page  # the person writes French
    assert "Salutation" in page  # the replies of content/saved_replies.yml were copied in


def test_admins_manage_accounts_and_the_audit_is_in_words(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff_id, csrf = claimed(app_client, fake_rasa)
    app_client.post(f"/inbox/c/{handoff_id}/reply", data={"csrf_token": csrf, "text": "Bonjour"})
    app_client.post(f"/inbox/c/{handoff_id}/note", data={"csrf_token": csrf, "text": "à rappeler"})
    csrf = login(app_client, "boss")
    page = app_client.get("/inbox/admin/staff").text
    assert "au moins 10 caractères" in page  # the rule is stated before typing
    invited = app_client.post(
        "/inbox/admin/staff",
        data={
            "csrf_token": csrf,
            "action": "invite",
            "username": "fatou",
            "display_name": "Fatou",
            "role": "agent",
        },
    )
    assert 'id="one-time-password"' in invited.text
    audit = app_client.get("/inbox/admin/audit").text
    assert "<td>a répondu à la personne</td>" in audit
    assert "<td>a ajouté une note interne</td>" in audit
    only_replies = app_client.get("/inbox/admin/audit?action=reply").text
    assert (
        "<td>a répondu à la personne</td>" in only_replies
        and "<td>a ajouté une note interne</td>" not in only_replies
    )


def test_triage_by_htmx_stays_on_the_page_and_says_what_happened(
    app_client: TestClient, fake_rasa: FakeRasa
) -> None:
    handoff_id = ask_for_a_person(app_client, fake_rasa)
    csrf = login(app_client, "agent")
    live = {"HX-Request": "true"}
    base = f"/inbox/c/{handoff_id}"
    snoozed = app_client.post(
        f"{base}/snooze", data={"csrf_token": csrf, "until": "1h"}, headers=live
    )
    assert snoozed.status_code == 200 and snoozed.headers["HX-Trigger"] == "inbox:refresh"
    assert 'id="snoozed"' in snoozed.text and "HX-Redirect" not in snoozed.headers
    assert 'id="snoozed-until"' in app_client.get(f"{base}/part/panel").text
    refused = app_client.post(
        f"{base}/assign", data={"csrf_token": csrf, "staff_id": "999999"}, headers=live
    )
    assert 'id="triage-refused"' in refused.text
    app_client.post(f"{base}/claim", data={"csrf_token": csrf}, headers=live)
    colleague = re.search(r'<option value="(\d+)">Bakary', app_client.get(base).text)
    assert colleague is not None
    moved = app_client.post(
        f"{base}/transfer",
        data={"csrf_token": csrf, "staff_id": colleague.group(1)},
        headers=live,
    )
    assert 'id="transferred"' in moved.text
    other = f"/inbox/c/{ask_for_a_person(app_client, fake_rasa, 'web-2')}"
    dismissed = app_client.post(
        f"{other}/dismiss", data={"csrf_token": csrf, "reason": "false_alarm"}, headers=live
    )
    # An agent may no longer read a conversation they dismissed while it waited (not
    # theirs): rather than a page whose live refreshes would 404, back to the queue.
    assert dismissed.headers["HX-Redirect"] == "/inbox?done=dismissed"
    assert app_client.get(f"{other}/part/panel").status_code == 404
    queue = app_client.get("/inbox?done=dismissed").text
    assert 'id="dismissed"' in queue and "done=dismissed" not in queue
    # An admin still reads it: the page stays, its panel shows the closed state.
    boss = login(app_client, "boss")
    third = f"/inbox/c/{ask_for_a_person(app_client, fake_rasa, 'web-3')}"
    kept = app_client.post(
        f"{third}/dismiss", data={"csrf_token": boss, "reason": "false_alarm"}, headers=live
    )
    assert 'id="dismissed"' in kept.text and "HX-Redirect" not in kept.headers
    assert 'data-state="closed"' in app_client.get(f"{third}/part/panel").text
