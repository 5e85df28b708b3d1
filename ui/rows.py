"""Rows of a table answer, shared by its two layouts (cards and grid): drafts, the add button, new row ids."""

from __future__ import annotations

from typing import Any

import streamlit as st

from campaign import TableField, new_row_id
from ui import state
from ui.language import ui_translator
from ui.widgets import Slot


def add_row_button(slot: Slot, table: TableField, count: int) -> None:
    """Draw the button that adds a row (a draft until something is typed in it), while the table has room."""
    t = ui_translator()
    if count == 0:  # an empty table says plainly how its first row is added
        button = t("Add {row}", row=table.row_name.lower())
        st.caption(
            t("No {rows} yet. Press “{button}” below to add the first one.", rows=table.row_name.lower(), button=button)
        )
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
    row_id = new_row_id(table.row_name, taken)
    space.drafts.setdefault(slot.path, []).append(row_id)
    space.open_row = row_id
