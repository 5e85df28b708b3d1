"""The Markdown rendering: the reviewed golden file of the example plan, and escaping of typed text."""

from __future__ import annotations

import os
from pathlib import Path

from exports.document import Entry, KeyValue, Paragraph, PlanDocument, Table, inline
from exports.markdown import escape, render_markdown

GOLDEN = Path(__file__).parent / "fixtures" / "example-plan.md"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # UPDATE_GOLDEN=1 pytest tests/exports/test_markdown.py


def test_the_example_plan_matches_the_reviewed_golden_file(example_plan: PlanDocument) -> None:
    rendered = render_markdown(example_plan)
    if UPDATE:
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8"), (
        "the plan's Markdown changed: review `git diff` after regenerating with UPDATE_GOLDEN=1"
    )


def test_typed_markup_is_shown_literally() -> None:
    assert escape("<b>x</b> & *y* _z_ [link](http://a) `code` a|b") == (
        r"\<b\>x\</b\> \& \*y\* \_z\_ \[link\](http://a) \`code\` a\|b"
    )


def test_text_that_would_start_a_block_is_escaped_only_at_line_starts() -> None:
    assert escape("# not a heading\n1. not a list\n- nor this\n> nor a quote") == (
        "\\# not a heading\n1\\. not a list\n\\- nor this\n\\> nor a quote"
    )
    assert escape("2027-03-01 is 1. in line", block=True) == "2027-03-01 is 1. in line"


def test_tables_keep_line_breaks_and_pipes_inside_cells() -> None:
    document = PlanDocument("T", (Table(("A", "B"), (("one\ntwo", "x|y"),)),))
    assert "| one<br>two | x\\|y |" in render_markdown(document)


def test_missing_answers_are_shown_in_italics() -> None:
    document = PlanDocument("T", (KeyValue((Entry("Country", "Not answered yet", missing=True),)),))
    assert "- **Country:** *Not answered yet*" in render_markdown(document)
    assert render_markdown(PlanDocument("T", (Paragraph(inline("Gone"), "missing"),))) == "*Gone*\n"
