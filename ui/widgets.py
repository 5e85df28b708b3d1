"""One widget per field type, in a registry: each draws a labelled widget and saves its answer on change."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Literal

import streamlit as st
from babel.numbers import NumberFormatError, parse_decimal

from campaign import Campaign, WorksheetPack
from campaign.checks import row_label
from campaign.fields import (
    ChoiceField,
    DateField,
    FieldBase,
    ListField,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    TextField,
)
from campaign.lengths import text_too_long
from campaign.merge import put_at_path
from campaign.model import is_empty
from campaign.text import clean_text
from ui import saving, state
from ui.answer_box import Box, Kind, render_box
from ui.language import ui_translator
from ui.state import WIDGET_PREFIX
from ui.text import describe, escape_markdown

EARLIEST, LATEST = dt.date(1990, 1, 1), dt.date(2100, 12, 31)


@dataclass(frozen=True)
class Slot:
    """Where a widget's answer lives: its path, its definition, its stored value and how to store it."""

    path: str  # "worksheet.field", or "worksheet.field.row.column" for a cell of a table row
    definition: FieldBase
    value: Any
    commit: Callable[[Any], None]
    campaign: Campaign
    pack: WorksheetPack
    show_example: bool = True
    label_visibility: Literal["visible", "collapsed"] = "visible"  # collapsed under a grid's column headers

    @property
    def key(self) -> str:
        """Return the widget key: the path behind a prefix, so a reload can drop every answer widget."""
        return WIDGET_PREFIX + self.path

    def current(self) -> Any:
        """Return the answer as it is now (a callback may run after another one changed it)."""
        space = state.workspace()
        campaign = space.campaign if space else self.campaign
        sheet, field, *cell = self.path.split(".")
        if not cell:
            return campaign.answer(sheet, field)
        row = next((r for r in campaign.rows(sheet, field) if r["id"] == cell[0]), {})
        return row.get(cell[1])


Renderer = Callable[[Slot], None]
WIDGETS: dict[str, Renderer] = {}


def widget(field_type: str) -> Callable[[Renderer], Renderer]:
    """Register the renderer of `field_type`."""

    def register(renderer: Renderer) -> Renderer:
        WIDGETS[field_type] = renderer
        return renderer

    return register


def render_field(slot: Slot) -> None:
    """Draw the widget for `slot`, then the "still needed" hint and the example on demand."""
    WIDGETS[slot.definition.type](slot)  # type: ignore[attr-defined]
    if not slot.definition.is_table:  # tables place their own hints, above their rows
        hints(slot)


def hints(slot: Slot) -> None:
    """Show beside the field what is still needed and, on demand, the worked example; never blocking."""
    needed = slot.definition.required and is_empty(slot.value)
    example = slot.show_example and slot.definition.example not in (None, "", [])
    space = state.workspace()
    if space is not None and space.undo is not None and space.undo.path == slot.path:
        t = ui_translator()
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.caption(escape_markdown(space.undo.message))
            st.button(
                t("Undo"),
                key=f"{slot.key}.undo",
                icon=":material/undo:",
                type="tertiary",
                on_click=undo,
                args=(slot,),
            )
    if not slot.definition.is_table:
        for note in state.notes_for(slot.path):
            st.caption(f":orange[:material/info: {escape_markdown(note)}]")
    if not (needed or example):
        return
    t = ui_translator()
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        if needed:
            st.caption(":orange[:material/radio_button_unchecked: " + t("Still needed") + "]")
        if example:
            with st.popover(t("Example"), icon=":material/lightbulb:", type="tertiary"):
                st.text(describe(slot.definition, slot.definition.example, t, slot.pack))


def seed(key: str, value: Any) -> None:
    """Fill a widget from the campaign the first time it is drawn (never over what the user typed)."""
    if key not in st.session_state:
        st.session_state[key] = value


def help_text(definition: FieldBase) -> str | None:
    """Return the tooltip of a field: its help, and whether it is required."""
    parts = [definition.help] if definition.help else []
    if definition.required:
        t = ui_translator()
        parts.append(t("Required for a complete plan (you can still move on and come back)."))
    return " ".join(parts) or None


def label(definition: FieldBase) -> str:
    """Return the widget label: the pack's own words, kept plain (screen readers read labels verbatim)."""
    return definition.label


def _changed(slot: Slot, convert: Callable[[Any], Any]) -> None:
    slot.commit(convert(st.session_state[slot.key]))


