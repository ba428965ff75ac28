"""An answer file's entry as the envelope the user gets: one builder for every process.

The action server sends answers built here, and the gateway builds the
emergency answer here too when it must answer by itself (Rasa down, a person
awaited): the same text wherever it comes from.
"""

from __future__ import annotations

from typing import Any

from common.content.answers import REVIEWED, Answer, Source, TopicAnswers
from common.content.emergency import calls_of, first_lines
from common.content.parts import DETAILS, DOCUMENTS, SOURCES, STEPS, WHERE, part_body
from common.content.sms import first_sms, status_of
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from common.envelope import (
    ANSWER,
    EMERGENCY,
    MENU_PAYLOAD,
    PERSON_PAYLOAD,
    ButtonData,
    Envelope,
    PartData,
    button,
    envelope,
    part_payload,
    with_text,
)
from common.i18n import _, translate
from common.languages import FALLBACK_LANGUAGE

EMERGENCY_TOPIC = "emergency"
# When even the emergency answer file cannot be read: the numbers alone.
LAST_RESORT_EMERGENCY = "Police 19 · 15 · 177"


def answer_in(topic_answers: TopicAnswers, language: str) -> Answer | None:
    """The answer in ``language``, else in French (the source)."""
    return topic_answers.get(language) or topic_answers.get(FALLBACK_LANGUAGE)


def topic_title(topic_answers: TopicAnswers | None, topic: str, language: str) -> str:
    """The title of a topic in ``language`` (French when it is missing there)."""
    if topic == "human_agent":
        return translate(language, _("Talk to a person"))
    if topic_answers is None:
        return topic.replace("_", " ")
    answer = answer_in(topic_answers, language)
    return answer.title if answer else topic


def status_line(answer: Answer) -> str:
    """The one honest status line users see under the core."""
    lang = answer.language
    if answer.status == REVIEWED and answer.reviewed:
        date = answer.reviewed.on.strftime("%d/%m/%Y")
        return translate(lang, _("Checked by a person on {date}"), date=date)
    changed = answer.last_change()
    if changed is None:
        return translate(lang, _("Draft, not yet checked by a person"))
    return translate(
        lang,
        _("Draft, not yet checked by a person (updated {date})"),
        date=changed.strftime("%d/%m/%Y"),
    )


def source_line(source: Source, language: str) -> str:
    """A source as users see it: publisher, title, year (or "undated"), link."""
    year = str(source.published.year) if source.published else translate(language, _("undated"))
    where = source.url or source.reference
    return "- " + ", ".join(x for x in (source.publisher, source.title, year, where) if x)


def part_titles(language: str) -> dict[str, str]:
    """The title of each part, in ``language`` (button labels and headings)."""
    return {
        STEPS: translate(language, _("What to do")),
        DOCUMENTS: translate(language, _("Papers to bring")),
        WHERE: translate(language, _("Where to go")),
        DETAILS: translate(language, _("Good to know")),
        SOURCES: translate(language, _("Sources")),
    }


def answer_parts(topic_answers: TopicAnswers, answer: Answer) -> list[PartData]:
    """The parts with content, in the order they are offered; the sources last."""
    titles = part_titles(answer.language)
    parts: list[PartData] = [
        {"key": key, "title": titles[key], "text": part_body(answer, key)} for key in answer.parts()
    ]
    if topic_answers.sources:
        lines = [source_line(s, answer.language) for s in topic_answers.sources]
        parts.append({"key": SOURCES, "title": titles[SOURCES], "text": "\n".join(lines)})
    return parts


def first_message(topic_answers: TopicAnswers, answer: Answer) -> str:
    """Title, core, where it applies (Mali), and the status line."""
    lines = [answer.title, answer.core]
    if topic_answers.country == "ML":
        lines.append(translate(answer.language, _("This information is about Mali.")))
    lines.append(status_line(answer))
    return "\n\n".join(line for line in lines if line)


def follow_up_buttons(
    follow_ups: tuple[str, ...], language: str, lookup: dict[str, TopicAnswers | None]
) -> list[ButtonData]:
    """Buttons for the related topics, then "menu"."""
    buttons = [button(topic_title(lookup.get(t), t, language), f"/{t}") for t in follow_ups]
    buttons.append(button(translate(language, _("Menu")), MENU_PAYLOAD))
    return buttons


