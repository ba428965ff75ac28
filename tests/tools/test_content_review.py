"""docs/content-review.md says what the answer files say, and is kept up to date."""

from __future__ import annotations

import shutil
from pathlib import Path

from common.content.paths import ROOT
from tools.content_review import OUT, main, render

# The checkout's answers, whatever CONTENT_DIR another test points elsewhere.
CHECKOUT = ROOT / "content" / "answers"


def test_the_committed_page_is_up_to_date() -> None:
    assert OUT.read_text(encoding="utf-8") == render(CHECKOUT), "run make content-review"


def test_a_signed_review_and_a_note_show_and_a_stale_page_is_caught(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    shutil.copytree(CHECKOUT, answers)
    out = tmp_path / "review.md"
    assert main(["--answers", str(answers), "--out", str(out)]) == 0
    assert main(["--answers", str(answers), "--out", str(out), "--check"]) == 0
    path = answers / "asylum.yml"
    text = path.read_text(encoding="utf-8").replace(
        "\nar:\n  status: draft\n",
        '\nar:\n  status: reviewed\n  reviewed:\n    by: "Karim T."\n    on: 2026-11-29\n',
        1,
    )
    head, bm = text.split("\nbm:\n")
    bm = bm.replace('review_note: "', 'review_note: "Lisez le mot réfugié. ', 1)
    text = f"{head}\nbm:\n{bm}"
    path.write_text(text, encoding="utf-8")
    assert main(["--answers", str(answers), "--out", str(out), "--check"]) == 1
    page = render(answers)
    assert "| ar | reviewed | Karim T., 2026-11-29 |" in page
    asylum = page[page.index("## asylum") :]
    bm_row = next(line for line in asylum.splitlines() if line.startswith("| bm |"))
    assert bm_row.startswith("| bm | draft | nobody yet | ")
    assert "| Lisez le mot réfugié. " in bm_row


def test_each_french_row_links_to_its_section_of_the_fact_check() -> None:
    page = render(CHECKOUT)
    fact_check = (OUT.parent / "fact-check.md").read_text(encoding="utf-8")
    headings = {line[3:] for line in fact_check.splitlines() if line.startswith("## ")}
    for section in page.split("\n## ")[1:]:
        title = section.splitlines()[0]
        fr_row = next(line for line in section.splitlines() if line.startswith("| fr |"))
        link = f"(fact-check.md#{title.replace(' (', '-').rstrip(')').lower()})"
        assert link in fr_row, title
        assert title in headings, f"docs/fact-check.md has no section '{title}'"
        for row in (line for line in section.splitlines() if line.startswith(("| ar", "| bm"))):
            assert "against the French" in row, title
