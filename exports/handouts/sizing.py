"""How much paper an answer needs: lines from a field's type and length, and whether a table fits as a grid."""

from __future__ import annotations

import math
from dataclasses import dataclass

from campaign.dispatch import per_field_type
from campaign.fields import (
    ChoiceField,
    DateField,
    FieldBase,
    ListField,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    TableField,
    TextField,
)
from exports.fonts import text_width

CHARACTERS_PER_LINE = 60  # handwriting across a 17 cm line ruled every 8.5 mm
LONG_TEXT_LINES = (3, 22)  # the fewest and most lines a long text gets: at most most of a page
TEXT_LINES = (1, 3)
LIST_LINES = 8  # numbered lines of a list, at most
GRID_COLUMNS = 5  # a grid of more columns than this prints each row as a block instead
GRID_TEXT_LENGTH = 150  # a text column longer than this is not short enough for a grid cell
GRID_ROW_LINES = 3  # at most, per grid row
HEADER_SIZE = 8.5  # points, the grid's bold column headers
CELL_PADDING = 12.0  # points, left plus right, around a grid cell's text
NUMBER_WIDTH = 28.0  # points, the grid's row-number column


@dataclass(frozen=True)
class Writing:
    """The room an answer gets on paper: its handwriting lines, whether the longest answer needs more than that
    (so the sheet says to continue elsewhere), and whether it is short enough for a cell of a grid."""

    lines: int
    capped: bool = False
    fits_cell: bool = False


@per_field_type("handout: writing space")
def writing(definition: FieldBase, per_line: float) -> Writing:
    """Return the room `definition`'s answer needs, written `per_line` characters to a line."""


@writing.register(LongTextField)
def _long_text(definition: LongTextField, per_line: float) -> Writing:
    lines = _clamp(math.ceil(definition.max_length / per_line), LONG_TEXT_LINES)
    return Writing(lines, capped=definition.max_length / per_line > LONG_TEXT_LINES[1])


@writing.register(TextField)
def _text(definition: TextField, per_line: float) -> Writing:
    lines = _clamp(math.ceil(definition.max_length / per_line / 2), TEXT_LINES)  # names rarely use the whole cap
    return Writing(lines, fits_cell=definition.max_length <= GRID_TEXT_LENGTH)


@writing.register(ListField)
def _list(definition: ListField, per_line: float) -> Writing:
    return Writing(min(definition.max_items, LIST_LINES))


@writing.register(ReferenceField)
def _reference(definition: ReferenceField, per_line: float) -> Writing:
    return Writing(2 if definition.multiple else 1, fits_cell=True)


@writing.register(ChoiceField, DateField, NumberField)
def _one_word(definition: FieldBase, per_line: float) -> Writing:
    return Writing(1, fits_cell=True)


@writing.register(MultiChoiceField, TableField)
def _not_in_a_cell(definition: FieldBase, per_line: float) -> Writing:
    return Writing(1)  # several ticks, or a table of its own, never fit one grid cell


def expected_lines(definition: FieldBase, width_share: float = 1.0) -> int:
    """Return how many handwriting lines `definition`'s answer needs on a line `width_share` of the page wide."""
    return writing(definition, max(8, CHARACTERS_PER_LINE * width_share)).lines


def is_capped(definition: FieldBase) -> bool:
    """Return True when the longest answer `definition` allows needs more lines than it is given."""
    return writing(definition, CHARACTERS_PER_LINE).capped


def _clamp(value: int, bounds: tuple[int, int]) -> int:
    return max(bounds[0], min(bounds[1], value))


def is_short(column: FieldBase) -> bool:
    """Return True for a column whose answer fits a grid cell: a few words, a date, a number, a tick."""
    return writing(column, CHARACTERS_PER_LINE).fits_cell


def grid_widths(table: TableField, headers: list[str], number_header: str, width: float) -> tuple[float, ...] | None:
    """Return the widths of a grid of `table` in points, or None when it should print one block per row.

    A grid needs few columns, all short, and room for each header's longest word: a header is never broken
    inside a word ("Spokesperso-n").
    """
    if len(table.columns) > GRID_COLUMNS or not all(is_short(column) for column in table.columns):
        return None
    first = max(NUMBER_WIDTH, _longest_word(number_header) + CELL_PADDING)
    least = [_longest_word(header) + CELL_PADDING for header in headers]
    room = width - first
    if sum(least) > room:
        return None
    spare = room - sum(least)
    # what is left goes where answers are longest
    weights = [getattr(column, "max_length", 40) for column in table.columns]
    return (first, *(need + spare * weight / sum(weights) for need, weight in zip(least, weights, strict=True)))


def _longest_word(text: str) -> float:
    return max((text_width(word, HEADER_SIZE, bold=True) for word in text.split()), default=0.0)


def grid_lines(table: TableField, widths: tuple[float, ...], width: float) -> int:
    """Return how many handwriting lines each grid row needs for its longest column."""
    needed = [
        expected_lines(column, column_width / width)
        for column, column_width in zip(table.columns, widths[1:], strict=True)
    ]
    return max(1, min(GRID_ROW_LINES, max(needed)))
