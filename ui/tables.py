"""Table answers: cards (one folding panel of proper widgets per row) or an editable grid, with stable row ids."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from campaign import Campaign, TableField, missing_cells, references_to, row_label, without_row
from ui import saving, state
from ui.grid import render_grid
from ui.language import ui_translator
from ui.resources import worksheet_pack
from ui.rows import add_row_button, rows_with_drafts
from ui.slot import Slot, draw_widget, help_text, hints, label, render_field
from ui.text import escape_markdown


@draw_widget.register(TableField)
def render_table(table: TableField, slot: Slot) -> None:
    """Draw a table answer in the layout its worksheet declares."""
    if table.layout == "grid":
        render_grid(table, slot)
    else:
        render_cards(table, slot)


def render_cards(table: TableField, slot: Slot) -> None:
    """Draw one folding card per row, an add button, and a confirmation before a row is removed."""
    space = state.workspace()
    assert space is not None
    rows = rows_with_drafts(slot, space)
    t = ui_translator()
    count = t("{count} of at most {max}", count=len(rows), max=table.max_rows)
    st.markdown(f"**{label(table)}** · {count}", help=help_text(table))
    hints(Slot(slot.path, table, rows, slot.commit, slot.campaign, slot.pack))
    sheet_id, field_id = slot.path.split(".")  # a table's path is "worksheet.field"
    for number, row in enumerate(rows, start=1):
        name = row_label(slot.campaign, slot.pack, table, row, number)
        notes = state.notes_for(f"{slot.path}.{row['id']}")
        title = f"{escape_markdown(table.row_name)} {number} · {escape_markdown(name)}"
        if notes or missing_cells(table, row):
            title += " · :orange[" + t("to finish") + "]"
        with st.expander(title, expanded=space.open_row == row["id"]):
            for note in notes:
                st.caption(f":orange[:material/info: {escape_markdown(note)}]")
            for column in table.columns:
                cell = f"{slot.path}.{row['id']}.{column.id}"
                commit = partial(saving.save_cell, sheet_id, field_id, row["id"], column.id)
                render_field(Slot(cell, column, row.get(column.id), commit, slot.campaign, slot.pack, False))
            _removal(slot, table, row, name)
    add_row_button(slot, table, len(rows))


def _removal(slot: Slot, table: TableField, row: dict[str, Any], name: str) -> None:
    space = state.workspace()
    assert space is not None
    target = f"{slot.path}.{row['id']}"
    noun = table.row_name.lower()
    t = ui_translator()
    if space.pending_removal != target:
        st.button(
            t("Remove this {row}", row=noun),
            icon=":material/delete:",
            key=f"{state.WIDGET_PREFIX}{target}.remove",
            type="tertiary",
            on_click=_ask_removal,
            args=(target, row["id"]),
        )
        return
    used = references_to(slot.campaign, slot.pack, slot.path, row["id"])
    with st.container(border=True):
        message = t("Remove {row} “{name}”?", row=noun, name=escape_markdown(name))
        if used:
            places = sorted({slot.pack.worksheet(ref.worksheet_id).short_title for ref in used})
            where = escape_markdown(", ".join(places))
            message += " " + t.ngettext(
                "It is picked in {count} place ({where}); that link will be removed too.",
                "It is picked in {count} places ({where}); those links will be removed too.",
                len(used),
                where=where,
            )
        st.warning(message, icon=":material/warning:")
        with st.container(horizontal=True):
            st.button(
                t("Yes, remove it"),
                key=f"{state.WIDGET_PREFIX}{target}.confirm",
                on_click=remove_row,
                args=(slot.path, row["id"]),
            )
            st.button(t("Cancel"), key=f"{state.WIDGET_PREFIX}{target}.cancel", on_click=_cancel_removal)


def _ask_removal(target: str, row_id: str) -> None:
    space = state.workspace()
    assert space is not None
    space.pending_removal, space.open_row = target, row_id


def _cancel_removal() -> None:
    space = state.workspace()
    assert space is not None
    space.pending_removal = None


def remove_row(path: str, row_id: str) -> None:
    """Remove a row from the table at `path` and drop every reference to it, in one save."""
    space = state.workspace()
    assert space is not None
    space.pending_removal = None
    space.drafts[path] = [d for d in space.drafts.get(path, []) if d != row_id]

    def edit(campaign: Campaign) -> None:
        campaign.answers = without_row(campaign, worksheet_pack(), path, row_id).answers

    saving.save_edit(edit)
    state.forget_widgets()