def _text(value: Any) -> str:
    return clean_text(value or "")


@widget("text")
def text_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, TextField)
    render_box(_box(slot, "line", definition.max_length, definition.placeholder))


@widget("long_text")
def long_text_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, LongTextField)
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


@widget("choice")
def choice_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, ChoiceField)
    options = [c.id for c in definition.choices]
    seed(slot.key, slot.value if slot.value in options else None)
    t = ui_translator()
    with _with_clear(slot):
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


@contextmanager
def _with_clear(slot: Slot) -> Iterator[None]:
    """Draw the widget made inside, with a "Clear" button beside it while it holds an answer."""
    if is_empty(slot.value):
        yield
        return
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small", key=f"clearable-{slot.key}"):
        yield
        t = ui_translator()
        st.button(
            "",
            icon=":material/backspace:",
            key=f"{slot.key}.clear",
            help=t("Clear this answer (you can undo it)"),
            type="tertiary",
            on_click=clear_answer,
            args=(slot,),
        )


def clear_answer(slot: Slot) -> None:
    """Clear the answer of `slot` on purpose, keeping what it held so that "Undo" can bring it back."""
    space = state.workspace()
    before = slot.current()
    slot.commit(None)
    st.session_state.pop(slot.key, None)
    if space is not None:
        message = ui_translator()("Answer cleared.")
        space.undo = state.Undo(slot.path, lambda campaign: put_at_path(campaign, slot.path, before), message)


def undo(slot: Slot) -> None:
    """Bring back what was last cleared or removed at `slot`'s path."""
    space = state.workspace()
    if space is None or space.undo is None or space.undo.path != slot.path:
        return
    edit, space.undo = space.undo.edit, None
    saving.save_edit(edit)
    state.forget_widgets()


@widget("multi_choice")
def multi_choice_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, MultiChoiceField)
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


@widget("date")
def date_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, DateField)
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


@widget("number")
def number_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, NumberField)
    value = slot.value if isinstance(slot.value, (int, float)) else None
    t = ui_translator()
    box = _box(slot, "line", 40, t("A number"))
    unit = f" ({definition.unit})" if definition.unit else ""
    render_box(
        replace(box, kind="number", label=box.label + unit, value=box_text(value), take=partial(_take_number, slot))
    )


def _take_number(slot: Slot, text: str) -> str | None:
    definition = slot.definition
    assert isinstance(definition, NumberField)
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
    if (low is not None and number < low) or (high is not None and number > high):
        if low is not None and high is not None:
            return t("Type a number from {low} to {high}.", low=t.number(low), high=t.number(high))
        if low is not None:
            return t("Type a number of at least {low}.", low=t.number(low))
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


@widget("reference")
def reference_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, ReferenceField)
    table = slot.pack.source_table(definition)
    rows = slot.campaign.rows(definition.source_worksheet, definition.source_field)
    names = {row["id"]: row_label(slot.campaign, slot.pack, table, row, n) for n, row in enumerate(rows, start=1)}
    chosen = [v for v in slot.value or [] if v in names]
    options = [r["id"] for r in rows if all(r.get(k) == v for k, v in definition.where.items()) or r["id"] in chosen]
    source = slot.pack.worksheet(definition.source_worksheet)
    t = ui_translator()
    empty = t("First add rows to “{table}” in “{step}”", table=table.label, step=source.short_title)
    empty = empty if not rows else t("Choose…")
    common = {
        "format_func": lambda row_id: names.get(row_id, row_id),
        "key": slot.key,
        "help": help_text(definition),
        "disabled": not options,
        "placeholder": empty,
        "label_visibility": slot.label_visibility,
    }
    if definition.multiple:
        seed(slot.key, chosen)
        st.multiselect(label(definition), options, on_change=_changed, args=(slot, list), **common)
    else:
        seed(slot.key, chosen[0] if chosen else None)
        with _with_clear(slot):
            st.selectbox(
                label(definition),
                options,
                index=None,
                on_change=_changed,
                args=(slot, _one_to_list),
                required=True,
                **common,
            )


def _one_to_list(value: Any) -> list[str]:
    return [value] if value else []


@widget("list")
def list_widget(slot: Slot) -> None:
    from ui.lists import render_list

    assert isinstance(slot.definition, ListField)
    render_list(slot)


@widget("table")
def table_widget(slot: Slot) -> None:
    from ui.tables import render_table

    render_table(slot)
