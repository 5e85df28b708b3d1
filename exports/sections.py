"""One plan section per worksheet, laid out from the field types alone (no worksheet is named here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from campaign.conditions import shown_fields
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
from campaign.i18n import N_, Translator
from campaign.model import Campaign, is_empty
from campaign.worksheet import Worksheet, WorksheetPack
from exports.document import (
    Block,
    BulletList,
    Entry,
    Heading,
    KeyValue,
    Paragraph,
    Table,
    inline,
)
from exports.wording import NOT_ANSWERED, clean, field_label, paragraphs, row_name, value_text

NOT_STARTED = N_("This worksheet has not been filled in yet.")
LONG_CHOICE = 40  # characters; choices longer than this read better as a list than run together


def section_anchor(sheet: Worksheet) -> str:
    """Return the anchor of a worksheet's section, for the contents."""
    return f"section-{sheet.id}"


def section_title(sheet: Worksheet, number: int) -> str:
    """Return the heading of a worksheet's section: "3. Target audiences and partners"."""
    return f"{number}. {clean(sheet.title)}"


def worksheet_section(
    sheet: Worksheet,
    number: int,
    campaign: Campaign,
    pack: WorksheetPack,
    pictures: list[Block],
    t: Translator,
    *,
    currency: str = "",
) -> list[Block]:
    """Return the blocks of one worksheet's section: heading, purpose, `pictures`, then every answer in order;
    amounts of money are labelled with `currency` when it is known."""
    blocks: list[Block] = [
        Heading(section_title(sheet, number), 1, section_anchor(sheet)),
        Paragraph(inline(clean(sheet.purpose)), "lead"),
    ]
    answers = campaign.answers.get(sheet.id, {})
    fields = shown_fields(campaign, pack, sheet)  # a hidden question's stored answer is not printed
    if not any(not is_empty(answers.get(definition.id)) for definition in fields):
        return [*blocks, Paragraph(inline(t(NOT_STARTED)), "missing")]
    blocks += pictures
    pending: list[Entry] = []
    printing = Printing(campaign, pack, t, currency)
    for definition in fields:
        value = answers.get(definition.id)
        if is_empty(value) and not definition.required:
            continue
        printed = printed_answer(definition, value, printing)
        if isinstance(printed, Entry):
            pending.append(printed)
            continue
        if pending:
            blocks.append(KeyValue(tuple(pending)))
            pending = []
        blocks += printed
    if pending:
        blocks.append(KeyValue(tuple(pending)))
    return blocks


@dataclass(frozen=True)
class Printing:
    """What printing an answer needs besides the answer: the campaign, its pack, the words and the currency."""

    campaign: Campaign
    pack: WorksheetPack
    t: Translator
    currency: str = ""


@per_field_type("plan section: printed answer")
def printed_answer(definition: FieldBase, value: Any, printing: Printing) -> Entry | list[Block]:
    """Return a worksheet answer as printed in its section: a line of the label-and-value table (short answers),
    or blocks under a heading of their own (long ones); an empty answer prints as not answered."""


@printed_answer.register(TextField, ChoiceField, DateField, NumberField, ReferenceField)
def _short(definition: FieldBase, value: Any, printing: Printing) -> Entry | list[Block]:
    label, t = field_label(definition, printing.currency), printing.t
    if is_empty(value):
        return Entry(label, t(NOT_ANSWERED), missing=True)
    return Entry(label, value_text(definition, value, printing.campaign, printing.pack, t))


@printed_answer.register(MultiChoiceField)
def _multi_choice(definition: MultiChoiceField, value: Any, printing: Printing) -> Entry | list[Block]:
    if is_empty(value) or all(len(definition.choice_label(choice)) <= LONG_CHOICE for choice in value):
        return _short(definition, value, printing)
    items = [clean(definition.choice_label(choice)) for choice in value]
    return [Heading(field_label(definition), 3), BulletList(tuple(inline(item) for item in items))]


def _not_answered(heading: Block, printing: Printing) -> list[Block]:
    return [heading, Paragraph(inline(printing.t(NOT_ANSWERED)), "missing")]


