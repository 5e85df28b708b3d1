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
from campaign.i18n import Translator, translator
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
from exports.wording import PAGE_LABEL, clean, field_label

GRID_WEIGHT = 7.5  # how much a portrait page holds across before a table is split into parts
BLANK_ROWS = 5


def build_handouts(pack: WorksheetPack, *, paper: Paper = "a4") -> PlanDocument:
    """Return printable blank worksheets in the pack's language: a cover, how to use them, then one or more
    pages per worksheet."""
    t = translator(pack.info.language)
    blocks: list[Block] = [
        Cover(
            t("Blank worksheets"),
            clean(pack.info.title),
            t("Campaign planning on paper"),
            note=t("Fill these pages in as a group, then type the answers into the Advocacy Campaign Builder."),
        ),
        PageBreak(),
        Heading(t("Before you start"), 1),
        Paragraph(
            inline(
                t(
                    "Work through the worksheets in order: each one builds on the answers before it. Write clearly, "
                    "one answer per line, and number the rows of every table so they can be typed in later without "
                    "guessing."
                )
            )
        ),
        WritingLines(1, t("Campaign name")),
        WritingLines(2, t("Who filled these in")),
        WritingLines(1, t("Date")),
        Contents(
            t("The worksheets"),
            tuple(
                ContentsEntry(_title(sheet, number, t), f"sheet-{sheet.id}")
                for number, sheet in enumerate(pack.worksheets, 1)
            ),
        ),
    ]
    for number, sheet in enumerate(pack.worksheets, start=1):
        blocks += [PageBreak(), *worksheet_page(sheet, number, pack, t)]
    return PlanDocument(
        title=clean(pack.info.title),
        blocks=tuple(blocks),
        paper=paper,
        header_note=t("Blank worksheets"),
        page_label=t(PAGE_LABEL),
        language=pack.info.language,
    )


def _title(sheet: Worksheet, number: int, t: Translator) -> str:
    return t("Worksheet {number}: {title}", number=number, title=clean(sheet.title))


def worksheet_page(sheet: Worksheet, number: int, pack: WorksheetPack, t: Translator) -> list[Block]:
    """Return one worksheet: its purpose, guidance and tips, then every field with room for the answer."""
    blocks: list[Block] = [
        Heading(_title(sheet, number, t), 1, f"sheet-{sheet.id}"),
        Paragraph(inline(clean(sheet.purpose)), "lead"),
        *guidance_blocks(sheet.guidance),
    ]
    if sheet.tips:
        blocks += [Heading(t("Tips"), 3), BulletList(tuple(inline(clean(tip)) for tip in sheet.tips))]
    for definition in sheet.fields:
        blocks += field_space(definition, pack, t)
    return blocks


def _required(label: str, required: bool, t: Translator) -> str:
    return t("{label} (required)", label=label) if required else label


def field_space(definition: FieldBase, pack: WorksheetPack, t: Translator) -> list[Block]:
    """Return a field's question, its help and the space to answer it on paper."""
    if isinstance(definition, TableField):
        return _table_space(definition, t)
    blocks: list[Block] = [Heading(_required(field_label(definition), definition.required, t), 3)]
    if definition.help:
        blocks.append(Paragraph(inline(clean(definition.help)), "muted"))
    if isinstance(definition, ChoiceField):
        hint = t("Tick all that apply.") if isinstance(definition, MultiChoiceField) else t("Tick one.")
        blocks += [
            Paragraph(inline(hint), "muted"),
            BulletList(tuple(inline(clean(choice.label)) for choice in definition.choices), marker="box"),
        ]
        return blocks
    if isinstance(definition, ReferenceField):
        source = pack.source_table(definition)
        hint = t("Write the numbers or names from “{table}” on the earlier worksheet.", table=clean(source.label))
        blocks += [Paragraph(inline(hint), "muted")]
        return [*blocks, WritingLines(2)]
    if (
        isinstance(definition, (TextField, LongTextField))
        and isinstance(definition.example, str)
        and definition.example
    ):
        example = (Span(t("Example:") + " ", bold=True), Span(clean(definition.example)))
        blocks.append(Paragraph(example, "muted"))
    return [*blocks, _lines_for(definition)]


def _lines_for(definition: FieldBase) -> WritingLines:
    if isinstance(definition, ListField):
        return WritingLines(min(definition.max_items, 6), numbered=True)
    if isinstance(definition, LongTextField):
        return WritingLines(max(3, min(8, math.ceil(definition.max_length / 250))))
    if isinstance(definition, TextField):
        return WritingLines(1 if definition.max_length <= 120 else 2)
    return WritingLines(1)


def _table_space(table: TableField, t: Translator) -> list[Block]:
    """Return a table's heading and one or more blank grids whose rows are numbered alike."""
    blocks: list[Block] = [Heading(_required(clean(table.label), table.required, t), 2)]
    if table.help:
        blocks.append(Paragraph(inline(clean(table.help)), "muted"))
    groups = _column_groups(table)
    rows = min(table.max_rows, BLANK_ROWS)
    if len(groups) > 1:
        parts = t(
            "This table is printed in {count} parts: give each {row} the same number in every part.",
            count=len(groups),
            row=clean(table.row_name).lower(),
        )
        blocks.append(Paragraph(inline(parts), "muted"))
    for group in groups:
        tall = any(isinstance(column, LongTextField) for column in group)
        blocks.append(
            Table(
                (t("No."), *(field_label(column) for column in group)),
                tuple((str(n), *("" for _ in group)) for n in range(1, rows + 1)),
                (0.45, *(_handout_weight(column) for column in group)),
                row_lines=4 if tall else 2,
            )
        )
    choices = [column for column in table.columns if isinstance(column, ChoiceField)]
    for column in choices:
        options = " · ".join(clean(choice.label) for choice in column.choices)
        # Translators: a field name before the choices it offers: "Priority: Primary · Secondary"
        label = t("{label}:", label=field_label(column))
        blocks.append(Paragraph((Span(label + " ", bold=True), Span(options)), "muted"))
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
