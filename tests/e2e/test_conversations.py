"""Whole conversations through the gateway, the real model and the actions."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import httpx
import pytest

from bot.config import Settings
from bot.conversation.identity import pseudonym
from common.content import AnswerStore
from tests.e2e.conftest import purge_after_silence


def say(gateway_url: str, sender: str, text: str, channel: str = "web") -> dict:
    response = httpx.post(
        f"{gateway_url}/api/messages",
        json={"sender": sender, "text": text, "channel": channel},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    return response.json()


def new_sender() -> str:
    return "e2e-" + uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def answers() -> AnswerStore:
    return AnswerStore()


@pytest.mark.parametrize(
    ("text", "language", "topic"),
    [
        ("comment avoir un permis de travail au maroc", "fr", "work_permit"),
        ("bghit nrje3 l bladi 3afak", "ar", "voluntary_return"),
        ("كيفاش نجدد بطاقة الإقامة ديالي", "ar", "residence_card_renewal"),
        ("n b'a fɛ ka segin Mali, OIM bɛ se ka n dɛmɛ wa", "bm", "voluntary_return"),
    ],
)
def test_first_question_is_answered_in_its_language(
    gateway_url: str, answers: AnswerStore, text: str, language: str, topic: str
) -> None:
    reply = say(gateway_url, new_sender(), text)
    assert reply["language"] == language
    expected = answers.get(topic).get(language)
    assert expected.core in reply["replies"][0]["text"]


def test_menu_numbers_and_follow_ups_on_whatsapp(gateway_url: str, answers: AnswerStore) -> None:
    sender = new_sender()
    # "bonjour" is written by French, Darija and Bambara speakers alike.
    languages = say(gateway_url, sender, "bonjour", "whatsapp")["replies"][0]["text"]
    assert "1. Français" in languages
    replies = say(gateway_url, sender, "1", "whatsapp")["replies"]
    menu = replies[-1]["text"]
    assert "1. Papiers et séjour" in menu
    themes = say(gateway_url, sender, "1", "whatsapp")["replies"][0]["text"]
    assert answers.get("regularization_overview").get("fr").title in themes
    answer = say(gateway_url, sender, "1", "whatsapp")["replies"][0]["text"]
    assert answers.get("regularization_overview").get("fr").core in answer


def test_sms_gets_the_sms_line_then_a_part_in_pages(gateway_url: str, answers: AnswerStore) -> None:
    sender = new_sender()
    asylum = answers.get("asylum").get("fr")
    first = say(gateway_url, sender, "je veux demander l'asile", "sms")["replies"]
    # The core alone in one segment; the date and the choices in a second, short SMS.
    assert first[0]["text"] == asylum.sms and first[0]["sms"]["segments"] == 1
    assert first[1]["text"].startswith(("Non vérifié, ", "Vérifié le "))
    assert "\n1 Que faire\n" in first[1]["text"]
    part = say(gateway_url, sender, "1", "sms")["replies"]
    assert len(part) == 1 and part[0]["sms"]["segments"] <= 3
    assert part[0]["text"].startswith(f"{asylum.title} - Que faire")
    while "Répondez PLUS" in part[-1]["text"]:
        part = say(gateway_url, sender, "PLUS", "sms")["replies"]
        assert len(part) == 1 and part[0]["sms"]["segments"] <= 3


def test_emergency_wins_in_the_middle_of_a_topic(gateway_url: str, answers: AnswerStore) -> None:
    sender = new_sender()
    say(gateway_url, sender, "permis de travail")
    reply = say(gateway_url, sender, "la police m'a arrêté, je n'ai pas de papiers", "sms")
    # One SMS: the sms line (the numbers first, what to say), whether a person was alerted.
    emergency = answers.get("emergency").get("fr")
    first = reply["replies"][0]["text"]
    assert first.startswith(emergency.sms) and all(c.phone in first for c in emergency.call)
    lines = first.split("\n")
    assert len(lines) <= 3 and "prévenue" in lines[-1]
    assert "Que faire" not in first  # nothing more under it


def test_unknown_language_asks_then_answers_the_question(gateway_url: str) -> None:
    sender = new_sender()
    menu = say(gateway_url, sender, "ok", "sms")["replies"][0]["text"]
    assert "1. Français" in menu and "3. Bamanankan" in menu
    reply = say(gateway_url, sender, "3", "sms")
    assert reply["language"] == "bm"


def test_language_can_be_changed_at_any_time(gateway_url: str) -> None:
    sender = new_sender()
    say(gateway_url, sender, "bonjour")
    reply = say(gateway_url, sender, "je veux parler en arabe")
    assert reply["language"] == "ar"
    assert reply["direction"] == "rtl"


@pytest.mark.parametrize(
    "text", ["", "😀🙏🏾👍", "papiers " * 700, "واش fɛn ka papiers 123 ??", "42"]
)
def test_bad_input_gets_a_clear_answer(gateway_url: str, text: str) -> None:
    sender = new_sender()
    say(gateway_url, sender, "bonjour")
    reply = say(gateway_url, sender, text)
    assert reply["replies"] and reply["replies"][0]["text"]


def test_delete_my_data_erases_everything_in_rasas_sql_tracker_store(
    gateway_url: str, rasa_url: str, stack_dir: Path, stack_settings: Settings
) -> None:
    """The same SQL tracker store as `make run`: the rows go, and their bytes too."""
    sender = new_sender()
    secret = "passeport numero QX7731246"
    say(gateway_url, sender, "bonjour")
    say(gateway_url, sender, '/change_language{"language":"fr"}')
    say(gateway_url, sender, f"mon {secret}, ma carte de sejour est perimee")
    user_id = pseudonym(stack_settings.pseudonym_key, "local", sender)
    tracker_db = stack_dir / "rasa-tracker.db"
    assert secret.encode() in tracker_db.read_bytes()  # it was stored: the check can fail

    asked = say(gateway_url, sender, "/delete")
    assert asked["kinds"][-1] == "confirm", asked
    reply = say(gateway_url, sender, "/affirm")
    assert reply["kinds"] == ["deleted"], reply

    tracker = httpx.get(f"{rasa_url}/conversations/{user_id}/tracker", timeout=30).json()
    assert not [e for e in tracker["events"] if e.get("event") == "user"]
    assert secret not in json.dumps(tracker)
    with sqlite3.connect(tracker_db) as connection:
        rows = connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (user_id,))
        assert rows.fetchone() == (0,)
    for path in (tracker_db, Path(stack_settings.database_url.removeprefix("sqlite:///"))):
        for file in path.parent.glob(path.name + "*"):  # the database, its journal or WAL
            assert secret.encode() not in file.read_bytes(), file.name
            assert user_id.encode() not in file.read_bytes(), file.name


def test_the_retention_purge_erases_an_inactive_user_from_rasas_sql_tracker_store(
    gateway_url: str, stack_dir: Path, stack_settings: Settings
) -> None:
    """The same erasure as /delete, run by the daily purge for a user silent too long."""
    sender = new_sender()
    secret = "passeport numero RT5512093"
    say(gateway_url, sender, '/change_language{"language":"fr"}')
    say(gateway_url, sender, f"mon {secret}, ma carte de sejour est perimee")
    user_id = pseudonym(stack_settings.pseudonym_key, "local", sender)
    tracker_db = stack_dir / "rasa-tracker.db"
    assert secret.encode() in tracker_db.read_bytes()  # it was stored: the check can fail
    assert purge_after_silence(stack_settings, user_id)[0] == 1
    with sqlite3.connect(tracker_db) as connection:
        rows = connection.execute("SELECT count(*) FROM events WHERE sender_id = ?", (user_id,))
        assert rows.fetchone() == (0,)
    for file in tracker_db.parent.glob(tracker_db.name + "*"):  # the database, journal or WAL
        assert secret.encode() not in file.read_bytes(), file.name


def test_delete_my_data_while_waiting_for_a_person(gateway_url: str) -> None:
    sender = new_sender()
    say(gateway_url, sender, '/change_language{"language":"fr"}')
    assert say(gateway_url, sender, "je veux parler a une personne de l'association")["handoff"]
    asked = say(gateway_url, sender, "/delete")
    assert asked["kinds"][-1] == "confirm", asked
    assert say(gateway_url, sender, "/affirm")["kinds"] == ["deleted"]


def test_commands_of_rasa_itself_never_silence_the_user(gateway_url: str) -> None:
    sender = new_sender()
    say(gateway_url, sender, "bonjour")
    for command in ("/restart", "/session_start", "/back", "/restart@assistant_bot"):
        assert say(gateway_url, sender, command)["replies"], command
    answer = say(gateway_url, sender, "au secours on me frappe")
    assert "19" in answer["replies"][0]["text"]


def test_not_understood_twice_a_person_is_offered_and_a_number_picks_it(
    gateway_url: str,
) -> None:
    sender = new_sender()
    say(gateway_url, sender, '/change_language{"language":"fr"}', "whatsapp")
    # Gibberish: unsure (choices) or out of scope (the topics it covers); either way not
    # understood, and the second time a person comes first among numbered choices.
    first = say(gateway_url, sender, "zorblak mifto plouk", "whatsapp")
    assert first["kinds"][0] in ("fallback", "menu", "answer")
    second = say(gateway_url, sender, "plouk zorblak mifto", "whatsapp")
    assert second["kinds"][0] == "fallback"
    assert "1." in second["replies"][0]["text"]
    picked = say(gateway_url, sender, "1", "whatsapp")
    assert picked["handoff"] is True


def test_a_new_user_typing_gibberish_is_asked_the_language_not_offered_a_person(
    gateway_url: str,
) -> None:
    # Found in a walk-through: "fr" brought the language menu, then keyboard mash was
    # answered in Darija (guessed from the mash) with "I still do not understand".
    sender = new_sender()
    assert say(gateway_url, sender, "fr")["kinds"][0] == "language_menu"
    assert say(gateway_url, sender, "qsdf zorblak plouk")["kinds"][0] == "language_menu"


def test_a_question_clearly_in_another_language_is_answered_in_it(gateway_url: str) -> None:
    sender = new_sender()
    say(gateway_url, sender, '/change_language{"language":"fr"}')
    reply = say(gateway_url, sender, "كيفاش نجدد بطاقة الإقامة ديالي اللي سالات")
    assert reply["language"] == "ar"
    assert reply["direction"] == "rtl"
    way_back = reply["replies"][-1]
    assert [b["title"] for b in way_back["buttons"]] == ["Français"]


def test_the_neighbours_cat_is_not_an_emergency(gateway_url: str) -> None:
    reply = say(gateway_url, new_sender(), "le chat de ma voisine est orange")
    assert "emergency" not in reply["kinds"]
    assert reply["handoff"] is False


def test_danger_while_waiting_for_a_person_gets_the_emergency_answer(gateway_url: str) -> None:
    sender = new_sender()
    say(gateway_url, sender, '/change_language{"language":"fr"}')
    assert say(gateway_url, sender, "je veux parler a une personne de l'association")["handoff"]
    reply = say(gateway_url, sender, "au secours il me frappe avec un couteau")
    assert reply["kinds"][0] == "emergency"
    assert "19" in reply["replies"][0]["text"]
