"""How answers read in a plan: dates, numbers, choices and references turned into clean text in its language."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton

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
from campaign.i18n import N_, Translator, translator
from campaign.model import Campaign, is_empty
from campaign.text import clean_text
from campaign.worksheet import WorksheetPack

NOT_ANSWERED = N_("Not answered yet")
PAGE_LABEL = N_("Page {page} of {pages}")  # the renderers fill in {page} and {pages}
_QUOTED = re.compile(r"'[^']*'")


def clean(text: Any) -> str:
    """Return user text safe for every format: NFC, no control characters, never "None"."""
    return clean_text(str(text)).strip() if text is not None else ""


def date_locale(t: Translator) -> str:
    """Return the locale the plan writes dates in (see Translator.date_locale)."""
    return t.date_locale


def date_text(day: dt.date, t: Translator | None = None) -> str:
    """Return a date the way the plan writes it in `t`'s language (English without one): "1 March 2027",
    "1 mars 2027", "1 de marzo de 2027"."""
    return format_date(day, "long", locale=date_locale(t or translator(None)))


def period_text(start: dt.date | None, end: dt.date | None, t: Translator | None = None) -> str:
    """Return a span of dates, "1 March – 15 December 2027", or one end when the other is unknown."""
    t = t or translator(None)
    if start and end:
        if start == end:
            return date_text(end, t)
        if start.year != end.year:
            # Translators: dates from {start} to {end}: "20 December 2027 – 5 January 2028"
            return t("{start} – {end}", start=date_text(start, t), end=date_text(end, t))
        if start.month == end.month and _day_comes_first(t):
            # Translators: days in one month: "10–21 May 2027" ({first_day} is "10", {last_date} "21 May 2027")
            return t("{first_day}–{last_date}", first_day=str(start.day), last_date=date_text(end, t))
        first = format_skeleton("MMMMd", start, locale=date_locale(t))
        return t("{start} – {end}", start=first, end=date_text(end, t))
    if start:
        return t("From {date}", date=date_text(start, t))
    return t("Until {date}", date=date_text(end, t)) if end else ""


def _day_comes_first(t: Translator) -> bool:
    """Return True when the language writes the day before the month ("10–21 May 2027", not "May 10–21")."""
    pattern = _QUOTED.sub("", Locale.parse(date_locale(t)).date_formats["long"].pattern)
    fields = [letter for letter in pattern if letter in "dMLy"]
    return bool(fields) and fields[0] == "d"


def number_text(value: float, t: Translator | None = None) -> str:
    """Return a number with the language's separators and at most two decimals: 180,000 or 2.5 (180 000, 2,5)."""
    t = t or translator(None)
    if isinstance(value, int) or float(value).is_integer():
        return t.number(int(value))
    return t.number(round(value, 2))


MONEY_ROLES = ("cost", "budget_total")


def field_label(definition: FieldBase, currency: str = "") -> str:
    """Return the label a field is shown under, with its unit when it has one: "Budget (local currency)"; an
    amount of money (role `cost` or `budget_total`) shows the campaign's `currency` when given: "Budget (KES)"."""
    label = clean(definition.label)
    unit = getattr(definition, "unit", "")
    if currency and definition.role in MONEY_ROLES:
        unit = currency
    return f"{label} ({clean(unit)})" if unit else label


def value_text(
    definition: FieldBase, value: Any, campaign: Campaign, pack: WorksheetPack, t: Translator | None = None
) -> str:
    """Return an answer as text: labels for choices, dates and numbers worded in `t`'s language (English
    without one), row names for references.

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
        return date_text(value, t)
    if isinstance(definition, NumberField) and isinstance(value, (int, float)):
        return number_text(value, t)
    if isinstance(definition, ReferenceField):
        return "; ".join(reference_names(definition, value, campaign, pack, t))
    if isinstance(value, list):
        return "\n".join(clean(item) for item in value if not is_empty(item))
    return clean(value)


def reference_names(
    definition: ReferenceField,
    row_ids: list[str],
    campaign: Campaign,
    pack: WorksheetPack,
    t: Translator | None = None,
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
        names.append(row_name(table, rows[number - 1], number, campaign, pack, t) if number else clean(row_id))
    return names


def row_name(
    table: TableField,
    row: dict[str, Any],
    number: int,
    campaign: Campaign,
    pack: WorksheetPack,
    t: Translator | None = None,
) -> str:
    """Return what a row is called: its label column, or "Objective 2" when the label is a long text."""
    column = table.column(table.row_label_column)
    numbered = f"{clean(table.row_name)} {number}"
    if isinstance(column, LongTextField):
        return numbered
    if isinstance(column, ReferenceField):
        names = reference_names(column, row.get(column.id) or [], campaign, pack, t) if _depth_ok(column, table) else []
        return ", ".join(names) or numbered
    return value_text(column, row.get(column.id), campaign, pack, t) or numbered


def _depth_ok(column: ReferenceField, table: TableField) -> bool:
    # a table whose label points back at itself would recurse forever; the pack loader forbids it, we still check
    return column.source_field != table.id


def paragraphs(text: str) -> list[str]:
    """Return long text cut at blank lines into paragraphs (single line breaks are kept inside)."""
    parts = [part.strip("\n") for part in clean(text).split("\n\n")]
    return [part for part in parts if part.strip()]
