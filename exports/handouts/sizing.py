"""How much paper an answer needs: lines from a field's type and length, and whether a table fits as a grid."""

from __future__ import annotations

import math

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


def expected_lines(definition: FieldBase, width_share: float = 1.0) -> int:
    """Return how many handwriting lines `definition`'s answer needs on a line `width_share` of the page wide."""
    per_line = max(8, CHARACTERS_PER_LINE * width_share)
    if isinstance(definition, LongTextField):
        return _clamp(math.ceil(definition.max_length / per_line), LONG_TEXT_LINES)
    if isinstance(definition, TextField):
        return _clamp(math.ceil(definition.max_length / per_line / 2), TEXT_LINES)  # names rarely use the whole cap
    if isinstance(definition, ListField):
        return min(definition.max_items, LIST_LINES)
    if isinstance(definition, ReferenceField):
        return 2 if definition.multiple else 1
    return 1


def is_capped(definition: FieldBase) -> bool:
    """Return True when the longest answer `definition` allows needs more lines than it is given."""
    if isinstance(definition, LongTextField):
        return definition.max_length / CHARACTERS_PER_LINE > LONG_TEXT_LINES[1]
    return False


def _clamp(value: int, bounds: tuple[int, int]) -> int:
    return max(bounds[0], min(bounds[1], value))


def is_short(column: FieldBase) -> bool:
    """Return True for a column whose answer fits a grid cell: a few words, a date, a number, a tick."""
    if isinstance(column, TextField):
        return column.max_length <= GRID_TEXT_LENGTH
    return isinstance(column, (ChoiceField, DateField, NumberField, ReferenceField)) and not isinstance(
        column, MultiChoiceField
    )


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
