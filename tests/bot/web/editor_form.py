"""Reading the editor's answer form out of its page, as a browser would submit it."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from fastapi.testclient import TestClient

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class _Form(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.fields: dict[str, str] = {}
        self.textarea: str | None = None
        self.select: str | None = None
        self.in_template = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form" and found.get("id") == "answer-form":
            self.inside = True
        if tag == "template":
            self.in_template = True
        if not self.inside or self.in_template:
            return
        name = found.get("name")
        if tag == "input" and name and found.get("type") != "submit":
            self.fields[name] = found.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self.select = name
        elif (
            tag == "option"
            and self.select
            and ("selected" in found or self.select not in self.fields)
        ):
            self.fields[self.select] = found.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "template":
            self.in_template = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data: str) -> None:
        if self.inside and self.textarea:
            self.fields[self.textarea] += data


def form_of(client: TestClient, topic: str, language: str) -> dict[str, str]:
    """The answer form's fields with their current values (the CSRF token included)."""
    parser = _Form()
    parser.feed(client.get(f"/inbox/editor/{topic}/{language}").text)
    return parser.fields


def csrf(page: str) -> str:
    """The CSRF token of a page."""
    return CSRF.search(page).group(1)  # type: ignore[union-attr]
