"""A table answer as a compact grid: one line of answer widgets per row under shared column headers.

Streamlit's data editor lost what people typed: a cell reports only when its editor closes, and a row
added with its "+" vanished at once (an empty row is not stored, and redrawing the editor from the stored
rows dropped it). Each cell here is the same widget as anywhere else (text is stored after a pause in
typing), a new row is a draft until something is typed in it, and a removed row can be brought back.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from campaign import (
    Campaign,
    ChoiceField,
    DateField,
    FieldBase,
    LongTextField,
    MultiChoiceField,
    NumberField,
    ReferenceField,
    TableField,
    TextField,
    per_field_type,
    row_label,
    without_row,
)
from ui import saving, state
from ui.language import ui_translator
from ui.resources import worksheet_pack
from ui.rows import add_row_button, rows_with_drafts
from ui.slot import Slot, help_text, hints, label, render_field
from ui.text import escape_markdown


def render_grid(table: TableField, slot: Slot) -> None:
    """Draw the rows of a table as lines of widgets, a remove button on each, and a button adding a row."""
    space = state.workspace()
    assert space is not None
    rows = rows_with_drafts(slot, space)
    t = ui_translator()
    count = t("{count} of at most {max}", count=len(rows), max=table.max_rows)
    st.markdown(f"**{label(table)}** · {count}", help=help_text(table))
    hints(Slot(slot.path, table, rows, slot.commit, slot.campaign, slot.pack))
    widths = [column_width(column) for column in table.columns]
    if rows:
        header = st.columns([*widths, 0.4], vertical_alignment="bottom")
        for place, column in zip(header, table.columns, strict=False):
            place.markdown(
                f"**{escape_markdown(column.label)}**" + (" \\*" if column.required else ""),
                help=help_text(column),
            )
    sheet_id, field_id = slot.path.split(".")  # a table's path is "worksheet.field"
    for number, row in enumerate(rows, start=1):
        with st.container(key=f"grid-row-{slot.path}-{row['id']}".replace(".", "-")):
            places = st.columns([*widths, 0.4], vertical_alignment="center")
            for place, column in zip(places, table.columns, strict=False):
                cell = f"{slot.path}.{row['id']}.{column.id}"
                commit = partial(saving.save_cell, sheet_id, field_id, row["id"], column.id)
                labelled = column.model_copy(update={"label": f"{column.label} ({table.row_name} {number})"})
                with place:
                    render_field(
                        Slot(cell, labelled, row.get(column.id), commit, slot.campaign, slot.pack, False, "collapsed")
                    )
            name = row_label(slot.campaign, slot.pack, table, row, number)
            removal = t("Remove {row} “{name}”", row=table.row_name.lower(), name=name)
            key = f"{state.WIDGET_PREFIX}{slot.path}.{row['id']}.remove"
            with places[-1], st.container(key=f"icon-only-{key}", width="content"):  # named in words (ui/app.py)
                st.button(
                    escape_markdown(removal),
                    icon=":material/delete:",
                    key=key,
                    help=removal,
                    type="tertiary",
                    on_click=remove_grid_row,
                    args=(slot.path, row["id"], name),
                )
    add_row_button(slot, table, len(rows))


@per_field_type("grid column width", columns_only=True)
def column_width(column: FieldBase) -> float:
    """Return the share of a grid line a column's widgets get: text is wider than a pick, a date or a number."""


@column_width.register(TextField, LongTextField)
def _text_width(column: FieldBase) -> float:
    return 2


@column_width.register(ChoiceField, MultiChoiceField, DateField, NumberField, ReferenceField)
def _pick_width(column: FieldBase) -> float:
    return 1.8


def remove_grid_row(path: str, row_id: str, name: str) -> None:
    """Remove a row at once (and every link to it), keeping what it changed so that "Undo" brings it back."""
    space = state.workspace()
    assert space is not None
    before = space.campaign.copy()
    space.drafts[path] = [d for d in space.drafts.get(path, []) if d != row_id]

    def edit(campaign: Campaign) -> None:
        campaign.answers = without_row(campaign, worksheet_pack(), path, row_id).answers

    if saving.save_edit(edit):
        t = ui_translator()
        space.undo = state.Undo(
            path, partial(_restore, before, space.campaign.copy()), t("Removed “{name}”.", name=name)
        )
    state.forget_widgets()


def _restore(before: Campaign, after: Campaign, campaign: Campaign) -> None:
    """Put back in `campaign` every answer that a removal changed from `before` to `after`."""
    for sheet in set(before.answers) | set(after.answers):
        for field in set(before.answers.get(sheet, {})) | set(after.answers.get(sheet, {})):
            if before.answer(sheet, field) != after.answer(sheet, field):
                campaign.set_answer(sheet, field, before.answer(sheet, field))
