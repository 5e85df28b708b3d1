"""Reading a campaign the one way screens, exports and the command line share: row names and answers as text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

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
from campaign.i18n import N_, Translator, translator
from campaign.model import UNTITLED, Campaign, is_empty
from campaign.text import clean_text
from campaign.worksheet import WorksheetPack

# The one empty marker: what every screen and every printed plan shows for an answer not given.
NOT_ANSWERED = N_("Not answered yet")
MONEY_ROLES = ("cost", "budget_total")
_BREAKS = re.compile(r"[ \t\n\r\f\v]+")  # not str.split(): it breaks the no-break spaces inside "1 450 000"


@dataclass(frozen=True)
class Reader:
    """What reading an answer needs: the campaign it belongs to, its pack, the language it is read in."""

    campaign: Campaign
    pack: WorksheetPack
    t: Translator
    naming: frozenset[str] = frozenset()  # tables whose row names are being worked out: a loop stops there


def title(campaign: Campaign, pack: WorksheetPack) -> str:
    """Return the campaign's name: the answer of the field the pack gives the role `title`, or "Untitled
    campaign" in the campaign's own language (never the reader's) when it has none."""
    name = pack.answer_with_role(campaign, "title")
    if isinstance(name, str) and name.strip():
        return name.strip()
    return translator(campaign.language)(UNTITLED)


def clean(text: Any) -> str:
    """Return user text safe for every format: NFC, no control characters, never "None"."""
    return clean_text(str(text)).strip() if text is not None else ""


def date_text(day: dt.date, t: Translator | None = None) -> str:
    """Return a date the way the plan writes it in `t`'s language (English without one): "1 March 2027",
    "1 mars 2027", "1 de marzo de 2027"."""
    return (t or translator(None)).date(day, "long")


def number_text(value: float, t: Translator | None = None) -> str:
    """Return a number with the language's separators and at most two decimals: 180,000 or 2.5 (180 000, 2,5)."""
    t = t or translator(None)
    if isinstance(value, int) or float(value).is_integer():
        return t.number(int(value))
    return t.number(round(value, 2))


def field_label(definition: FieldBase, currency: str = "") -> str:
    """Return the label a field is shown under, with its unit when it has one: "Budget (local currency)"; an
    amount of money (role `cost` or `budget_total`) shows the campaign's `currency` when given: "Budget (KES)"."""
    label = clean(definition.label)
    unit = getattr(definition, "unit", "")
    if currency and definition.role in MONEY_ROLES:
        unit = currency
    return f"{label} ({clean(unit)})" if unit else label


def answer_text(
    definition: FieldBase, value: Any, campaign: Campaign, pack: WorksheetPack, t: Translator | None = None
) -> str:
    """Return an answer as text, the same on screen and in print: labels for choices, dates and numbers worded
    in `t`'s language (English without one), row names for references; "" for an empty answer.

    Several choices are joined with commas, references with semicolons (row names may hold commas), list
    items with line breaks, table rows as "Label: value" lines under the row's name.
    """
    return _text(definition, value, Reader(campaign, pack, t or translator(None)))


def _text(definition: FieldBase, value: Any, reader: Reader) -> str:
    return "" if is_empty(value) else answer_words(definition, value, reader)


@per_field_type("answer text")
def answer_words(definition: FieldBase, value: Any, reader: Reader) -> str:
    """Return a non-empty answer of `definition` as text (see `answer_text`)."""
    raise NotImplementedError  # the dispatch calls the handlers below


@answer_words.register(TextField, LongTextField)
def _plain(definition: FieldBase, value: Any, reader: Reader) -> str:
    return clean(value)


@answer_words.register(ChoiceField)
def _choice(definition: ChoiceField, value: Any, reader: Reader) -> str:
    return clean(definition.choice_label(str(value)))


@answer_words.register(MultiChoiceField)
def _choices(definition: MultiChoiceField, value: Any, reader: Reader) -> str:
    return ", ".join(clean(definition.choice_label(str(item))) for item in _as_list(value))


@answer_words.register(DateField)
def _date(definition: DateField, value: Any, reader: Reader) -> str:
    if isinstance(value, str):  # a stored conflict holds plain text
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return clean(value)
    return date_text(value, reader.t) if isinstance(value, dt.date) else clean(value)


@answer_words.register(NumberField)
def _number(definition: NumberField, value: Any, reader: Reader) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value, reader.t)
    return clean(value)


