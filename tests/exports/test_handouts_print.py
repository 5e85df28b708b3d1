"""The printed handouts in every language on A4 and Letter, read back with pdfplumber as a facilitator holds them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pytest

from campaign.fields import LongTextField, TableField, TextField
from exports.handouts import Handouts, build_handouts, render_handouts
from exports.handouts.flowables import FEW_LINES, MIN_LINES
from exports.handouts.model import Lines, TickBoxes
from exports.handouts.sizing import LONG_TEXT_LINES
from tests.exports.conftest import pack_in
from tests.exports.handout_pages import Mark, Page, expected_marks, footer_numbers, lines_of, locate, read_pages
from tests.exports.readers import squeeze

LANGUAGES = ("en", "fr", "es", "pt")
PRINTS = [(language, paper) for language in LANGUAGES for paper in ("a4", "letter")]


@dataclass
class Printout:
    handouts: Handouts
    pages: list[Page]
    marks: list[Mark]


@cache
def printout(language: str, paper: str) -> Printout:
    handouts = build_handouts(pack_in(language), paper=paper)  # type: ignore[arg-type]
    pages = read_pages(render_handouts(handouts), paper)
    return Printout(handouts, pages, locate(expected_marks(handouts), pages))


@pytest.mark.parametrize(("language", "paper"), PRINTS)
def test_every_label_prints_whole_words_on_the_page_where_its_writing_space_starts(language: str, paper: str) -> None:
    # `locate` finds each heading, block title and label as the same whole words, in order: a word broken
    # over two lines ("Spokesperso-n") is not found
    for mark in printout(language, paper).marks:
        if mark.question is None:
            continue
        space = mark.rules if isinstance(mark.question.space, Lines) else mark.boxes
        assert space, f"{mark.text!r} has no space below it"
        assert space[0][0] == mark.page, f"{mark.text!r} is on page {mark.page}, its space starts on {space[0][0]}"
        if isinstance(mark.question.space, TickBoxes):
            assert len(mark.boxes) == len(mark.question.space.choices)


@pytest.mark.parametrize(("language", "paper"), PRINTS)
def test_no_page_is_under_a_quarter_full_except_a_worksheets_last(language: str, paper: str) -> None:
    from exports import brand

    result = printout(language, paper)
    frame = result.pages[0].height - brand.MARGIN_TOP - brand.MARGIN_BOTTOM
    for page in result.pages:
        number, total = footer_numbers(page, result.handouts.page_label)
        filled = (page.bottom - brand.MARGIN_TOP) / frame
        assert number == total or filled >= 0.25, f"page {page.number} is only {filled:.0%} full"


@pytest.mark.parametrize(("language", "paper"), PRINTS)
def test_every_page_names_its_worksheet_step_group_line_and_page_x_of_y(language: str, paper: str) -> None:
    result = printout(language, paper)
    handouts = result.handouts
    sheets = handouts.all_sheets()
    starts = [next(mark.page for mark in result.marks if mark.text == sheet.heading) for sheet in sheets]
    ends = [*starts[1:], len(result.pages) + 1]
    expected = [
        (sheet.step, number, end - start)
        for sheet, start, end in zip(sheets, starts, ends, strict=True)
        for number in range(1, end - start + 1)
    ]
    assert len(expected) == len(result.pages)
    for page, (step, number, total) in zip(result.pages, expected, strict=True):
        header = squeeze(page.header)
        assert squeeze(handouts.group_label) in header  # the line for the group's names
        assert squeeze(step) in header.replace(squeeze(handouts.group_label), "")  # a step may wrap under it
        assert footer_numbers(page, handouts.page_label) == (number, total)


@pytest.mark.parametrize(("language", "paper"), PRINTS)
def test_each_worksheet_starts_a_page_and_shows_its_first_question_there(language: str, paper: str) -> None:
    # guidance short enough to read at a table: it leaves room on the first page for the first question
    result = printout(language, paper)
    headings = {sheet.heading for sheet in result.handouts.all_sheets()}
    marks = result.marks
    for index, mark in enumerate(marks):
        if mark.text in headings:
            assert index == 0 or marks[index - 1].page < mark.page
            first_question = next(later for later in marks[index + 1 :] if later.question is not None)
            assert first_question.page == mark.page, f"{mark.text!r}: its first question is on the next page"


@pytest.mark.parametrize(("language", "paper"), [("en", "a4"), ("fr", "letter")])
def test_writing_space_grows_with_the_answers_expected_length(language: str, paper: str) -> None:
    result = printout(language, paper)
    pack = pack_in(language)
    printed = _lines_by_field(result, pack)
    media_body, country = printed[("media", "body")], printed[("profile", "country")]
    assert media_body >= 6 * country  # a press release of 6,000 characters against a country's name
    sized = [(d.max_length, isinstance(d, LongTextField), printed[key]) for key, d in _text_fields(pack).items()]
    for length, long, lines in sized:
        for other_length, _, other_lines in sized:
            # never fewer lines for twice the characters (but for the few lines a space loses rather than
            # take a page of its own), and a long text twice the lines of an answer five times shorter, up to
            # the most a page can give
            if length >= 2 * other_length:
                assert lines + FEW_LINES >= other_lines, (length, lines, other_length, other_lines)
            if long and length >= 5 * other_length:
                assert lines >= min(2 * other_lines, LONG_TEXT_LINES[1] - FEW_LINES), (length, other_length)


def _text_fields(pack) -> dict[tuple[str, str], TextField | LongTextField]:  # type: ignore[no-untyped-def]
    fields = {}
    for sheet in pack.worksheets:
        for definition in sheet.fields:
            for one in definition.columns if isinstance(definition, TableField) else [definition]:
                if isinstance(one, (TextField, LongTextField)):
                    fields[(sheet.id, one.id)] = one
    return fields


def _lines_by_field(result: Printout, pack) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    """Return the lines printed for each text field (a table column: in its first block), by worksheet and id."""
    from exports.wording import field_label

    lines: dict[tuple[str, str], int] = {}
    marks = iter(result.marks)
    for sheet in pack.worksheets:
        for definition in sheet.fields:
            for one in definition.columns if isinstance(definition, TableField) else [definition]:
                label = field_label(one)
                mark = next(mark for mark in marks if mark.question is not None and mark.text.startswith(label))
                lines[(sheet.id, one.id)] = lines_of(mark)
    return lines


@pytest.mark.parametrize("language", LANGUAGES)
def test_message_sets_and_media_items_print_one_block_per_row(language: str) -> None:
    result = printout(language, "a4")
    pack = pack_in(language)
    for sheet_id, field_id in (("messages", "messages"), ("media", "items")):
        table = pack.worksheet(sheet_id).field(field_id)
        sheet = next(s for s in result.handouts.sheets if s.heading.endswith(pack.worksheet(sheet_id).title))
        (space,) = [item for item in sheet.items if getattr(item, "blocks", ())]
        assert len(space.blocks) >= 2 and space.grid is None
        texts = [mark.text for mark in result.marks]
        for block in space.blocks:
            start = texts.index(block.title)
            labels = [text.split(" (")[0] for text in texts[start + 1 : start + 1 + len(table.columns)]]
            assert labels == [column.label.split(" (")[0] for column in table.columns]


@pytest.mark.parametrize(("language", "paper"), PRINTS)
def test_a_space_over_two_pages_keeps_three_lines_with_its_question_and_carries_three_or_more(
    language: str, paper: str
) -> None:
    result = printout(language, paper)
    carried = 0
    for mark in result.marks:
        pages = sorted({page for page, _ in mark.rules})
        if len(pages) < 2:
            continue
        carried += 1
        for page in pages:
            assert sum(1 for on, _ in mark.rules if on == page) >= MIN_LINES, (mark.text, page)
        for page in pages[1:]:  # the lines carried over are headed by the question's name
            assert squeeze(mark.text) in squeeze(" ".join(w["text"] for w in result.pages[page - 1].words[:12]))
    assert carried  # the long answers of the pack do go over


@pytest.mark.parametrize(("language", "paper"), [("en", "a4"), ("pt", "letter")])
def test_lines_are_ruled_every_eight_and_a_half_millimetres(language: str, paper: str) -> None:
    millimetres = {
        round((later - top) * 25.4 / 72, 1)
        for mark in printout(language, paper).marks
        if mark.question is not None
        for (page, top), (later_page, later) in zip(mark.rules, mark.rules[1:], strict=False)
        if page == later_page
    }
    assert millimetres == {8.5}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_page_lists_each_worksheet_with_the_pages_it_takes(language: str) -> None:
    result = printout(language, "a4")
    first = result.pages[0]
    counts = [footer_numbers(page, result.handouts.page_label)[1] for page in result.pages]
    for sheet in result.handouts.sheets:
        start = next(mark.page for mark in result.marks if mark.text == sheet.heading)
        line = [w for w in first.words if abs(w["bottom"] - _bottom_of(first, sheet.heading)) < 3]
        assert line[-1]["text"] == str(counts[start - 1]), sheet.heading


def _bottom_of(page: Page, text: str) -> float:
    words = text.split()
    texts = [word["text"] for word in page.words]
    index = next(i for i in range(len(texts)) if texts[i : i + len(words)] == words)
    return page.words[index + len(words) - 1]["bottom"]
