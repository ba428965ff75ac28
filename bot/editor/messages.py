"""The content check's findings in the editor's language, next to the field to fix.

The check gives each finding a stable ``code`` and its ``params``; here each
code has a plain sentence and the fix, as interface strings (gettext), so an
editor reads them in French or Arabic without jargon or file paths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.editor.locate import KeyLines, field_name, problem_field
from common.i18n import _, translate

# code: (what is wrong, what to do)
MESSAGES: dict[str, tuple[str, str]] = {
    "yaml": (
        _("The answer could not be read."),
        _("Undo your last change and try again."),
    ),
    "schema": (
        _("This field is missing or not filled in as expected."),
        _("Fill it in: every answer needs a title, a core, an SMS line and at least one source."),
    ),
    "empty": (
        _("This field must be filled in."),
        _("Write it here. A place or a source you do not need: use “Remove”."),
    ),
    "not-a-date": (
        _("This is not a date."),
        _("Write it as year-month-day, for example 2025-03-31."),
    ),
    "unknown-topic": (
        _("This topic is not in the list of topics."),
        _("Ask an administrator to add the topic first."),
    ),
    "missing-language": (
        _("This language has no answer yet."),
        _("Write a first translation of the French text."),
    ),
    "too-long": (
        _("Too long: {length} characters, at most {limit} fit."),
        _("Shorten it: one idea per line, short words; move what can wait to 'Good to know'."),
    ),
    "sms-too-long": (
        _("Too long for one SMS: {length} characters, one SMS holds {limit}."),
        _("Shorten it. Letters like ê, ç or Arabic letters make an SMS hold 70 characters."),
    ),
    "placeholder": (
        _("Something to fill in is left here: '{text}'."),
        _("Replace it with the checked fact, or remove the sentence."),
    ),
    "link-not-https": (
        _("The link {url} is not secure (http)."),
        _("Use the address that starts with https://, or remove the link."),
    ),
    "phone-format": (
        _("The phone number {phone} is not written in international form."),
        _("Write it as +212 … (Morocco) or +223 … (Mali), without the first 0."),
    ),
    "future-date": (
        _("The date {date} is in the future."),
        _("Write the date it really happened."),
    ),
    "reviewed-without-reviewer": (
        _("Marked as checked, but not by whom and when."),
        _("Use the 'Mark reviewed' button with the reviewer's name."),
    ),
    "reviewer-not-a-person": (
        _("'{by}' does not look like a person's name."),
        _("Only a person who read the text against its sources can mark it reviewed."),
    ),
    "old-review": (
        _("Last checked by a person on {date}, a long time ago."),
        _("Check it against its sources again, then mark it reviewed."),
    ),
    "stale-translation": (
        _("The French text changed on {french}, after this translation (French of {followed})."),
        _("Read the French changes below, update the translation, then save."),
    ),
    "draft": (
        _("Not yet checked by a person."),
        _("A person who reads this language checks it with the sources, then marks it reviewed."),
    ),
    "source-kind": (
        _("The kind of source '{kind}' is not one of the list."),
        _("Choose law, official body, UN agency, NGO guide or press."),
    ),
    "published-is-consulted": (
        _("The publication date is the day it was consulted."),
        _("Write the date printed on the source, or 'unknown' when it shows none."),
    ),
    "published-after-consulted": (
        _("The publication date is after the day the source was consulted."),
        _("Write the date printed on the source, and the day someone read it."),
    ),
    "long-sentence": (
        _("A sentence has {words} words; at most {limit} read easily on a small phone."),
        _("Cut it in two or more short sentences: one idea each, the way people speak."),
    ),
    "status-in-text": (
        _("The text says whether the answer was checked; the assistant already shows it."),
        _("Remove it from the text: users would see two statuses."),
    ),
    "source-unfindable": (
        _("This source has neither a link nor a reference, so nobody can check it."),
        _("Add its https:// link, or a reference (for a law: the Bulletin officiel number)."),
    ),
    "press-only": (
        _("Every source is the press; a rule needs an official text or a recognised NGO guide."),
        _("Add the law, the ministry's or UNHCR's page, or an NGO guide that states the rule."),
    ),
    "glossary-variant": (
        _("The text says '{found}'; the glossary's word is '{term}'."),
        _("Write '{term}' instead: one concept, one word."),
    ),
    "emergency-call-missing": (
        _("The emergency answer has no numbers to call."),
        _("Add each service's name and phone (19 police, 15 ambulance…)."),
    ),
    "emergency-sms-numbers": (
        _("The emergency SMS line does not give {missing}."),
        _("On SMS the emergency answer is this line: write every number to call first."),
    ),
    "emergency-say-missing": (
        _("The emergency answer does not say what to tell the operator."),
        _("Add one short line: where you are, what is happening."),
    ),
}
UNKNOWN = (
    _("There is a problem with this answer."),
    _("Ask the team's developer to look at the content check."),
)


@dataclass(frozen=True)
class Shown:
    """A finding as the page shows it: the field, how bad, what and what to do."""

    field: str
    level: str
    message: str
    fix: str
    language: str | None


def _filled(template: str, language: str, params: dict[str, Any]) -> str:
    text = template if language == "en" else translate(language, template)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def _schema_code(problem: str) -> str:
    """A refused answer's problem as a more precise message code, when there is one."""
    if problem.endswith("is missing or empty"):
        return "empty"
    if "is not a date" in problem:
        return "not-a-date"
    return "schema"


def explain(findings: list[Any], text: str, staff_language: str) -> list[Shown]:
    """Each finding in ``staff_language``, with the form field it is about."""
    lines = KeyLines(text)
    shown = []
    for finding in findings:
        params = dict(getattr(finding, "params", {}) or {})
        params.pop("language", None)  # the page names the language; messages need not
        code, field = finding.code, field_name(lines.path_at(finding.line))
        if code == "schema":
            problem = str(params.get("problem", ""))
            code, field = _schema_code(problem), problem_field(problem) or field
        message, fix = MESSAGES.get(code, UNKNOWN)
        shown.append(
            Shown(
                field,
                finding.level,
                _filled(message, staff_language, params),
                _filled(fix, staff_language, params),
                finding.language,
            )
        )
    return shown
