"""Blank worksheets for paper: each worksheet's questions with room to write, for groups without laptops."""

from __future__ import annotations

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
from exports import brand
from exports.document import BulletList, Inline, Paper, Paragraph, Span, inline
from exports.handouts.model import Grid, Handouts, Item, Lines, Question, RowBlock, Sheet, Space, TableSpace, TickBoxes
from exports.handouts.sizing import expected_lines, grid_lines, grid_widths, is_capped
from exports.wording import PAGE_LABEL, clean, field_label

BLOCK_ROWS = 2  # blank blocks printed of a table shown one block per row (a group copies more if needed)
GRID_ROWS = 5


def build_handouts(pack: WorksheetPack, *, paper: Paper = "a4") -> Handouts:
    """Return the blank worksheets of `pack`, in its language, laid out for `paper`."""
    t = translator(pack.info.language)
    count = len(pack.worksheets)
    sheets = tuple(_sheet(sheet, number, count, pack, paper, t) for number, sheet in enumerate(pack.worksheets, 1))
    return Handouts(
        title=clean(pack.info.title),
        language=pack.info.language,
        paper=paper,
        intro=_intro(pack, t),
        contents_title=t("The worksheets"),
        pages_title=t("Pages"),
        sheets=sheets,
        note=t("Blank worksheets"),
        group_label=t("Group or names:"),
        page_label=t(PAGE_LABEL),
        right_to_left=t.direction == "rtl",
    )


def _intro(pack: WorksheetPack, t: Translator) -> Sheet:
    how = t(
        "Work through the worksheets in order: each one builds on the answers before it. Write clearly, "
        "one answer per line, and number the rows of every table so they can be typed in later without "
        "guessing."
    )
    return Sheet(
        number=0,
        step=t("Blank worksheets"),
        heading=t("Before you start"),
        purpose=t("Fill these pages in as a group, then type the answers into the Advocacy Campaign Builder."),
        guidance=(Paragraph(inline(how)),),
        items=(
            Question(t("Campaign name"), Lines(1)),
            Question(t("Who filled these in"), Lines(2)),
            Question(t("Date"), Lines(1)),
        ),
    )


def _sheet(sheet: Worksheet, number: int, count: int, pack: WorksheetPack, paper: Paper, t: Translator) -> Sheet:
    guidance: list[Paragraph | BulletList] = list(guidance_blocks(sheet.guidance))
    if sheet.tips:
        guidance += [BulletList(tuple(inline(clean(tip)) for tip in sheet.tips))]
    items: list[Item] = [
        _table(definition, pack, paper, t) if isinstance(definition, TableField) else _question(definition, pack, t)
        for definition in sheet.fields
    ]
    title = clean(sheet.title)
    return Sheet(
        number=number,
        step=t("Step {number} of {count}: {title}", number=number, count=count, title=title),
        heading=t("Worksheet {number}: {title}", number=number, title=title),
        purpose=clean(sheet.purpose),
        guidance=tuple(guidance),
        items=tuple(items),
    )


def _required(label: str, required: bool, t: Translator) -> str:
    return t("{label} (required)", label=label) if required else label


def _question(definition: FieldBase, pack: WorksheetPack, t: Translator, *, with_help: bool = True) -> Question:
    """Return a field's question: its label, help and hint, and the space its answer needs."""
    notes: list[Inline] = [inline(clean(definition.help))] if with_help and definition.help else []
    space: Space
    if isinstance(definition, ChoiceField):
        labels = tuple(clean(choice.label) for choice in definition.choices)
        hint = t("Tick all that apply.") if isinstance(definition, MultiChoiceField) else t("Tick one.")
        notes.append(inline(hint))
        space = TickBoxes(labels)
    elif isinstance(definition, ReferenceField):
        source = pack.source_table(definition)
        notes.append(
            inline(t("Write the numbers or names from “{table}” on the earlier worksheet.", table=clean(source.label)))
        )
        space = Lines(expected_lines(definition))
    else:
        example = definition.example
        if with_help and isinstance(definition, (TextField, LongTextField)) and isinstance(example, str) and example:
            notes.append((Span(t("Example:") + " ", bold=True), Span(clean(example))))
        space = Lines(expected_lines(definition), numbered=isinstance(definition, ListField))
    more = t("Need more room? Continue on a separate sheet.") if is_capped(definition) else ""
    return Question(_required(field_label(definition), definition.required, t), space, tuple(notes), more)


def _table(table: TableField, pack: WorksheetPack, paper: Paper, t: Translator) -> TableSpace:
    """Return a table's space: a grid when its columns are few and short, else one block of questions per row."""
    label = _required(clean(table.label), table.required, t)
    notes: list[Inline] = [inline(clean(table.help))] if table.help else []
    width = brand.content_width(paper)
    headers = [field_label(column) for column in table.columns]
    widths = grid_widths(table, headers, t("No."), width)
    if widths is not None:
        choices = [column for column in table.columns if isinstance(column, ChoiceField)]
        # Translators: a field name before the choices it offers: "Priority: Primary · Secondary"
        legend = tuple(
            (
                Span(t("{label}:", label=field_label(column)) + " ", bold=True),
                Span(" · ".join(clean(choice.label) for choice in column.choices)),
            )
            for column in choices
        )
        rows = min(table.max_rows, GRID_ROWS)
        grid = Grid((t("No."), *headers), widths, rows, grid_lines(table, widths, width))
        return TableSpace(label, tuple(notes), grid=grid, legend=legend)
    notes.append(inline(t("Fill in one block for each row. Need more? Copy a blank block before you start.")))
    row = clean(table.row_name)
    blocks = tuple(
        RowBlock(
            t("{row} {number}", row=row, number=number),
            tuple(_question(column, pack, t, with_help=number == 1) for column in table.columns),
        )
        for number in range(1, min(table.max_rows, BLOCK_ROWS) + 1)
    )
    return TableSpace(label, tuple(notes), blocks=blocks)


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def guidance_blocks(markdown: str) -> list[Paragraph | BulletList]:
    """Return a worksheet's guidance (paragraphs, "- " lists and **bold**) as plan blocks."""
    blocks: list[Paragraph | BulletList] = []
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
