"""One plan section per worksheet, laid out from the field types alone (no worksheet is named here)."""

from __future__ import annotations

from typing import Any

from campaign.fields import (
    DateField,
    FieldBase,
    ListField,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    TableField,
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
    if not any(not is_empty(value) for value in answers.values()):
        return [*blocks, Paragraph(inline(t(NOT_STARTED)), "missing")]
    blocks += pictures
    pending: list[Entry] = []
    for definition in sheet.fields:
        value = answers.get(definition.id)
        if _is_short(definition, value):
            if not is_empty(value):
                text = value_text(definition, value, campaign, pack, t)
                pending.append(Entry(field_label(definition, currency), text))
            elif definition.required:
                pending.append(Entry(field_label(definition, currency), t(NOT_ANSWERED), missing=True))
            continue
        if pending:
            blocks.append(KeyValue(tuple(pending)))
            pending = []
        if is_empty(value) and not definition.required:
            continue
        blocks += _long_answer(definition, value, campaign, pack, t, currency)
    if pending:
        blocks.append(KeyValue(tuple(pending)))
    return blocks


def _is_short(definition: FieldBase, value: Any) -> bool:
    """Return True for answers that fit in a label-and-value table; long ones get a heading of their own."""
    if isinstance(definition, MultiChoiceField) and not is_empty(value):
        return all(len(definition.choice_label(choice)) <= LONG_CHOICE for choice in value)
    return not isinstance(definition, (LongTextField, ListField, TableField))


def _long_answer(
    definition: FieldBase, value: Any, campaign: Campaign, pack: WorksheetPack, t: Translator, currency: str
) -> list[Block]:
    if isinstance(definition, TableField):
        heading: Block = Heading(clean(definition.label), 2)
    else:
        heading = Heading(field_label(definition), 3)
    if is_empty(value):
        return [heading, Paragraph(inline(t(NOT_ANSWERED)), "missing")]
    if isinstance(definition, LongTextField):
        return [heading, *(Paragraph(inline(text)) for text in paragraphs(value))]
    if isinstance(definition, ListField):
        items = [clean(item) for item in value if not is_empty(item)]
        return [heading, BulletList(tuple(inline(item) for item in items))]
    if isinstance(definition, MultiChoiceField):
        items = [clean(definition.choice_label(choice)) for choice in value]
        return [heading, BulletList(tuple(inline(item) for item in items))]
    assert isinstance(definition, TableField)
    rows = [row for row in value if not is_empty(row)]
    if definition.layout == "cards":
        return [heading, *_cards(definition, rows, campaign, pack, t, currency)]
    return [heading, _grid(definition, rows, campaign, pack, t, currency)]


def _cards(
    table: TableField, rows: list[dict[str, Any]], campaign: Campaign, pack: WorksheetPack, t: Translator, currency: str
) -> list[Block]:
    """Return one titled label-and-value table per row ("Audience 2: Members of Parliament")."""
    label_column = table.column(table.row_label_column)
    title_is_name = not isinstance(label_column, LongTextField)
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
        tuple(column_weight(column) for column in columns),
    )


def column_weight(column: FieldBase) -> float:
    """Return how wide a column should be relative to the others, from what it holds."""
    if isinstance(column, LongTextField):
        return 2.4
    if isinstance(column, (ReferenceField, MultiChoiceField)):
        return 1.5
    if isinstance(column, (DateField, NumberField)):
        return 0.9
    max_length = getattr(column, "max_length", 0)
    return 1.4 if max_length > 200 else 1.1 if max_length else 1.0
