"""Where an answer widget lives (its slot), the one widget concern every field type registers, and the hints."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

import streamlit as st

from campaign import (
    Campaign,
    FieldBase,
    WorksheetPack,
    is_empty,
    needs_answer,
    per_field_type,
    put_at_path,
)
from ui import saving, state
from ui.language import ui_translator
from ui.state import WIDGET_PREFIX
from ui.text import describe, escape_markdown


@dataclass(frozen=True)
class Slot:
    """Where a widget's answer lives: its path, its definition, its stored value and how to store it."""

    path: str  # "worksheet.field", or "worksheet.field.row.column" for a cell of a table row
    definition: FieldBase  # a field of a worksheet or a column of a table
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


@per_field_type("widget")
def draw_widget(definition: FieldBase, slot: Slot) -> None:
    """Draw the labelled widget of `definition` that saves `slot`'s answer on change (ui/widgets.py and co.)."""


def render_field(slot: Slot) -> None:
    """Draw the widget for `slot`, then the "still needed" hint and the example on demand."""
    draw_widget(slot.definition, slot)
    if not slot.definition.is_table:  # tables place their own hints, above their rows
        hints(slot)


def hints(slot: Slot) -> None:
    """Show beside the field what is still needed and, on demand, the worked example; never blocking."""
    needed = needs_answer(slot.definition, slot.value)
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


@contextmanager
def with_clear(slot: Slot) -> Iterator[None]:
    """Draw the widget made inside, with a "Clear" button beside it while it holds an answer."""
    if is_empty(slot.value):
        yield
        return
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small", key=f"clearable-{slot.key}"):
        yield
        t = ui_translator()
        with st.container(key=f"icon-only-{slot.key}", width="content"):  # named in words, shown as ⌫ (ui/app.py)
            st.button(
                t("Clear this answer (you can undo it)"),
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
