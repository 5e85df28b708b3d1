"""The handouts as plain data: sheets of questions, each with the space a person needs to answer it by hand."""

from __future__ import annotations

from dataclasses import dataclass

from exports.document import BulletList, Inline, Paper, Paragraph


@dataclass(frozen=True)
class Lines:
    """Ruled lines to write on; `count` follows the answer's expected length."""

    count: int
    numbered: bool = False


@dataclass(frozen=True)
class TickBoxes:
    """One empty box per choice."""

    choices: tuple[str, ...]


Space = Lines | TickBoxes


@dataclass(frozen=True)
class Question:
    """One question as printed: its label, short notes under it (help, hint, example), then the space."""

    label: str
    space: Space
    notes: tuple[Inline, ...] = ()
    more_room: str = ""  # said under a space that was capped: the answer may need the back of the sheet


@dataclass(frozen=True)
class RowBlock:
    """One table row as a person fills it: its title ("Message set 1") and one question per column."""

    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Grid:
    """A narrow table of short columns, kept as a grid; `widths` are in points and fit each column's longest word."""

    columns: tuple[str, ...]
    widths: tuple[float, ...]
    rows: int
    lines: int  # handwriting lines in each row


@dataclass(frozen=True)
class TableSpace:
    """A table field: its heading and notes, then either one block per row or a grid."""

    label: str
    notes: tuple[Inline, ...]
    blocks: tuple[RowBlock, ...] = ()
    grid: Grid | None = None
    legend: tuple[Inline, ...] = ()  # the choices of a grid's choice columns, printed above the grid


Item = Question | TableSpace


@dataclass(frozen=True)
class Sheet:
    """One worksheet on paper: what the running header says, its short guidance, then its questions."""

    number: int
    step: str  # "Step 3 of 8: Target audiences and partners", repeated on each of its pages
    heading: str  # "Worksheet 3: Target audiences and partners"
    purpose: str
    guidance: tuple[Paragraph | BulletList, ...]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Handouts:
    """The whole printout: a first page that explains it, then one or more pages per worksheet."""

    title: str
    language: str
    paper: Paper
    intro: Sheet  # number 0: how to use the sheets, the group's details and the list of worksheets
    contents_title: str
    pages_title: str  # the contents' column saying how many pages to print of each worksheet
    sheets: tuple[Sheet, ...]
    note: str  # the running header's far side on the first page ("Blank worksheets")
    group_label: str  # "Group or names:", with a line to write on, at the top of every page
    page_label: str  # "Page {page} of {pages}", counted within each worksheet
    right_to_left: bool = False

    def all_sheets(self) -> tuple[Sheet, ...]:
        """Return the first page's sheet, then the worksheets, in printing order."""
        return (self.intro, *self.sheets)
