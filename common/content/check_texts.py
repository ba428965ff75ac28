"""Checks of an answer's texts in one language: budgets, placeholders, links, phones, words.

The budgets are those of ``docs/answer-format.md``: what a person reads first
on a small phone must stay short in every channel and encoding.
"""

from __future__ import annotations

import re
from typing import Any

from common.content.answers import Place
from common.content.findings import ERROR, WARNING, Findings
from common.content.glossary import Glossary
from common.content.parts import place_line
from common.content.sms import first_sms
from common.sms_encoding import encoding, length_in_units, single_limit

TITLE_MAX, CORE_MAX, PART_MAX, WHERE_MAX = 60, 300, 600, 700
LINE_PARTS = ("steps", "documents", "details")

PLACEHOLDERS = re.compile(
    r"\b(TODO|TBD|FIXME|XXX+)\b|\?\?\?|\+212[\s.]*0000|\[(?:à compléter|a completer|lien|link)\]",
    re.IGNORECASE,
)
# A Moroccan number written the national way (0537…, 06 12…). Malian numbers have
# no national prefix to recognise them by, so they are not caught here.
NATIONAL_PHONE = re.compile(r"(?<![\d+])0[5-8](?:[\s.-]?\d){8}(?!\d)")
INTERNATIONAL_PHONE = re.compile(r"^\+\d{1,3}(?:[\s.-]?\d){6,12}$")
SHORT_NUMBER = re.compile(r"^\d{2,4}$")  # 19, 15, 177, 141: dialled as they are
HTTP_LINK = re.compile(r"\bhttp://\S+", re.IGNORECASE)
# Simple sentences: people read on small phones, often with little schooling. A
# sentence ends at . ! ? ؟ ; or ":"; numbers (phones, dates) are not counted as words.
SENTENCE_END = re.compile(r"(?<=[.!?؟;:])\s+")
SENTENCE_MAX_WORDS = 25
READ_AS_SENTENCES = ("core", "say", "steps", "documents", "details", "where")

Path_ = tuple[str | int, ...]


def block_texts(block: dict[str, Any]) -> list[tuple[Path_, str]]:
    """Every text users see in a language block, with its key path inside the block."""
    found: list[tuple[Path_, str]] = []
    for key in ("title", "core", "sms", "say"):
        if isinstance(block.get(key), str):
            found.append(((key,), block[key]))
    for key in LINE_PARTS:
        for i, item in enumerate(block.get(key) or []):
            if isinstance(item, str):
                found.append(((key, i), item))
    for list_key, keys in (
        ("where", ("name", "details", "url", "phone")),
        ("call", ("name", "phone")),
    ):
        for i, entry in enumerate(block.get(list_key) or []):
            if isinstance(entry, dict):
                for key in keys:
                    value = entry.get(key)
                    if isinstance(value, (str, int)) and not isinstance(value, bool):
                        found.append(((list_key, i, key), str(value)))
    return found


def _too_long(out: Findings, language: str, key: str, length: int, limit: int) -> None:
    out.add(
        ERROR,
        (language, key),
        "too-long",
        f"the {language} '{key}' has {length} characters; at most {limit} fit",
        "shorten it: one idea per line, short words; move what can wait to 'details'",
        language=language,
        field=key,
        length=length,
        limit=limit,
    )


def check_budgets(out: Findings, language: str, block: dict[str, Any]) -> None:
    """Title, core, SMS line and each part within their budgets."""
    for key, limit in (("title", TITLE_MAX), ("core", CORE_MAX)):
        value = block.get(key)
        if isinstance(value, str) and len(value.strip()) > limit:
            _too_long(out, language, key, len(value.strip()), limit)
    sms = block.get("sms")
    if isinstance(sms, str) and sms.strip():
        check_first_sms(out, language, sms)
    for key in LINE_PARTS:
        lines = [v for v in block.get(key) or [] if isinstance(v, str)]
        total = sum(len(v.strip()) for v in lines)
        if total > PART_MAX:
            _too_long(out, language, key, total, PART_MAX)
    places = [
        Place(
            str(p.get("name") or ""),
            str(p.get("details") or "").strip(),
            p.get("url"),
            None if p.get("phone") is None else str(p.get("phone")),
        )
        for p in block.get("where") or []
        if isinstance(p, dict)
    ]
    where = len("\n".join(place_line(p) for p in places))
    if where > WHERE_MAX:
        _too_long(out, language, "where", where, WHERE_MAX)


def check_first_sms(out: Findings, language: str, sms: str) -> None:
    """The first SMS (the ``sms`` line as sent, Bambara in plain letters) fits ONE segment."""
    first = first_sms(sms)
    units, limit = length_in_units(first), single_limit(first)
    if units <= limit:
        return
    out.add(
        ERROR,
        (language, "sms"),
        "sms-too-long",
        f"the {language} first SMS (the SMS line) takes {units} characters in "
        f"{encoding(first)}; one SMS holds {limit}",
        "shorten it"
        + (
            " (letters like ê ç or Arabic letters make an SMS hold 70 characters instead of 160)"
            if limit == 70
            else ""
        ),
        language=language,
        field="sms",
        length=units,
        limit=limit,
        encoding=encoding(first),
    )


