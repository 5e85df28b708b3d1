"""Blank worksheets for paper: each worksheet's questions with room to write, for groups without laptops."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
from campaign.i18n import Translator, translator
from campaign.worksheet import Worksheet, WorksheetPack
from exports import brand
from exports.document import BulletList, Inline, Paper, Paragraph, Span, inline
from exports.handouts.conditions import condition_notes
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
    guidance[:0] = [Paragraph(words) for words in condition_notes(pack, sheet, sheet.show_if, t)]
    items = [
        _when(printed_item(definition, Printing(pack, paper, t)), condition_notes(pack, sheet, definition.show_if, t))
        for definition in sheet.fields  # paper prints every question, saying when a conditional one applies
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


def _when(item: Item, conditions: list[Inline]) -> Item:
    """Return `item` with its "Only if ..." lines first under its label."""
    return replace(item, notes=(*conditions, *item.notes)) if conditions else item


def _required(label: str, required: bool, t: Translator) -> str:
    return t("{label} (required)", label=label) if required else label


@dataclass(frozen=True)
class Printing:
    """What printing a question needs: the pack (for the tables references point at), the paper, the words,
    and whether the field's help and example are printed (only in the first block of a table's rows)."""

    pack: WorksheetPack
    paper: Paper
    t: Translator
    with_help: bool = True


@per_field_type("handout: printed item")
def printed_item(definition: FieldBase, printing: Printing) -> Item:
    """Return a field as printed on a blank worksheet: its question and the space its answer needs."""


def _question(definition: FieldBase, printing: Printing, space: Space, *notes: Inline) -> Question:
    """Return a field's question: its label, help and hint, and the space its answer needs."""
    t = printing.t
    help_note = [inline(clean(definition.help))] if printing.with_help and definition.help else []
    more = t("Need more room? Continue on a separate sheet.") if is_capped(definition) else ""
    return Question(_required(field_label(definition), definition.required, t), space, (*help_note, *notes), more)


@printed_item.register(ChoiceField)
def _choice(definition: ChoiceField, printing: Printing) -> Item:
    return _question(definition, printing, _ticks(definition), inline(printing.t("Tick one.")))


@printed_item.register(MultiChoiceField)
def _multi_choice(definition: MultiChoiceField, printing: Printing) -> Item:
    return _question(definition, printing, _ticks(definition), inline(printing.t("Tick all that apply.")))


def _ticks(definition: ChoiceField) -> TickBoxes:
    return TickBoxes(tuple(clean(choice.label) for choice in definition.choices))


@printed_item.register(ReferenceField)
def _reference(definition: ReferenceField, printing: Printing) -> Item:
    source = printing.pack.source_table(definition)
    t = printing.t
    hint = t("Write the numbers or names from “{table}” on the earlier worksheet.", table=clean(source.label))
    return _question(definition, printing, Lines(expected_lines(definition)), inline(hint))


@printed_item.register(TextField, LongTextField)
def _text(definition: TextField | LongTextField, printing: Printing) -> Item:
    example = definition.example
    if printing.with_help and isinstance(example, str) and example:
        shown = (Span(printing.t("Example:") + " ", bold=True), Span(clean(example)))
        return _question(definition, printing, Lines(expected_lines(definition)), shown)
    return _question(definition, printing, Lines(expected_lines(definition)))


@printed_item.register(DateField, NumberField)
def _lines(definition: FieldBase, printing: Printing) -> Item:
    return _question(definition, printing, Lines(expected_lines(definition)))


@printed_item.register(ListField)
def _list(definition: ListField, printing: Printing) -> Item:
    return _question(definition, printing, Lines(expected_lines(definition), numbered=True))


@printed_item.register(TableField)
def _table(table: TableField, printing: Printing) -> Item:
    """Return a table's space: a grid when its columns are few and short, else one block of questions per row."""
    t = printing.t
    label = _required(clean(table.label), table.required, t)
    notes: list[Inline] = [inline(clean(table.help))] if table.help else []
    width = brand.content_width(printing.paper)
    headers = [field_label(column) for column in table.columns]
    widths = grid_widths(table, headers, t("No."), width)
    if widths is not None:
        spaces = [(column, _column(column, printing).space) for column in table.columns]
        # Translators: a field name before the choices it offers: "Priority: Primary · Secondary"
        legend = tuple(
            (Span(t("{label}:", label=field_label(column)) + " ", bold=True), Span(" · ".join(space.choices)))
            for column, space in spaces
            if isinstance(space, TickBoxes)
        )
        rows = min(table.max_rows, GRID_ROWS)
        grid = Grid((t("No."), *headers), widths, rows, grid_lines(table, widths, width))
        return TableSpace(label, tuple(notes), grid=grid, legend=legend)
    notes.append(inline(t("Fill in one block for each row. Need more? Copy a blank block before you start.")))
    row = clean(table.row_name)
    blocks = tuple(
        RowBlock(
            t("{row} {number}", row=row, number=number),
            tuple(_column(column, replace(printing, with_help=number == 1)) for column in table.columns),
        )
        for number in range(1, min(table.max_rows, BLOCK_ROWS) + 1)
    )
    return TableSpace(label, tuple(notes), blocks=blocks)


def _column(column: FieldBase, printing: Printing) -> Question:
    question = printed_item(column, printing)
    assert isinstance(question, Question)  # a column is never a table
    return question


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
