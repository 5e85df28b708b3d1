"""Blank worksheets for paper: what each worksheet asks and how much room each answer gets, before any PDF."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from campaign.fields import ChoiceField, FieldDefinition, LongTextField, TableField, TextField
from campaign.worksheet import WorksheetPack
from exports.handouts import Handouts, build_handouts, handouts_pdf
from exports.handouts.build import guidance_blocks
from exports.handouts.model import Lines, Question, TableSpace, TickBoxes
from exports.handouts.sizing import LONG_TEXT_LINES, expected_lines
from exports.wording import field_label
from tests.exports.readers import pdf_page_size, pdf_pages, squeeze


@pytest.fixture(scope="module")
def handouts(pack: WorksheetPack) -> Handouts:
    return build_handouts(pack)


def test_every_worksheet_is_a_sheet_in_pack_order_with_its_step(handouts: Handouts, pack: WorksheetPack) -> None:
    assert [sheet.heading for sheet in handouts.sheets] == [
        f"Worksheet {n}: {sheet.title}" for n, sheet in enumerate(pack.worksheets, 1)
    ]
    count = len(pack.worksheets)
    assert [sheet.step for sheet in handouts.sheets] == [
        f"Step {n} of {count}: {sheet.title}" for n, sheet in enumerate(pack.worksheets, 1)
    ]


def test_every_field_has_a_question_with_room_for_its_answer(handouts: Handouts, pack: WorksheetPack) -> None:
    for sheet, printed in zip(pack.worksheets, handouts.sheets, strict=True):
        assert len(printed.items) == len(sheet.fields)
        for definition, item in zip(sheet.fields, printed.items, strict=True):
            if isinstance(definition, TableField):
                assert isinstance(item, TableSpace)
                for block in item.blocks:
                    labels = [question.label.split(" (")[0] for question in block.questions]
                    assert labels == [field_label(column).split(" (")[0] for column in definition.columns]
                continue
            assert isinstance(item, Question)
            if isinstance(definition, ChoiceField):
                assert item.space == TickBoxes(tuple(choice.label for choice in definition.choices))
            else:
                assert isinstance(item.space, Lines) and item.space.count >= 1


def test_lines_follow_the_expected_length_between_a_minimum_and_a_cap() -> None:
    def text(length: int) -> TextField:
        return TextField(id="t", label="T", type="text", max_length=length)

    def long(length: int) -> LongTextField:
        return LongTextField(id="l", label="L", type="long_text", max_length=length)

    assert expected_lines(long(6000)) >= 10 * expected_lines(text(80))
    assert expected_lines(long(100)) == LONG_TEXT_LINES[0]  # a long text always gets a few lines
    assert expected_lines(long(50000)) == LONG_TEXT_LINES[1]  # and never more than most of a page
    sizes = [expected_lines(long(length)) for length in range(100, 8000, 100)]
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]
    assert expected_lines(long(1200), 0.25) > expected_lines(long(1200))  # a narrow cell needs more lines


def test_a_capped_answer_says_the_back_of_the_sheet_is_there(handouts: Handouts) -> None:
    media = handouts.sheets[5]
    (items,) = [item for item in media.items if isinstance(item, TableSpace)]
    body = items.blocks[0].questions[3]
    assert body.label == "Text" and body.more_room and body.space.count == LONG_TEXT_LINES[1]  # type: ignore[union-attr]


def test_column_help_is_printed_in_the_first_block_only(handouts: Handouts, pack: WorksheetPack) -> None:
    (table,) = [item for item in handouts.sheets[4].items if isinstance(item, TableSpace)]
    helps = [(column.help,) for column in pack.worksheet("messages").field("messages").columns]
    first, second = ([tuple(span.text for note in q.notes for span in note) for q in b.questions] for b in table.blocks)
    assert all(help_text[0] in notes for help_text, notes in zip(helps, first, strict=True))
    assert not any(help_text[0] in notes for help_text, notes in zip(helps, second, strict=True))


def test_guidance_keeps_paragraphs_lists_and_bold() -> None:
    paragraph, bullets = guidance_blocks("Pick the **level** that\nmatters.\n\n- one **a**\n- two\n  continued")
    assert [(s.text, s.bold) for s in paragraph.content] == [
        ("Pick the ", False),
        ("level", True),
        (" that matters.", False),
    ]
    assert [[s.text for s in item] for item in bullets.items] == [["one ", "a"], ["two continued"]]


def test_the_handouts_print_on_a4_and_letter(pack: WorksheetPack) -> None:
    pdf = handouts_pdf(pack)
    text = squeeze("".join(pdf_pages(pdf)))
    for sheet in pack.worksheets:
        assert squeeze(sheet.title) in text and squeeze(sheet.purpose) in text
    assert pdf_page_size(pdf) == pytest.approx((595.3, 841.9), abs=0.1)
    assert pdf_page_size(handouts_pdf(pack, "letter")) == pytest.approx((612, 792), abs=0.1)
    assert handouts_pdf(pack) == pdf  # the same worksheets always give the same bytes


@pytest.mark.parametrize(
    ("definition", "lines"),
    [
        ({"type": "text", "max_length": 120}, 1),
        ({"type": "text", "max_length": 121}, 2),
        ({"type": "text", "max_length": 2000}, 3),
        ({"type": "long_text", "max_length": 600}, 10),
        ({"type": "list", "max_items": 5}, 5),
        ({"type": "list", "max_items": 30}, 8),
        ({"type": "reference", "source": "a.b"}, 2),
        ({"type": "reference", "source": "a.b", "multiple": False}, 1),
        ({"type": "date"}, 1),
        ({"type": "number"}, 1),
    ],
)
def test_each_kind_of_answer_gets_the_lines_the_docs_promise(definition: dict, lines: int) -> None:
    field = TypeAdapter(FieldDefinition).validate_python({"id": "f", "label": "F", **definition})
    assert expected_lines(field) == lines
