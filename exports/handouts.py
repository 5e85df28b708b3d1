"""Blank worksheets for paper: the same worksheet files laid out with space to write, for groups without laptops."""

from __future__ import annotations

import math
import re

from campaign.fields import (
    ChoiceField,
    FieldBase,
    ListField,
    LongTextField,
    MultiChoiceField,
    ReferenceField,
    TableField,
    TextField,
)
from campaign.worksheet import Worksheet, WorksheetPack
from exports.document import (
    Block,
    BulletList,
    Contents,
    ContentsEntry,
    Cover,
    Heading,
    Inline,
    PageBreak,
    Paper,
    Paragraph,
    PlanDocument,
    Span,
    Table,
    WritingLines,
    inline,
)
from exports.sections import column_weight
from exports.wording import clean, field_label

GRID_WEIGHT = 7.5  # how much a portrait page holds across before a table is split into parts
BLANK_ROWS = 5


def build_handouts(pack: WorksheetPack, *, paper: Paper = "a4") -> PlanDocument:
    """Return printable blank worksheets: a cover, how to use them, then one or more pages per worksheet."""
    blocks: list[Block] = [
        Cover(
            "Blank worksheets",
            clean(pack.info.title),
            "Campaign planning on paper",
            note="Fill these pages in as a group, then type the answers into the Advocacy Campaign Builder.",
        ),
        PageBreak(),
        Heading("Before you start", 1),
        Paragraph(
            inline(
                "Work through the worksheets in order: each one builds on the answers before it. Write clearly, one "
                "answer per line, and number the rows of every table so they can be typed in later without guessing."
            )
        ),
        WritingLines(1, "Campaign name"),
        WritingLines(2, "Who filled these in"),
        WritingLines(1, "Date"),
        Contents(
            "The worksheets",
            tuple(
                ContentsEntry(_title(sheet, number), f"sheet-{sheet.id}")
                for number, sheet in enumerate(pack.worksheets, 1)
            ),
        ),
    ]
    for number, sheet in enumerate(pack.worksheets, start=1):
        blocks += [PageBreak(), *worksheet_page(sheet, number, pack)]
    return PlanDocument(
        title=clean(pack.info.title),
        blocks=tuple(blocks),
        paper=paper,
        header_note="Blank worksheets",
        language=pack.info.language,
    )


def _title(sheet: Worksheet, number: int) -> str:
    return f"Worksheet {number}: {clean(sheet.title)}"


def worksheet_page(sheet: Worksheet, number: int, pack: WorksheetPack) -> list[Block]:
    """Return one worksheet: its purpose, guidance and tips, then every field with room for the answer."""
    blocks: list[Block] = [
        Heading(_title(sheet, number), 1, f"sheet-{sheet.id}"),
        Paragraph(inline(clean(sheet.purpose)), "lead"),
        *guidance_blocks(sheet.guidance),
    ]
    if sheet.tips:
        blocks += [Heading("Tips", 3), BulletList(tuple(inline(clean(tip)) for tip in sheet.tips))]
    for definition in sheet.fields:
        blocks += field_space(definition, pack)
    return blocks


def field_space(definition: FieldBase, pack: WorksheetPack) -> list[Block]:
    """Return a field's question, its help and the space to answer it on paper."""
    if isinstance(definition, TableField):
        return _table_space(definition, pack)
    label = field_label(definition) + (" (required)" if definition.required else "")
    blocks: list[Block] = [Heading(label, 3)]
    if definition.help:
        blocks.append(Paragraph(inline(clean(definition.help)), "muted"))
    if isinstance(definition, ChoiceField):
        hint = "Tick all that apply." if isinstance(definition, MultiChoiceField) else "Tick one."
        blocks += [
            Paragraph(inline(hint), "muted"),
            BulletList(tuple(inline(clean(choice.label)) for choice in definition.choices), marker="box"),
        ]
        return blocks
    if isinstance(definition, ReferenceField):
        source = pack.source_table(definition)
        what = f"{clean(source.row_name).lower()}s"
        blocks += [Paragraph(inline(f"Write the numbers or names of the {what} from the earlier worksheet."), "muted")]
        return [*blocks, WritingLines(2)]
    if (
        isinstance(definition, (TextField, LongTextField))
        and isinstance(definition.example, str)
        and definition.example
    ):
        blocks.append(Paragraph((Span("Example: ", bold=True), Span(clean(definition.example))), "muted"))
    return [*blocks, _lines_for(definition)]


def _lines_for(definition: FieldBase) -> WritingLines:
    if isinstance(definition, ListField):
        return WritingLines(min(definition.max_items, 6), numbered=True)
    if isinstance(definition, LongTextField):
        return WritingLines(max(3, min(8, math.ceil(definition.max_length / 250))))
    if isinstance(definition, TextField):
        return WritingLines(1 if definition.max_length <= 120 else 2)
    return WritingLines(1)


def _table_space(table: TableField, pack: WorksheetPack) -> list[Block]:
    """Return a table's heading and one or more blank grids whose rows are numbered alike."""
    blocks: list[Block] = [Heading(clean(table.label) + (" (required)" if table.required else ""), 2)]
    if table.help:
        blocks.append(Paragraph(inline(clean(table.help)), "muted"))
    groups = _column_groups(table)
    rows = min(table.max_rows, BLANK_ROWS)
    if len(groups) > 1:
        blocks.append(
            Paragraph(
                inline(
                    f"This table is printed in {len(groups)} parts: give each {clean(table.row_name).lower()} the same "
                    "number in every part."
                ),
                "muted",
            )
        )
    for group in groups:
        tall = any(isinstance(column, LongTextField) for column in group)
        blocks.append(
            Table(
                ("No.", *(field_label(column) for column in group)),
                tuple((str(n), *("" for _ in group)) for n in range(1, rows + 1)),
                (0.45, *(_handout_weight(column) for column in group)),
                row_lines=4 if tall else 2,
            )
        )
    choices = [column for column in table.columns if isinstance(column, ChoiceField)]
    for column in choices:
        options = " · ".join(clean(choice.label) for choice in column.choices)
        blocks.append(Paragraph((Span(f"{field_label(column)}: ", bold=True), Span(options)), "muted"))
    return blocks


def _handout_weight(column: FieldBase) -> float:
    # a header word must fit across its column: "Decision-maker" split over two lines reads badly
    longest = max(len(word) for word in field_label(column).split())
    return max(column_weight(column), 0.09 * longest)


def _column_groups(table: TableField) -> list[list[FieldBase]]:
    groups: list[list[FieldBase]] = [[]]
    used = 0.0
    for column in table.columns:
        weight = column_weight(column)
        if groups[-1] and used + weight > GRID_WEIGHT:
            groups.append([])
            used = 0.0
        groups[-1].append(column)
        used += weight
    return groups


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def guidance_blocks(markdown: str) -> list[Block]:
    """Return a worksheet's guidance (paragraphs, "- " lists and **bold**) as plan blocks."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", clean(markdown)):
        text: list[str] = []
        items: list[str] = []
        for line in (line.strip() for line in chunk.splitlines()):
            if line.startswith("- "):
                items.append(line[2:])
            elif items:
                items[-1] += " " + line  # a list item wrapped onto the next line
            elif line:
                text.append(line)
        if text:
            blocks.append(Paragraph(_spans(" ".join(text))))
        if items:
            blocks.append(BulletList(tuple(_spans(item) for item in items)))
    return blocks


def _spans(text: str) -> Inline:
    parts = _BOLD.split(text)
    return tuple(Span(part, bold=index % 2 == 1) for index, part in enumerate(parts) if part)
