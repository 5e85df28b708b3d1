"""The widgets of the single-value field types (each registered for the `widget` concern): they save on change."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

import streamlit as st
from babel.numbers import NumberFormatError, parse_decimal

from campaign import (
    ChoiceField,
    DateField,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    TextField,
    clean_text,
    row_label,
    text_too_long,
)
from ui.answer_box import Box, Kind, render_box
from ui.language import ui_translator
from ui.slot import Slot, draw_widget, help_text, label, seed, with_clear

EARLIEST, LATEST = dt.date(1990, 1, 1), dt.date(2100, 12, 31)


def _changed(slot: Slot, convert: Callable[[Any], Any]) -> None:
    slot.commit(convert(st.session_state[slot.key]))


def _text(value: Any) -> str:
    return clean_text(value or "")


@draw_widget.register(TextField)
def text_widget(definition: TextField, slot: Slot) -> None:
    render_box(_box(slot, "line", definition.max_length, definition.placeholder))


@draw_widget.register(LongTextField)
def long_text_widget(definition: LongTextField, slot: Slot) -> None:
    height = 90 if definition.max_length <= 600 else 160
    render_box(_box(slot, "lines", definition.max_length, definition.placeholder, height=height))


def _box(slot: Slot, kind: Kind, max_chars: int | None, placeholder: str | None, **extra: Any) -> Box:
    return Box(
        key=slot.key,
        kind=kind,
        label=label(slot.definition),
        value=box_text(slot.value),
        take=partial(_take_text, slot),
        help=help_text(slot.definition),
        placeholder=placeholder or None,
        max_chars=max_chars,
        label_visibility=slot.label_visibility,
        **extra,
    )


def box_text(value: Any) -> str:
    """Return a stored answer as its box shows it: text as typed, a date as ISO, a whole number without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _take_text(slot: Slot, text: str) -> str | None:
    cleaned = _text(text)  # the box counts what was typed; the limit holds for the text as stored (NFC)
    limit = getattr(slot.definition, "max_length", None)
    if problem := text_too_long(label(slot.definition), cleaned, limit, ui_translator()):
        return problem  # nothing is saved; the message stays under the box
    slot.commit(cleaned)
    return None


@draw_widget.register(ChoiceField)
def choice_widget(definition: ChoiceField, slot: Slot) -> None:
    options = [c.id for c in definition.choices]
    seed(slot.key, slot.value if slot.value in options else None)
    t = ui_translator()
    with with_clear(slot):
        st.selectbox(
            label(definition),
            options,
            index=None,
            format_func=definition.choice_label,
            key=slot.key,
            placeholder=t("Choose…"),
            help=help_text(definition),
            on_change=_changed,
            args=(slot, lambda v: v),
            required=True,  # no key press clears a choice (Esc on the open menu did): "Clear" beside it does
            label_visibility=slot.label_visibility,
        )


@draw_widget.register(MultiChoiceField)
def multi_choice_widget(definition: MultiChoiceField, slot: Slot) -> None:
    options = [c.id for c in definition.choices]
    seed(slot.key, [v for v in slot.value or [] if v in options])
    t = ui_translator()
    st.multiselect(
        label(definition),
        options,
        format_func=definition.choice_label,
        key=slot.key,
        max_selections=definition.max_selected,
        placeholder=t("Choose all that apply…"),
        help=help_text(definition),
        on_change=_changed,
        args=(slot, list),
        label_visibility=slot.label_visibility,
    )


@draw_widget.register(DateField)
def date_widget(definition: DateField, slot: Slot) -> None:
    value = slot.value if isinstance(slot.value, dt.date) else None
    render_box(
        replace(
            _box(slot, "date", None, None, minimum=EARLIEST.isoformat(), maximum=LATEST.isoformat()),
            value=box_text(value),
            take=partial(_take_date, slot),
        )
    )


