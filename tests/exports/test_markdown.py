"""The Markdown rendering: the reviewed golden file of the example plan, and escaping of typed text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from campaign.worksheet import available_languages
from exports.document import Entry, KeyValue, Paragraph, PlanDocument, Table, inline
from exports.markdown import escape, render_markdown
from tests.exports.conftest import example_plan_in

FIXTURES = Path(__file__).parent / "fixtures"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # UPDATE_GOLDEN=1 pytest tests/exports/test_markdown.py


def golden_file(language: str) -> Path:
    """Return the reviewed Markdown of the example plan in `language` (English: example-plan.md)."""
    return FIXTURES / ("example-plan.md" if language == "en" else f"example-plan.{language}.md")


@pytest.mark.parametrize("language", available_languages())
def test_the_example_plan_matches_the_reviewed_golden_file(language: str) -> None:
    rendered = render_markdown(example_plan_in(language))
    golden = golden_file(language)
    if UPDATE:
        golden.write_text(rendered, encoding="utf-8")
    assert golden.is_file(), f"no reviewed plan in '{language}' yet: write it with UPDATE_GOLDEN=1, then read it"
    assert rendered == golden.read_text(encoding="utf-8"), (
        f"the {language} plan's Markdown changed: review `git diff` after regenerating with UPDATE_GOLDEN=1"
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
