"""One widget per field type, in a registry: each draws a labelled widget and saves its answer on change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

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
from campaign.model import is_empty
from campaign.text import clean_text
from ui import state
from ui.language import ui_translator
from ui.state import WIDGET_PREFIX
from ui.text import describe, escape_markdown

EARLIEST, LATEST = dt.date(1990, 1, 1), dt.date(2100, 12, 31)
TEXT_PAUSE = "1.5s"  # a single-line answer is saved after this pause in typing, not only on Enter or leaving


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
                st.text(describe(slot.definition, slot.definition.example, t))


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
    seed(slot.key, slot.value or "")
    st.text_input(
        label(definition),
        key=slot.key,
        max_chars=definition.max_length,
        placeholder=definition.placeholder or None,
        help=help_text(definition),
        on_change=_changed,
        args=(slot, _text),
        live=TEXT_PAUSE,
    )


@widget("long_text")
def long_text_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, LongTextField)
    seed(slot.key, slot.value or "")
    st.text_area(
        label(definition),
        key=slot.key,
        max_chars=definition.max_length,
        placeholder=definition.placeholder or None,
        help=help_text(definition),
        height=90 if definition.max_length <= 600 else 160,
        on_change=_changed,
        args=(slot, _text),
    )


@widget("choice")
def choice_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, ChoiceField)
    options = [c.id for c in definition.choices]
    seed(slot.key, slot.value if slot.value in options else None)
    t = ui_translator()
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
    )


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
    )


@widget("date")
def date_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, DateField)
    seed(slot.key, slot.value if isinstance(slot.value, dt.date) else None)
    st.date_input(
        label(definition),
        value=None,
        min_value=EARLIEST,
        max_value=LATEST,
        format="YYYY-MM-DD",
        key=slot.key,
        help=help_text(definition),
        on_change=_changed,
        args=(slot, lambda v: v),
    )


@widget("number")
def number_widget(slot: Slot) -> None:
    definition = slot.definition
    assert isinstance(definition, NumberField)
    seed(slot.key, slot.value if isinstance(slot.value, (int, float)) else None)
    whole = definition.integer or isinstance(slot.value, int) or slot.value is None
    t = ui_translator()
    st.number_input(
        label(definition) + (f" ({definition.unit})" if definition.unit else ""),
        min_value=_number(definition.minimum, whole),
        max_value=_number(definition.maximum, whole),
        value=None,
        step=1 if whole else None,
        key=slot.key,
        placeholder=t("A number"),
        help=help_text(definition),
        on_change=_changed,
        args=(slot, lambda v: v),
    )


def _number(limit: float | None, whole: bool) -> float | int | None:
    return None if limit is None else int(limit) if whole else float(limit)


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
    }
    if definition.multiple:
        seed(slot.key, chosen)
        st.multiselect(label(definition), options, on_change=_changed, args=(slot, list), **common)
    else:
        seed(slot.key, chosen[0] if chosen else None)
        st.selectbox(label(definition), options, index=None, on_change=_changed, args=(slot, _one_to_list), **common)


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