def _take_date(slot: Slot, text: str) -> str | None:
    text = text.strip()
    if not text:
        slot.commit(None)
        return None
    t = ui_translator()
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return t("“{text}” is not a whole date: type the day, the month and the year.", text=text)
    if not EARLIEST <= day <= LATEST:
        return t("Choose a date between {first} and {last}.", first=t.date(EARLIEST), last=t.date(LATEST))
    slot.commit(day)
    return None


@draw_widget.register(NumberField)
def number_widget(definition: NumberField, slot: Slot) -> None:
    value = slot.value if isinstance(slot.value, (int, float)) else None
    t = ui_translator()
    box = _box(slot, "line", 40, t("A number"))
    unit = f" ({definition.unit})" if definition.unit else ""
    render_box(
        replace(
            box,
            kind="number",
            label=box.label + unit,
            value=box_text(value),
            take=partial(_take_number, definition, slot),
        )
    )


def _take_number(definition: NumberField, slot: Slot, text: str) -> str | None:
    t = ui_translator()
    if not text.strip():
        slot.commit(None)
        return None
    number = typed_number(text, t.language)
    if number is None:
        return t("“{text}” is not a number: type digits only, for example 150000.", text=text.strip())
    if definition.integer and not float(number).is_integer():
        return t("Type a whole number.")
    low, high = definition.minimum, definition.maximum
    if low is not None and high is not None:
        if number < low or number > high:
            return t("Type a number from {low} to {high}.", low=t.number(low), high=t.number(high))
    elif low is not None and number < low:
        return t("Type a number of at least {low}.", low=t.number(low))
    elif high is not None and number > high:
        return t("Type a number of at most {high}.", high=t.number(high))
    slot.commit(int(number) if float(number).is_integer() else float(number))
    return None


def typed_number(text: str, language: str) -> int | float | None:
    """Return the number a person typed ("150000", "150,000", "1 500,5" in French), or None when it is none."""
    digits = "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in text)  # ٢٥٠٠ → 2500
    compact = "".join(digits.split()).replace("\u202f", "").replace("'", "").replace("_", "")
    for locale in dict.fromkeys([language, "en"]):
        try:
            number = parse_decimal(compact, locale=locale, strict=True)
        except (NumberFormatError, ValueError):
            continue
        if number.is_finite():
            return int(number) if number == number.to_integral_value() else float(number)
    return None


@draw_widget.register(ReferenceField)
def reference_widget(definition: ReferenceField, slot: Slot) -> None:
    table = slot.pack.source_table(definition)
    rows = slot.campaign.rows(definition.source_worksheet, definition.source_field)
    names = {row["id"]: row_label(slot.campaign, slot.pack, table, row, n) for n, row in enumerate(rows, start=1)}
    chosen = [v for v in slot.value or [] if v in names]
    options = [r["id"] for r in rows if all(r.get(k) == v for k, v in definition.where.items()) or r["id"] in chosen]
    source = slot.pack.worksheet(definition.source_worksheet)
    t = ui_translator()
    empty = t("First add rows to “{table}” in “{step}”", table=table.label, step=source.short_title)
    empty = empty if not rows else t("Choose…")

    def shown(row_id: str) -> str:
        return names.get(row_id, row_id)

    if definition.multiple:
        seed(slot.key, chosen)
        st.multiselect(
            label(definition),
            options,
            format_func=shown,
            key=slot.key,
            help=help_text(definition),
            on_change=_changed,
            args=(slot, list),
            disabled=not options,
            placeholder=empty,
            label_visibility=slot.label_visibility,
        )
    else:
        seed(slot.key, chosen[0] if chosen else None)
        with with_clear(slot):
            st.selectbox(
                label(definition),
                options,
                index=None,
                format_func=shown,
                key=slot.key,
                help=help_text(definition),
                on_change=_changed,
                args=(slot, _one_to_list),
                required=True,
                disabled=not options,
                placeholder=empty,
                label_visibility=slot.label_visibility,
            )


def _one_to_list(value: Any) -> list[str]:
    return [value] if value else []