@answer_words.register(ListField)
def _list(definition: ListField, value: Any, reader: Reader) -> str:
    return "\n".join(clean(item) for item in _as_list(value) if not is_empty(item))


@answer_words.register(ReferenceField)
def _reference(definition: ReferenceField, value: Any, reader: Reader) -> str:
    return "; ".join(_reference_names(definition, [str(v) for v in _as_list(value)], reader))


@answer_words.register(TableField)
def _table(definition: TableField, value: Any, reader: Reader) -> str:
    blocks = []
    for number, row in enumerate((row for row in _as_list(value) if isinstance(row, dict)), start=1):
        cells = [
            reader.t("{label}: {value}", label=clean(column.label), value=_text(column, row.get(column.id), reader))
            for column in definition.columns
            if not is_empty(row.get(column.id))
        ]
        blocks.append("\n".join([f"{clean(definition.row_name)} {number}", *cells]))
    return "\n\n".join(blocks)


def reference_names(
    definition: ReferenceField, row_ids: list[str], campaign: Campaign, pack: WorksheetPack, t: Translator | None = None
) -> list[str]:
    """Return the names of the rows a reference points at, in the order chosen (ids of unknown rows as-is)."""
    return _reference_names(definition, row_ids, Reader(campaign, pack, t or translator(None)))


def _reference_names(definition: ReferenceField, row_ids: list[str], reader: Reader) -> list[str]:
    try:
        table = reader.pack.source_table(definition)
    except (KeyError, AssertionError):
        return [clean(row_id) for row_id in row_ids]
    source = definition.source_worksheet, definition.source_field
    rows = [row for row in reader.campaign.rows(*source) if not is_empty(row)]
    numbers = {row.get("id"): number for number, row in enumerate(rows, start=1)}
    names = []
    for row_id in row_ids:
        number = numbers.get(row_id)
        names.append(_row_name(table, rows[number - 1], number, reader, None) if number else clean(row_id))
    return names


def row_name(
    campaign: Campaign,
    pack: WorksheetPack,
    table: TableField,
    row: dict[str, Any],
    number: int = 0,
    t: Translator | None = None,
    *,
    cut: int | None = None,
) -> str:
    """Return what a row is called: its label column as text, else "Objective 2" ("Objective" without `number`).

    In print (no `cut`) a long-text label gives the numbered name, its text being printed in full beside it; a
    screen passes `cut` to name the row by its label's first `cut` characters on one line. A label that refers
    to rows of a table already being named (a loop the pack loader refuses) gives the numbered name.
    """
    return _row_name(table, row, number, Reader(campaign, pack, t or translator(None)), cut)


def _row_name(table: TableField, row: dict[str, Any], number: int, reader: Reader, cut: int | None) -> str:
    numbered = f"{clean(table.row_name)} {number}" if number else clean(table.row_name)
    column = table.column(table.row_label_column)
    value = row.get(column.id)
    text = "" if is_empty(value) else label_words(column, value, reader, cut)
    if not text:
        return numbered
    return text if cut is None else one_line(text, cut)


@per_field_type("row name", columns_only=True)
def label_words(column: FieldBase, value: Any, reader: Reader, cut: int | None) -> str:
    """Return the words a non-empty label cell names its row with, or "" for the row's numbered name."""
    raise NotImplementedError  # the dispatch calls the handlers below


@label_words.register(TextField, ChoiceField, MultiChoiceField, DateField, NumberField)
def _label_text(column: FieldBase, value: Any, reader: Reader, cut: int | None) -> str:
    return _text(column, value, reader)


@label_words.register(LongTextField)
def _label_long(column: LongTextField, value: Any, reader: Reader, cut: int | None) -> str:
    return "" if cut is None else _text(column, value, reader)  # in print the long text stands beside its number


@label_words.register(ReferenceField)
def _label_reference(column: ReferenceField, value: Any, reader: Reader, cut: int | None) -> str:
    key = column.source
    if key in reader.naming:  # a loop of tables named after each other's rows: stop at numbers
        return ""
    inner = Reader(reader.campaign, reader.pack, reader.t, reader.naming | {key})
    return ", ".join(_reference_names(column, [str(v) for v in _as_list(value)], inner))


def one_line(text: str, limit: int = 60) -> str:
    """Return `text` on one line, cut to `limit` characters with an ellipsis (no-break spaces stay unbroken)."""
    flat = _BREAKS.sub(" ", str(text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]
