"""Table answers: cards (one folding panel of proper widgets per row) or an editable grid, with stable row ids."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from campaign import Campaign
from campaign.checks import references_to, row_label, without_row
from campaign.fields import TableField, slug
from campaign.model import is_empty
from ui import saving, state
from ui.grid import render_grid
from ui.language import ui_translator
from ui.text import escape_markdown
from ui.widgets import Slot, help_text, hints, label, render_field


def render_table(slot: Slot) -> None:
    """Draw a table answer in the layout its worksheet declares."""
    table = slot.definition
    assert isinstance(table, TableField)
    if table.layout == "grid":
        render_grid(slot)
    else:
        render_cards(slot)


def render_cards(slot: Slot) -> None:
    """Draw one folding card per row, an add button, and a confirmation before a row is removed."""
    table = slot.definition
    assert isinstance(table, TableField)
    space = state.workspace()
    assert space is not None
    rows = rows_with_drafts(slot, space)
    t = ui_translator()
    count = t("{count} of at most {max}", count=len(rows), max=table.max_rows)
    st.markdown(f"**{label(table)}** · {count}", help=help_text(table))
    hints(Slot(slot.path, table, rows, slot.commit, slot.campaign, slot.pack))
    if not rows:
        button = t("Add {row}", row=table.row_name.lower())
        st.caption(
            t("No {rows} yet. Press “{button}” below to add the first one.", rows=table.row_name.lower(), button=button)
        )
    for number, row in enumerate(rows, start=1):
        name = row_label(slot.campaign, slot.pack, table, row, number)
        notes = state.notes_for(f"{slot.path}.{row['id']}")
        title = f"{escape_markdown(table.row_name)} {number} · {escape_markdown(name)}"
        if notes or any(c.required and is_empty(row.get(c.id)) for c in table.columns):
            title += " · :orange[" + t("to finish") + "]"
        with st.expander(title, expanded=space.open_row == row["id"]):
            for note in notes:
                st.caption(f":orange[:material/info: {escape_markdown(note)}]")
            for column in table.columns:
                cell = f"{slot.path}.{row['id']}.{column.id}"
                commit = partial(saving.save_cell, *slot.path.split("."), row["id"], column.id)
                render_field(Slot(cell, column, row.get(column.id), commit, slot.campaign, slot.pack, False))
            _removal(slot, table, row, name)
    add_row_button(slot, table, len(rows))


def add_row_button(slot: Slot, table: TableField, count: int) -> None:
    """Draw the button that adds a row (a draft until something is typed in it), while the table has room."""
    t = ui_translator()
    if count < table.max_rows:
        st.button(
            t("Add {row}", row=table.row_name.lower()),
            icon=":material/add:",
            key=f"{state.WIDGET_PREFIX}{slot.path}.add",
            on_click=_add_row,
            args=(slot, table),
        )
    else:
        st.caption(t("The table is full ({count} rows).", count=table.max_rows))


def rows_with_drafts(slot: Slot, space: state.Workspace) -> list[dict[str, Any]]:
    """Return the stored rows of the table at `slot`, then the rows added in this session but not typed in yet."""
    rows = list(slot.campaign.rows(*slot.path.split(".")))
    stored = {row["id"] for row in rows}
    drafts = [row_id for row_id in space.drafts.get(slot.path, []) if row_id not in stored]
    space.drafts[slot.path] = drafts
    return rows + [{"id": row_id} for row_id in drafts]


def _add_row(slot: Slot, table: TableField) -> None:
    # an empty row is not stored (files never hold blanks): it stays a draft until something is typed in it
    space = state.workspace()
    assert space is not None
    taken = {row["id"] for row in rows_with_drafts(slot, space)}
    row_id = unique_row_id(table.row_name, taken)
    space.drafts.setdefault(slot.path, []).append(row_id)
    space.open_row = row_id


def unique_row_id(text: str, taken: set[str]) -> str:
    """Return a readable row id made from `text` that no row in `taken` has."""
    base = slug(text)[:36]
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


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
            message += " " + t(
                "It is picked in {count} place(s) ({where}); those links will be removed too.",
                count=len(used),
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
    from ui.resources import worksheet_pack

    space = state.workspace()
    assert space is not None
    space.pending_removal = None
    space.drafts[path] = [d for d in space.drafts.get(path, []) if d != row_id]

    def edit(campaign: Campaign) -> None:
        campaign.answers = without_row(campaign, worksheet_pack(), path, row_id).answers

    saving.save_edit(edit)
    state.forget_widgets()
