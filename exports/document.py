"""The plan document: plain, frozen blocks that every renderer turns into its own format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

from campaign.i18n import Translator

Paper = Literal["a4", "letter"]


@dataclass(frozen=True)
class Span:
    """A piece of inline text; `bold` is the only emphasis the plan uses."""

    text: str
    bold: bool = False


Inline = tuple[Span, ...]


def inline(text: str, *, bold: bool = False) -> Inline:
    """Return `text` as inline content of one span."""
    return (Span(text, bold),)


def plain_text(content: Inline) -> str:
    """Return the characters of inline content, without emphasis."""
    return "".join(span.text for span in content)


@dataclass(frozen=True)
class Cover:
    """The title page: what the document is, for whom, and when."""

    kicker: str
    title: str
    subtitle: str = ""
    details: tuple[tuple[str, str], ...] = ()  # (label, value) lines
    note: str = ""
    logo: bytes | None = None  # PNG or JPEG, already checked by the builder
    status: str = ""  # "Draft: 72% complete" on a plan with required answers missing; "" on a finished one


@dataclass(frozen=True)
class ContentsEntry:
    text: str
    anchor: str = ""  # "" for a line that points at no heading (a worksheet not filled in yet)


@dataclass(frozen=True)
class Contents:
    """A table of contents listing the given headings with their page numbers where the format has pages."""

    title: str
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 = section, 2 = part of a section, 3 = a single answer
    anchor: str = ""  # set on headings the contents point at
    one_page: bool = False  # what follows, up to the next page break, is shrunk to fit one page where pages exist


@dataclass(frozen=True)
class Paragraph:
    content: Inline
    style: Literal["body", "lead", "muted", "missing"] = "body"


@dataclass(frozen=True)
class BulletList:
    items: tuple[Inline, ...]
    marker: Literal["bullet", "number", "box"] = "bullet"  # "box": an empty tick box, for paper


@dataclass(frozen=True)
class Entry:
    label: str
    value: str  # line breaks as "\n"
    missing: bool = False  # `value` says the answer is still missing; shown muted


@dataclass(frozen=True)
class KeyValue:
    """Label and value pairs shown as a two-column table; `title` heads it when set."""

    entries: tuple[Entry, ...]
    title: str = ""


@dataclass(frozen=True)
class Table:
    """A grid with a header row repeated on every page; `widths` are relative column widths."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    row_lines: int = 0  # when set, every row is at least this many lines of handwriting tall, with ruled cells
    dense: bool = False  # smaller type and padding, for summaries that should fit on one page
    total_row: bool = False  # the last row adds up the others: shown in bold
    amounts: tuple[int, ...] = ()  # the columns that hold amounts: aligned at the end, so digits line up


@dataclass(frozen=True)
class Callout:
    """A highlighted box for the one thing a reader must see, such as the goal."""

    title: str
    text: str


@dataclass(frozen=True)
class MapPoint:
    label: str
    stance: int  # 0 = most opposed ... len(stance_labels) - 1 = strongest champion
    influence: int  # 0 = lowest ... len(influence_labels) - 1 = highest
    primary: bool = True
    number: int = 0  # shown in the dot; matches the audience's number in the plan


@dataclass(frozen=True)
class PowerMap:
    """An audience power map: one dot per audience, influence against stance."""

    title: str
    stance_title: str
    influence_title: str
    stance_labels: tuple[str, ...]
    influence_labels: tuple[str, ...]
    points: tuple[MapPoint, ...]
    legend: tuple[str, str] = ("Primary audience", "Secondary audience")
    caption: str = ""
    table_columns: tuple[str, str, str] = ("Audience", "Influence", "Stance")  # for formats without pictures
    overflow: str = "Also {numbers}"  # shown in a crowded cell; {numbers} lists the numbers of the dots left out


@dataclass(frozen=True)
class TimelineBar:
    label: str
    start: dt.date
    end: dt.date
    when: str  # the dates as the plan words them


@dataclass(frozen=True)
class Milestone:
    label: str
    date: dt.date
    when: str


@dataclass(frozen=True)
class Timeline:
    """An activity timeline: one bar per activity across the campaign's months."""

    title: str
    start: dt.date  # first day of the first month shown
    end: dt.date  # last day of the last month shown
    month_labels: tuple[str, ...]  # one short label per month from `start` to `end`
    year_labels: tuple[str, ...]  # the year of each month, as shown under the month
    bars: tuple[TimelineBar, ...]
    milestones: tuple[Milestone, ...] = ()
    caption: str = ""
    table_columns: tuple[str, str] = ("Activity", "When")  # for formats without pictures


@dataclass(frozen=True)
class WritingLines:
    """Ruled lines to write on, for printed worksheets."""

    count: int
    label: str = ""
    numbered: bool = False


@dataclass(frozen=True)
class PageBreak:
    pass


Block = (
    Cover
    | Contents
    | Heading
    | Paragraph
    | BulletList
    | KeyValue
    | Table
    | Callout
    | PowerMap
    | Timeline
    | WritingLines
    | PageBreak
)
BLOCK_TYPES: tuple[type, ...] = get_args(Block)


@dataclass(frozen=True)
class PlanDocument:
    """A whole document: blocks in reading order plus what every page repeats."""

    title: str  # document title (metadata) and running header
    blocks: tuple[Block, ...]
    paper: Paper = "a4"
    header_note: str = ""  # the running header's far side (right; left in a right-to-left plan)
    page_label: str = "Page {page} of {pages}"  # footer wording; {page} and {pages} are filled in by the renderer
    author: str = ""
    language: str = "en"
    date: dt.date | None = None  # when it was prepared, for the file's properties; None leaves them unset
    status: str = ""  # the draft mark every page's footer repeats ("Draft: 72% complete"); "" when finished

    @property
    def right_to_left(self) -> bool:
        """Return True when the plan's language is written right to left (Arabic, Persian, Hebrew, Urdu…)."""
        return Translator(self.language).direction == "rtl"