def answer_envelope(
    store: AnswerStore,
    catalog: TopicCatalog,
    topic: str,
    language: str,
    kind: str = ANSWER,
    **extra: Any,
) -> Envelope | None:
    """The answer of ``topic`` in ``language`` (French when missing); None without one."""
    topic_answers = store.get(topic)
    answer = answer_in(topic_answers, language) if topic_answers else None
    if topic_answers is None or answer is None:
        return None
    spec = catalog.topics.get(topic)
    follow_ups = spec.follow_ups if spec else ()
    lookup = {t: store.get(t) for t in follow_ups}
    parts = answer_parts(topic_answers, answer)
    offered = [button(p["title"], part_payload(p["key"])) for p in parts]
    return envelope(
        kind,
        language,
        first_message(topic_answers, answer),
        [*offered, *follow_up_buttons(follow_ups, language, lookup)],
        short=first_sms(answer.sms),
        sms_status=status_of(answer),
        status_line=status_line(answer),
        parts=parts,
        calls=[{"name": c.name, "phone": c.phone} for c in answer.call] or None,
        say=answer.say or None,
        topic=topic,
        title=answer.title,
        reviewed=answer.reviewed.on.isoformat() if answer.reviewed else None,
        status=answer.status,
        country=topic_answers.country,
        audio=answer.audio,
        content_lang=answer.language,
        **extra,
    )


def emergency_envelope(store: AnswerStore, catalog: TopicCatalog, language: str) -> Envelope:
    """The emergency answer, with a hand-off to the staff; the numbers alone as a last resort.

    Its first message is short: the numbers to call and what to say
    (``common.content.emergency``); the gateway adds whether a person was
    alerted. The parts (what to do, where to go, sources) follow on request.
    """
    found = answer_envelope(
        store, catalog, EMERGENCY_TOPIC, language, kind=EMERGENCY, handoff="emergency"
    )
    topic_answers = store.get(EMERGENCY_TOPIC)
    answer = answer_in(topic_answers, language) if topic_answers else None
    if found is not None and answer is not None:
        first = with_text(found, first_lines(answer, language))
        # On SMS one message: the sms line (numbers first, what to say), then line 3.
        first["short"] = answer.sms.strip() or first["text"]
        first["calls"] = calls_of(answer)
        first.pop("status_line", None)  # three lines: the status stays with the parts
        first.pop("sms_status", None)
        # A person is alerted already: no "talk to a person" under the emergency answer.
        first["buttons"] = [b for b in found["buttons"] if b["payload"] != PERSON_PAYLOAD]
        return first
    return envelope(
        EMERGENCY,
        language,
        LAST_RESORT_EMERGENCY,
        [button(translate(language, _("Talk to a person")), PERSON_PAYLOAD)],
        short=LAST_RESORT_EMERGENCY,
        handoff="emergency",
    )


def with_risk_line(built: Envelope, language: str) -> Envelope:
    """The answer with the emergency line after its title, and a person offered first.

    For a question that mentions a possible risk (police, an arrest, threats,
    a passport kept): the topic is answered, and the way to get help now is
    one line away.
    """
    line = translate(
        language,
        _("If you are in danger now, call 19 (police) or 15 (ambulance). A person can help you:"),
    )
    title, _sep, rest = built["text"].partition("\n\n")
    person = button(translate(language, _("Talk to a person")), PERSON_PAYLOAD)
    copy = with_text(built, f"{title}\n\n{line}\n\n{rest}" if rest else f"{title}\n\n{line}")
    rest_buttons = [b for b in built["buttons"] if b["payload"] != PERSON_PAYLOAD]
    copy["buttons"] = [person, *rest_buttons]  # offered once, first
    copy["risk_line"] = line
    return copy


def with_second_topic(built: Envelope, title: str, topic: str, language: str) -> Envelope:
    """The answer with the other question of the same message offered first."""
    line = translate(language, _("You also asked about: {title}. Choose it below."), title=title)
    copy = with_text(built, f"{built['text']}\n\n{line}")
    copy["buttons"] = [button(title, f"/{topic}"), *built["buttons"]]
    return copy
