"""The content check's findings as the editor reads them: her language, the field, the fix."""

from __future__ import annotations

from bot.editor.messages import explain
from common.content.findings import Finding


def refused(problem: str) -> Finding:
    """A finding of the answer parser, pointing at the language block's line."""
    return Finding("error", "asylum.yml", 1, "schema", problem, "fix", "fr", {"problem": problem})


def test_an_empty_field_is_shown_next_to_it_in_the_editors_language() -> None:
    [title, place] = explain(
        [refused("fr title is missing or empty"), refused("fr where #1 name is missing or empty")],
        "fr:\n  core: x\n",
        "fr",
    )
    assert (title.field, place.field) == ("title", "where-0-name")
    assert title.message == "Ce champ doit être rempli."
    assert "Retirer" in place.fix  # the button's own word on the French page


def test_a_wrong_date_says_how_to_write_one_in_arabic() -> None:
    [shown] = explain(
        [refused("sources #2 consulted: 'hier' is not a date written YYYY-MM-DD")], "", "ar"
    )
    assert shown.field == "sources-1-consulted"
    assert shown.message == "هذا ليس تاريخا."


def test_other_refusals_keep_the_general_message_and_the_line() -> None:
    [shown] = explain([refused("fr status must be draft, reviewed or needs_update")], "", "en")
    assert shown.field == "status"
    assert shown.message == "This field is missing or not filled in as expected."
