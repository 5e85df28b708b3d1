"""Tables on paper: a narrow table of short columns stays a grid whose headers break only between words; any
other table prints one block of labelled writing spaces per row. Lengths on a pack made for the purpose."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from campaign.worksheet import PackInfo, Worksheet, WorksheetPack
from exports.fonts import text_width
from exports.handouts import build_handouts, handouts_pdf
from exports.handouts.model import Question, TableSpace
from exports.handouts.sizing import CELL_PADDING, HEADER_SIZE
from tests.exports.handout_pages import expected_marks, lines_of, locate, read_pages

NARROW = {
    "id": "spokespeople",
    "label": "Spokespeople",
    "type": "table",
    "columns": [
        {"id": "name", "label": "Spokesperson", "type": "text", "max_length": 100},
        {"id": "kind", "label": "Type de changement", "type": "choice", "choices": [{"id": "a", "label": "Loi"}]},
        {"id": "since", "label": "Responsibilities since", "type": "date"},
        {"id": "count", "label": "Decision-makers reached", "type": "number"},
    ],
}
WIDE = {
    "id": "stories",
    "label": "Stories",
    "type": "table",
    "columns": [
        {"id": "who", "label": "Who", "type": "text", "max_length": 80},
        {"id": "story", "label": "The story", "type": "long_text", "max_length": 1200},
    ],
}


def _pack(*fields: dict) -> WorksheetPack:
    sheet = Worksheet.model_validate(
        {
            "id": "sheet",
            "title": "Test sheet",
            "short_title": "Test",
            "purpose": "Check what paper gives each answer.",
            "guidance": "Write **clearly**.",
            "fields": list(fields),
        }
    )
    return WorksheetPack(info=PackInfo(id="test", title="Test pack"), worksheets=(sheet,))


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_narrow_table_of_short_columns_stays_a_grid_that_fits_each_headers_longest_word(paper: str) -> None:
    pack = _pack(NARROW)
    (table,) = build_handouts(pack, paper=paper).sheets[0].items
    assert isinstance(table, TableSpace) and table.grid is not None and not table.blocks
    for header, width in zip(table.grid.columns, table.grid.widths, strict=True):
        assert all(text_width(word, HEADER_SIZE, bold=True) + CELL_PADDING <= width + 0.01 for word in header.split())
    with pdfplumber.open(io.BytesIO(handouts_pdf(pack, paper))) as pdf:  # type: ignore[arg-type]
        printed = {word["text"] for page in pdf.pages for word in page.extract_words()}
    for header in table.grid.columns:
        assert set(header.split()) <= printed, header  # "Spokesperso" + "n" would not be "Spokesperson"
    assert "Type de changement:" in " ".join(printed) or "changement:" in printed  # its choices' legend


def test_a_table_with_a_long_column_or_many_columns_prints_one_block_per_row() -> None:
    many = {**NARROW, "id": "many", "columns": [*NARROW["columns"], *WIDE["columns"]]}
    for definition in (WIDE, many):
        (table,) = build_handouts(_pack(definition)).sheets[0].items
        assert isinstance(table, TableSpace) and table.grid is None and len(table.blocks) == 2
        for block in table.blocks:
            assert [question.label for question in block.questions] == [c["label"] for c in definition["columns"]]


def test_a_long_text_of_6000_characters_gets_much_more_room_than_a_text_of_80() -> None:
    pack = _pack(
        {"id": "short", "label": "Short answer", "type": "text", "max_length": 80},
        {"id": "release", "label": "Press release", "type": "long_text", "max_length": 6000},
        WIDE,
    )
    handouts = build_handouts(pack)
    marks = locate(expected_marks(handouts), read_pages(handouts_pdf(pack), "a4"))
    lines = {mark.text: lines_of(mark) for mark in marks if isinstance(mark.question, Question)}
    assert lines["Short answer"] >= 1 and lines["Press release"] >= 15 * lines["Short answer"]
    assert lines["The story"] >= 10 * lines["Who"]  # in a row's block too


def test_a_question_too_long_for_any_page_flows_over_pages_instead_of_failing() -> None:
    # a pack author's very long help, or a choice of 90 options, cannot stay whole on one page
    many = [{"id": f"c{n}", "label": f"Option number {n}"} for n in range(90)]
    pack = _pack(
        {"id": "long", "label": "Long help", "type": "long_text", "help": "Explain. " * 900, "max_length": 600},
        {"id": "many", "label": "Many options", "type": "multi_choice", "choices": many},
        {"id": "after", "label": "After them", "type": "list", "max_items": 8},
    )
    handouts = build_handouts(pack)
    pages = read_pages(handouts_pdf(pack), "a4")
    marks = locate(expected_marks(handouts), pages)
    assert len(pages) >= 3 and sum(len(page.boxes) for page in pages) == 90
    assert lines_of(next(mark for mark in marks if mark.text == "After them")) == 8