# What a text must not contain: pattern, finding code, message, fix, the field named.
_PATTERNS = (
    (
        PLACEHOLDERS,
        "placeholder",
        "a placeholder is left in the {language} text: '{found}'",
        "replace it with the verified fact, or remove the sentence",
        "text",
    ),
    (
        HTTP_LINK,
        "link-not-https",
        "the link {found} is not https",
        "use the https:// address of the page, or remove the link",
        "url",
    ),
    (
        NATIONAL_PHONE,
        "phone-format",
        "the phone number {found} is not in international form",
        "write it as +212 … (Morocco) or +223 … (Mali), without the leading 0",
        "phone",
    ),
)


def check_text(out: Findings, language: str, sub_path: Path_, value: str) -> None:
    """Placeholders, http links and phone numbers in one text."""
    at = (language, *sub_path)

    def line(match: re.Match[str] | None) -> int | None:
        return out.lines.line(*at, containing=match.group(0) if match else None)

    for pattern, code, message, fix, field in _PATTERNS:
        found = pattern.search(value)
        if found:
            text = found.group(0)
            out.add(
                ERROR,
                line(found),
                code,
                message.format(language=language, found=text),
                fix,
                language=language,
                **{field: text},
            )
    if sub_path[-1] == "phone" and not (
        INTERNATIONAL_PHONE.match(value.strip()) or SHORT_NUMBER.match(value.strip())
    ):
        out.add(
            ERROR,
            line(None),
            "phone-format",
            f"the phone number '{value}' is not in international form",
            "write it as +212 … or +223 …; short emergency numbers (19, 15) as dialled",
            language=language,
            phone=value,
        )


def check_sentences(out: Findings, language: str, block: dict[str, Any]) -> None:
    """A warning for each sentence longer than ``SENTENCE_MAX_WORDS`` words."""
    for sub_path, value in block_texts(block):
        if sub_path[0] not in READ_AS_SENTENCES or sub_path[-1] in ("name", "url", "phone"):
            continue
        for sentence in SENTENCE_END.split(value.strip()):
            words = sum(1 for word in sentence.split() if any(c.isalpha() for c in word))
            if words > SENTENCE_MAX_WORDS:
                out.add(
                    WARNING,
                    out.lines.line(language, *sub_path, containing=sentence[:40]),
                    "long-sentence",
                    f"a {language} sentence has {words} words: '{sentence[:50]}…'",
                    f"cut it in two or more sentences of at most {SENTENCE_MAX_WORDS} words: "
                    "one idea each, the way people speak",
                    language=language,
                    words=words,
                    limit=SENTENCE_MAX_WORDS,
                )


def check_words(out: Findings, language: str, block: dict[str, Any], glossary: Glossary) -> None:
    """Variants the glossary says to avoid, in every text of the block."""
    for sub_path, value in block_texts(block):
        for variant in glossary.variants(language, value):
            out.add(
                WARNING,
                (language, *sub_path),
                "glossary-variant",
                f"the {language} text says '{variant.found}'; the glossary's word for "
                f"'{variant.concept}' is '{variant.term}'",
                f"write '{variant.term}' instead (one concept, one word: content/glossary.yml)",
                language=language,
                concept=variant.concept,
                found=variant.found,
                term=variant.term,
            )


def check_emergency(out: Findings, language: str, block: dict[str, Any]) -> None:
    """The emergency answer names the numbers to call and what to say."""
    if not block.get("call"):
        out.add(
            ERROR,
            (language,),
            "emergency-call-missing",
            f"the {language} emergency answer has no numbers to call ('call')",
            "add 'call:' with each service's name and phone (19 police, 15 ambulance…)",
            language=language,
        )
    if not (isinstance(block.get("say"), str) and block["say"].strip()):
        out.add(
            ERROR,
            (language,),
            "emergency-say-missing",
            f"the {language} emergency answer does not say what to tell the operator ('say')",
            "add 'say:' with one short line (where you are, what is happening)",
            language=language,
        )
    sms = str(block.get("sms") or "")
    phones = [
        str(c.get("phone") or "").strip() for c in block.get("call") or [] if isinstance(c, dict)
    ]
    missing = [phone for phone in phones if phone and phone not in sms]
    if sms.strip() and missing:
        out.add(
            ERROR,
            (language, "sms"),
            "emergency-sms-numbers",
            f"the {language} emergency SMS line does not give {', '.join(missing)}",
            "on SMS the emergency answer is this line and whether a person was alerted: "
            "write every number to call in it, first, then what to say",
            language=language,
            missing=", ".join(missing),
        )
