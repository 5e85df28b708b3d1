"""Blank worksheets for paper: one or more pages per worksheet, its guidance, and room to write."""

from __future__ import annotations

import pytest

from campaign.fields import ChoiceField, TableField
from campaign.worksheet import WorksheetPack
from exports.document import BulletList, Heading, PageBreak, PlanDocument, Table, WritingLines
from exports.docx import render_docx
from exports.handouts import build_handouts, guidance_blocks
from exports.markdown import render_markdown
from exports.pdf import render_pdf
from tests.exports.readers import pdf_page_size, pdf_pages, squeeze


@pytest.fixture(scope="module")
def handouts(pack: WorksheetPack) -> PlanDocument:
    return build_handouts(pack)


def _worksheet_blocks(handouts: PlanDocument) -> list[list]:
    starts = [i for i, b in enumerate(handouts.blocks) if isinstance(b, Heading) and b.text.startswith("Worksheet ")]
    return [list(handouts.blocks[start:end]) for start, end in zip(starts, [*starts[1:], None], strict=True)]


def test_each_worksheet_starts_a_new_page_in_pack_order(handouts: PlanDocument, pack: WorksheetPack) -> None:
    sheets = _worksheet_blocks(handouts)
    assert [blocks[0].text for blocks in sheets] == [
        f"Worksheet {n}: {sheet.title}" for n, sheet in enumerate(pack.worksheets, 1)
    ]
    for start in (handouts.blocks.index(blocks[0]) for blocks in sheets):
        assert isinstance(handouts.blocks[start - 1], PageBreak)


def test_every_field_has_room_for_its_answer(handouts: PlanDocument, pack: WorksheetPack) -> None:
    for sheet, blocks in zip(pack.worksheets, _worksheet_blocks(handouts), strict=True):
        grids = [block for block in blocks if isinstance(block, Table)]
        for definition in sheet.fields:
            if isinstance(definition, TableField):
                shown = {label for grid in grids for label in grid.columns}
                assert {column.label for column in definition.columns} <= {label.split(" (")[0] for label in shown}
            elif isinstance(definition, ChoiceField):
                boxes = [b for b in blocks if isinstance(b, BulletList) and b.marker == "box"]
                assert any(len(b.items) == len(definition.choices) for b in boxes)
        assert all(grid.columns[0] == "No." and grid.row_lines >= 2 for grid in grids)
        assert any(isinstance(block, WritingLines) for block in blocks) or grids


def test_guidance_keeps_paragraphs_lists_and_bold() -> None:
    paragraph, bullets = guidance_blocks("Pick the **level** that\nmatters.\n\n- one **a**\n- two\n  continued")
    assert [(s.text, s.bold) for s in paragraph.content] == [
        ("Pick the ", False),
        ("level", True),
        (" that matters.", False),
    ]
    assert [[s.text for s in item] for item in bullets.items] == [["one ", "a"], ["two continued"]]


def test_the_handouts_print_as_pdf_with_grids(handouts: PlanDocument, pack: WorksheetPack) -> None:
    pdf = render_pdf(handouts)
    pages = pdf_pages(pdf)
    assert len(pages) >= len(pack.worksheets) + 2
    text = squeeze("".join(pages))
    for sheet in pack.worksheets:
        assert squeeze(sheet.title) in text and squeeze(sheet.purpose) in text
    assert squeeze("No.AudienceTypePriority") in text  # a grid's header row
    letter = render_pdf(build_handouts(pack, paper="letter"))
    assert pdf_page_size(letter) == pytest.approx((612, 792), abs=0.1)


def test_the_handouts_also_render_as_word_and_markdown(handouts: PlanDocument) -> None:
    assert len(render_docx(handouts)) > 10_000
    assert "- [ ] National" in render_markdown(handouts)
