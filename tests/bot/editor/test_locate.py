"""Which form field a finding's line is about."""

from __future__ import annotations

from bot.editor.locate import KeyLines, field_name, problem_field

TEXT = """topic: asylum
country: MA
sources:
  - title: Loi
    url: http://example.org
fr:
  title: Asile
  core: >-
    Une phrase
    sur deux lignes
  steps:
    - un
    - deux
  where:
    - name: HCR
      phone: 0537000000
"""


def test_each_line_gives_its_deepest_key() -> None:
    lines = KeyLines(TEXT)
    assert lines.path_at(2) == ("country",)
    assert lines.path_at(5) == ("sources", 0, "url")
    assert lines.path_at(10) == ("fr", "core")  # inside the folded text
    assert lines.path_at(13) == ("fr", "steps", 1)
    assert lines.path_at(16) == ("fr", "where", 0, "phone")
    assert lines.path_at(None) == ()


def test_key_paths_name_the_form_fields() -> None:
    assert field_name(("fr", "where", 0, "phone")) == "where-0-phone"
    assert field_name(("sources", 1, "url")) == "sources-1-url"
    assert field_name(("sources", 2)) == "sources-2-title"
    assert field_name(("ar", "steps", 3)) == "steps"
    assert field_name(("ar", "reviewed", "by")) == "status"
    assert field_name(("country",)) == "country"
    assert field_name(("topic",)) == ""


def test_problems_of_the_answer_parser_name_their_field() -> None:
    # A missing field has no line of its own: the parser's words say where it is.
    assert problem_field("fr title is missing or empty") == "title"
    assert problem_field("ar where #2 name is missing or empty") == "where-1-name"
    assert problem_field("sources #1 published (or unknown): 'x' is not a date") == (
        "sources-0-published"
    )
    assert problem_field("sources: at least one source (title, publisher, kind) is needed") == (
        "sources"
    )
    assert problem_field("bm reviewed on: 'x' is not a date written YYYY-MM-DD") == "status"
    assert problem_field("fr: the French answer (the source) is missing") == ""
    assert problem_field("topic is 'x' but the file is named y.yml") == ""
