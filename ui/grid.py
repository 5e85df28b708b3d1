"""A table answer as an editable grid: typed columns, rows added and deleted in place, stable row ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from campaign import Campaign
from campaign.checks import references_to, row_label, without_row
from campaign.fields import (
    ChoiceField,
    DateField,
    FieldBase,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    TableField,
    TextField,
    slug,
)
from campaign.model import is_empty
from campaign.text import clean_text
from ui import saving, state
from ui.language import ui_translator
from ui.widgets import EARLIEST, LATEST, Slot, help_text, hints, label


def grid_key(path: str) -> str:
    """Return the data editor's key: a new one after each applied edit, so it starts from the stored rows."""
    space = state.workspace()
    return f"grid:{path}:{space.grid_generation if space else 0}"


def render_grid(slot: Slot) -> None:
    """Draw the rows as a grid; apply the user's edits to the campaign, save them and redraw."""
    table = slot.definition
    assert isinstance(table, TableField)
    rows = slot.campaign.rows(*slot.path.split("."))
    t = ui_translator()
    count = t("{count} of at most {max}", count=len(rows), max=table.max_rows)
    st.markdown(f"**{label(table)}** · {count}", help=help_text(table))
    hints(slot)
    frame = pd.DataFrame(
        [{c.id: _to_cell(c, row.get(c.id)) for c in table.columns} for row in rows],
        columns=[c.id for c in table.columns],
    )
    key = grid_key(slot.path)
    st.data_editor(
        frame,
        key=key,
        column_config={c.id: _column(c, slot) for c in table.columns},
        num_rows="dynamic" if len(rows) < table.max_rows else "delete",
        hide_index=True,
        width="stretch",
        placeholder="—",
    )
    delta = st.session_state.get(key) or {}
    if any(delta.get(part) for part in ("edited_rows", "added_rows", "deleted_rows")):
        # applied here rather than in on_change so that edits injected by tests take the same path
        apply_grid_edits(slot.path, table, rows, delta)
        st.rerun()


def apply_grid_edits(path: str, table: TableField, rows: list[dict[str, Any]], delta: dict[str, Any]) -> None:
    """Store the rows after a data editor's edits, additions and deletions (dropping links to deleted rows)."""
    from ui.resources import worksheet_pack

    pack = worksheet_pack()
    updated = [dict(row) for row in rows]
    for index, changes in (delta.get("edited_rows") or {}).items():
        if int(index) < len(updated):
            for column_id, value in changes.items():
                _put(updated[int(index)], table, column_id, value)
    taken = {row["id"] for row in updated}
    for added in delta.get("added_rows") or []:
        row: dict[str, Any] = {}
        for column_id, value in added.items():
            _put(row, table, column_id, value)
        if not is_empty(row):
            base = slug(str(row.get(table.row_label_column) or table.row_name))
            row_id, number = base, 2
            while row_id in taken:
                row_id, number = f"{base}-{number}", number + 1
            taken.add(row_id)
            updated.append({"id": row_id, **row})
    deleted = {updated[int(i)]["id"] for i in delta.get("deleted_rows") or [] if int(i) < len(rows)}
    deleted |= {row["id"] for row in updated[: len(rows)] if is_empty(row)}  # every cell cleared
    kept = [row for row in updated if row["id"] not in deleted]

    def edit(campaign: Campaign) -> None:
        campaign.set_answer(*path.split("."), kept)
        for row_id in deleted:
            campaign.answers = without_row(campaign, pack, path, row_id).answers

    space = state.workspace()
    if space is not None and any(references_to(space.campaign, pack, path, row_id) for row_id in deleted):
        t = ui_translator()
        space.notice = t("The removed row was picked in later steps; those links were removed too.")
    saving.save_edit(edit)
    if space is not None:
        space.grid_generation += 1


def _put(row: dict[str, Any], table: TableField, column_id: str, value: Any) -> None:
    if column_id not in {c.id for c in table.columns}:
        return
    typed = _from_cell(table.column(column_id), value)
    if is_empty(typed):
        row.pop(column_id, None)
    else:
        row[column_id] = typed


def _to_cell(column: FieldBase, value: Any) -> Any:
    if isinstance(column, (MultiChoiceField, ReferenceField)):
        return list(value or [])
    return value


def _from_cell(column: FieldBase, value: Any) -> Any:
    """Return a grid cell's value with the type the campaign stores for `column`."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(column, (MultiChoiceField, ReferenceField)):
        return [str(v) for v in (value if isinstance(value, list) else [value]) if v]
    if isinstance(column, DateField):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return None
    if isinstance(column, NumberField):
        number = float(value)
        return int(number) if column.integer or number.is_integer() else number
    if isinstance(column, ChoiceField):
        return str(value) if str(value) in {c.id for c in column.choices} else None
    return clean_text(str(value))


def _column(column: FieldBase, slot: Slot) -> Any:
    title = column.label
    common = {"help": help_text(column), "required": None}
    if isinstance(column, MultiChoiceField):
        return st.column_config.MultiselectColumn(
            title, options=[c.id for c in column.choices], format_func=column.choice_label, **common
        )
    if isinstance(column, ChoiceField):
        return st.column_config.SelectboxColumn(
            title, options=[c.id for c in column.choices], format_func=column.choice_label, **common
        )
    if isinstance(column, DateField):
        return st.column_config.DateColumn(title, format="YYYY-MM-DD", min_value=EARLIEST, max_value=LATEST, **common)
    if isinstance(column, NumberField):
        return st.column_config.NumberColumn(
            title, min_value=column.minimum, max_value=column.maximum, step=1 if column.integer else None, **common
        )
    if isinstance(column, ReferenceField):
        source = slot.pack.source_table(column)
        rows = slot.campaign.rows(column.source_worksheet, column.source_field)
        names = {r["id"]: row_label(slot.campaign, slot.pack, source, r, n) for n, r in enumerate(rows, start=1)}
        return st.column_config.MultiselectColumn(
            title, options=list(names), format_func=lambda row_id: names.get(row_id, row_id), **common
        )
    assert isinstance(column, (TextField, LongTextField))
    return st.column_config.TextColumn(title, max_chars=column.max_length, **common)