@printed_answer.register(LongTextField)
def _long_text(definition: LongTextField, value: Any, printing: Printing) -> Entry | list[Block]:
    heading = Heading(field_label(definition), 3)
    if is_empty(value):
        return _not_answered(heading, printing)
    return [heading, *(Paragraph(inline(text)) for text in paragraphs(value))]


@printed_answer.register(ListField)
def _list(definition: ListField, value: Any, printing: Printing) -> Entry | list[Block]:
    heading = Heading(field_label(definition), 3)
    if is_empty(value):
        return _not_answered(heading, printing)
    items = [clean(item) for item in value if not is_empty(item)]
    return [heading, BulletList(tuple(inline(item) for item in items))]


@printed_answer.register(TableField)
def _table(table: TableField, value: Any, printing: Printing) -> Entry | list[Block]:
    heading = Heading(clean(table.label), 2)
    if is_empty(value):
        return _not_answered(heading, printing)
    rows = [row for row in value if not is_empty(row)]
    campaign, pack, t, currency = printing.campaign, printing.pack, printing.t, printing.currency
    if table.layout == "cards":
        return [heading, *_cards(table, rows, campaign, pack, t, currency)]
    return [heading, _grid(table, rows, campaign, pack, t, currency)]


def _cards(
    table: TableField, rows: list[dict[str, Any]], campaign: Campaign, pack: WorksheetPack, t: Translator, currency: str
) -> list[Block]:
    """Return one titled label-and-value table per row ("Audience 2: Members of Parliament")."""
    label_column = table.column(table.row_label_column)
    title_is_name = printed_column(label_column).names_a_row
    cards: list[Block] = []
    for number, row in enumerate(rows, start=1):
        title = f"{clean(table.row_name)} {number}"
        name = row_name(table, row, number, campaign, pack, t)
        if title_is_name and name != title:
            # Translators: the title of one row: "Audience 2: Members of Parliament"
            title = t("{row} {number}: {name}", row=clean(table.row_name), number=number, name=name)
        entries = []
        for column in table.columns:
            if title_is_name and column is label_column:
                continue
            text = value_text(column, row.get(column.id), campaign, pack, t)
            if text:
                entries.append(Entry(field_label(column, currency), text))
            elif column.required:
                entries.append(Entry(field_label(column, currency), t(NOT_ANSWERED), missing=True))
        cards.append(KeyValue(tuple(entries), title))
    return cards


def _grid(
    table: TableField, rows: list[dict[str, Any]], campaign: Campaign, pack: WorksheetPack, t: Translator, currency: str
) -> Table:
    """Return the rows as one table, leaving out columns nobody filled in."""
    columns = [c for c in table.columns if any(not is_empty(row.get(c.id)) for row in rows)]
    cells = tuple(
        tuple(value_text(column, row.get(column.id), campaign, pack, t) for column in columns) for row in rows
    )
    return Table(
        tuple(field_label(column, currency) for column in columns),
        cells,
        tuple(printed_column(column).weight for column in columns),
    )


@dataclass(frozen=True)
class PrintedColumn:
    """How a table column prints: its width relative to the others, and whether its value can title a card."""

    weight: float
    names_a_row: bool = True


@per_field_type("plan section: table column", columns_only=True)
def printed_column(column: FieldBase) -> PrintedColumn:
    """Return how `column` prints in a table of the plan, from what it holds."""


@printed_column.register(TextField)
def _text_column(column: TextField) -> PrintedColumn:
    return PrintedColumn(1.4 if column.max_length > 200 else 1.1)


@printed_column.register(LongTextField)
def _long_text_column(column: LongTextField) -> PrintedColumn:
    return PrintedColumn(2.4, names_a_row=False)  # a paragraph is no title: the card says "Audience 2"


@printed_column.register(ReferenceField, MultiChoiceField)
def _picks_column(column: FieldBase) -> PrintedColumn:
    return PrintedColumn(1.5)


@printed_column.register(DateField, NumberField)
def _figure_column(column: FieldBase) -> PrintedColumn:
    return PrintedColumn(0.9)


@printed_column.register(ChoiceField)
def _choice_column(column: ChoiceField) -> PrintedColumn:
    return PrintedColumn(1.0)
