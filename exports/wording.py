"""How answers read in a plan: dates, numbers, choices and references turned into clean text in its language."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from babel import Locale
from babel.dates import format_skeleton

from campaign.fields import FieldBase, TableField
from campaign.i18n import N_, Translator, translator
from campaign.model import Campaign
from campaign.reading import (
    MONEY_ROLES,
    NOT_ANSWERED,
    answer_text,
    clean,
    date_text,
    field_label,
    number_text,
    reference_names,
)
from campaign.reading import row_name as _row_name
from campaign.worksheet import WorksheetPack

__all__ = [
    "MONEY_ROLES",
    "NOT_ANSWERED",
    "PAGE_LABEL",
    "clean",
    "date_text",
    "field_label",
    "number_text",
    "paragraphs",
    "period_text",
    "reference_names",
    "row_name",
    "value_text",
]
PAGE_LABEL = N_("Page {page} of {pages}")  # the renderers fill in {page} and {pages}
_QUOTED = re.compile(r"'[^']*'")


def date_locale(t: Translator) -> str:
    """Return the locale the plan writes dates in (see Translator.date_locale)."""
    return t.date_locale


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


def value_text(
    definition: FieldBase, value: Any, campaign: Campaign, pack: WorksheetPack, t: Translator | None = None
) -> str:
    """Return an answer as text: `campaign.reading.answer_text`, the one rule (kept under the plan's name)."""
    return answer_text(definition, value, campaign, pack, t)


def row_name(
    table: TableField,
    row: dict[str, Any],
    number: int,
    campaign: Campaign,
    pack: WorksheetPack,
    t: Translator | None = None,
) -> str:
    """Return what a row is called in print: `campaign.reading.row_name`, the one rule (in the plan's order)."""
    return _row_name(campaign, pack, table, row, number, t)


def paragraphs(text: str) -> list[str]:
    """Return long text cut at blank lines into paragraphs (single line breaks are kept inside)."""
    parts = [part.strip("\n") for part in clean(text).split("\n\n")]
    return [part for part in parts if part.strip()]
