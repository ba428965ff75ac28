"""The emergency answer's first message: numbers to call, what to say, the rest on request."""

from __future__ import annotations

from dataclasses import replace

from common.content import AnswerStore, TopicCatalog
from common.content.answers import Answer, Call, TopicAnswers
from common.content.emergency import calls_of, dial, first_lines, numbers_line, with_alert_line
from common.content.envelopes import emergency_envelope
from common.envelope import EMERGENCY, PERSON_PAYLOAD, envelope, part_payload

PLAIN = Answer(
    language="fr",
    status="reviewed",
    title="Urgence",
    core="Si vous êtes en danger maintenant, appelez la police au 19.",
    sms="Urgence : Police 19. Protection civile 15.",
    steps=("Appelez le 19.",),
)
LAYERED = replace(
    PLAIN,
    call=(Call("Police", "19"), Call("Protection civile", "15")),
    say="Dites où vous êtes et ce qui se passe.",
)


class OneAnswerStore(AnswerStore):
    """A store holding only the emergency answer given."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def get(self, topic: str) -> TopicAnswers | None:
        if topic != "emergency":
            return None
        return TopicAnswers("emergency", "MA", (), {"fr": self.answer})


def test_first_lines_are_the_numbers_then_what_to_say() -> None:
    lines = first_lines(LAYERED, "fr").split("\n")
    assert len(lines) == 2
    assert "Police 19" in lines[0] and "Protection civile 15" in lines[0]
    assert lines[1] == "Dites où vous êtes et ce qui se passe."


def test_without_call_and_say_the_sms_line_carries_the_numbers() -> None:
    assert first_lines(PLAIN, "fr") == PLAIN.sms
    assert calls_of(PLAIN) == []


def test_a_call_without_a_real_number_is_left_out() -> None:
    odd = replace(LAYERED, call=(Call("Police", "appelez"), Call("", "19")))
    assert calls_of(odd) == []


def test_numbers_line_is_translated() -> None:
    calls = calls_of(LAYERED)
    assert numbers_line(calls, "fr") != numbers_line(calls, "ar")
    assert "19" in numbers_line(calls, "ar")


def test_dial_keeps_digits_and_plus() -> None:
    assert dial("+212 5 22 00 00 00") == "+212522000000"
    assert dial("19") == "19"


def test_alert_line_is_the_third_line() -> None:
    built = envelope(EMERGENCY, "fr", "un\ndeux", short="un\ndeux")
    alerted = with_alert_line(built, "trois")
    assert alerted["text"] == alerted["short"] == "un\ndeux\ntrois"


def test_emergency_envelope_is_the_first_message_with_the_rest_on_request() -> None:
    built = emergency_envelope(OneAnswerStore(LAYERED), TopicCatalog.load(), "fr")
    assert built["kind"] == EMERGENCY and built.get("handoff") == "emergency"
    assert built["text"] == first_lines(LAYERED, "fr")
    assert built.get("calls") == [
        {"name": "Police", "phone": "19"},
        {"name": "Protection civile", "phone": "15"},
    ]
    # On SMS: the sms line (numbers first, what to say), without the date line.
    assert built.get("short") == LAYERED.sms and "status_line" not in built
    assert "sms_status" not in built
    payloads = [b["payload"] for b in built["buttons"]]
    assert payloads[0] == part_payload("steps") and PERSON_PAYLOAD not in payloads
