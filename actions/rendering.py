"""Turn an answer file's entry into the text and buttons the user gets."""

from __future__ import annotations

from actions.envelope import Button
from common.content import Answer, TopicAnswers
from common.i18n import _, translate

MENU_PAYLOAD = "/greet"
PERSON_PAYLOAD = "/human_agent"


def topic_title(topic_answers: TopicAnswers | None, topic: str, language: str) -> str:
    """The title of a topic in ``language`` (French when it is missing there)."""
    if topic == "human_agent":
        return translate(language, _("Talk to a person"))
    if topic_answers is None:
        return topic.replace("_", " ")
    answer = topic_answers.get(language) or topic_answers.get("fr")
    return answer.title if answer else topic


def full_text(topic_answers: TopicAnswers, answer: Answer) -> str:
    """The complete answer: text, steps, documents, places, sources, review date."""
    lang = answer.language
    parts = [answer.title, answer.full]
    if answer.steps:
        lines = [f"{i}. {step}" for i, step in enumerate(answer.steps, 1)]
        parts.append(translate(lang, _("What to do:")) + "\n" + "\n".join(lines))
    if answer.documents:
        lines = [f"- {doc}" for doc in answer.documents]
        parts.append(translate(lang, _("Documents:")) + "\n" + "\n".join(lines))
    if answer.where:
        lines = []
        for place in answer.where:
            line = f"- {place.name}"
            if place.details:
                line += f": {place.details}"
            extras = [x for x in (place.phone, place.url) if x]
            if extras:
                line += " (" + ", ".join(extras) + ")"
            lines.append(line)
        parts.append(translate(lang, _("Where to go:")) + "\n" + "\n".join(lines))
    if topic_answers.country == "ML":
        parts.append(translate(lang, _("This information is about Mali.")))
    sources = "; ".join(f"{s.title} ({s.publisher}, {s.date.year})" for s in topic_answers.sources)
    parts.append(translate(lang, _("Sources: {sources}"), sources=sources))
    parts.append(
        translate(lang, _("Checked on {date}."), date=answer.reviewed.strftime("%d/%m/%Y"))
    )
    if answer.status == "draft" and lang != "fr":
        parts.append(translate(lang, _("This translation has not yet been checked by a person.")))
    return "\n\n".join(p for p in parts if p)


def follow_up_buttons(
    follow_ups: tuple[str, ...], language: str, lookup: dict[str, TopicAnswers | None]
) -> list[Button]:
    """Buttons for the related topics, then "menu"."""
    buttons = [Button(topic_title(lookup.get(t), t, language), f"/{t}") for t in follow_ups]
    buttons.append(Button(translate(language, _("Menu")), MENU_PAYLOAD))
    return buttons
