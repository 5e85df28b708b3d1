"""How answers read in a plan: dates, numbers, choices and references turned into clean text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from campaign.fields import (
    ChoiceField,
    DateField,
    FieldBase,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    TableField,
)
from campaign.model import Campaign, is_empty
from campaign.text import clean_text
from campaign.worksheet import WorksheetPack

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NOT_ANSWERED = "Not answered yet"


def clean(text: Any) -> str:
    """Return user text safe for every format: NFC, no control characters, never "None"."""
    return clean_text(str(text)).strip() if text is not None else ""


def date_text(day: dt.date) -> str:
    """Return a date the way the plan writes it: "1 March 2027"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_text(start: dt.date | None, end: dt.date | None) -> str:
    """Return a span of dates, "1 March – 15 December 2027", or one end when the other is unknown."""
    if start and end:
        if start == end:
            return date_text(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{date_text(end)}"
        if start.year == end.year:
            return f"{start.day} {MONTHS[start.month - 1]} – {date_text(end)}"
        return f"{date_text(start)} – {date_text(end)}"
    if start:
        return f"From {date_text(start)}"
    return f"Until {date_text(end)}" if end else ""


def number_text(value: float) -> str:
    """Return a number with thousands separators and no needless decimals: 180,000 or 2.5."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def field_label(definition: FieldBase) -> str:
    """Return the label a field is shown under, with its unit when it has one: "Budget (local currency)"."""
    label = clean(definition.label)
    unit = getattr(definition, "unit", "")
    return f"{label} ({clean(unit)})" if unit else label


def value_text(definition: FieldBase, value: Any, campaign: Campaign, pack: WorksheetPack) -> str:
    """Return an answer as text: labels for choices, worded dates and numbers, row names for references.

    Several choices are joined with commas, references with semicolons (row names may hold commas),
    list items with line breaks; an empty answer gives "".
    """
    if is_empty(value):
        return ""
    if isinstance(definition, MultiChoiceField):
        return ", ".join(clean(definition.choice_label(item)) for item in value)
    if isinstance(definition, ChoiceField):
        return clean(definition.choice_label(value))
    if isinstance(definition, DateField) and isinstance(value, dt.date):
        return date_text(value)
    if isinstance(definition, NumberField) and isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(definition, ReferenceField):
        return "; ".join(reference_names(definition, value, campaign, pack))
    if isinstance(value, list):
        return "\n".join(clean(item) for item in value if not is_empty(item))
    return clean(value)


def reference_names(
    definition: ReferenceField, row_ids: list[str], campaign: Campaign, pack: WorksheetPack
) -> list[str]:
    """Return the names of the rows a reference points at, in the order chosen (ids of unknown rows as-is)."""
    try:
        table = pack.source_table(definition)
    except (KeyError, AssertionError):
        return [clean(row_id) for row_id in row_ids]
    rows = [row for row in campaign.rows(definition.source_worksheet, definition.source_field) if not is_empty(row)]
    numbers = {row.get("id"): number for number, row in enumerate(rows, start=1)}
    names = []
    for row_id in row_ids:
        number = numbers.get(row_id)
        names.append(row_name(table, rows[number - 1], number, campaign, pack) if number else clean(row_id))
    return names


def row_name(table: TableField, row: dict[str, Any], number: int, campaign: Campaign, pack: WorksheetPack) -> str:
    """Return what a row is called: its label column, or "Objective 2" when the label is a long text."""
    column = table.column(table.row_label_column)
    numbered = f"{clean(table.row_name)} {number}"
    if isinstance(column, LongTextField):
        return numbered
    if isinstance(column, ReferenceField):
        names = reference_names(column, row.get(column.id) or [], campaign, pack) if _depth_ok(column, table) else []
        return ", ".join(names) or numbered
    return value_text(column, row.get(column.id), campaign, pack) or numbered


def _depth_ok(column: ReferenceField, table: TableField) -> bool:
    # a table whose label points back at itself would recurse forever; the pack loader forbids it, we still check
    return column.source_field != table.id


def paragraphs(text: str) -> list[str]:
    """Return long text cut at blank lines into paragraphs (single line breaks are kept inside)."""
    parts = [part.strip("\n") for part in clean(text).split("\n\n")]
    return [part for part in parts if part.strip()]
