"""An answer file's entry as the envelope the user gets: one builder for every process.

The action server sends answers built here, and the gateway builds the
emergency answer here too when it must answer by itself (Rasa down, a person
awaited): the same text wherever it comes from.
"""

from __future__ import annotations

from typing import Any

from common.content.answers import REVIEWED, Answer, TopicAnswers
from common.content.parts import DETAILS, DOCUMENTS, STEPS, WHERE, part_body
from common.content.store import AnswerStore
from common.content.topics import TopicCatalog
from common.envelope import (
    ANSWER,
    EMERGENCY,
    MENU_PAYLOAD,
    PERSON_PAYLOAD,
    ButtonData,
    Envelope,
    button,
    envelope,
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


def full_text(topic_answers: TopicAnswers, answer: Answer) -> str:
    """The complete answer: core, details, steps, documents, places, sources, status."""
    lang = answer.language
    parts = [answer.title, answer.core, part_body(answer, DETAILS)]
    if answer.steps:
        parts.append(translate(lang, _("What to do:")) + "\n" + part_body(answer, STEPS))
    if answer.documents:
        parts.append(translate(lang, _("Documents:")) + "\n" + part_body(answer, DOCUMENTS))
    if answer.where:
        parts.append(translate(lang, _("Where to go:")) + "\n" + part_body(answer, WHERE))
    if topic_answers.country == "ML":
        parts.append(translate(lang, _("This information is about Mali.")))
    sources = "; ".join(
        f"{s.title} ({s.publisher}, {s.published.year if s.published else '—'})"
        for s in topic_answers.sources
    )
    parts.append(translate(lang, _("Sources: {sources}"), sources=sources))
    if answer.status == REVIEWED and answer.reviewed:
        parts.append(
            translate(lang, _("Checked on {date}."), date=answer.reviewed.on.strftime("%d/%m/%Y"))
        )
    else:
        parts.append(translate(lang, _("This translation has not yet been checked by a person.")))
    return "\n\n".join(p for p in parts if p)


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
    return envelope(
        kind,
        language,
        full_text(topic_answers, answer),
        follow_up_buttons(follow_ups, language, lookup),
        short=answer.sms,
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
    """The emergency answer, with a hand-off to the staff; the numbers alone as a last resort."""
    found = answer_envelope(
        store, catalog, EMERGENCY_TOPIC, language, kind=EMERGENCY, handoff="emergency"
    )
    return found or envelope(
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
    copy["buttons"] = [person, *built["buttons"]]
    return copy


def with_second_topic(built: Envelope, title: str, topic: str, language: str) -> Envelope:
    """The answer with the other question of the same message offered first."""
    line = translate(language, _("You also asked about: {title}. Choose it below."), title=title)
    copy = with_text(built, f"{built['text']}\n\n{line}")
    copy["buttons"] = [button(title, f"/{topic}"), *built["buttons"]]
    return copy
