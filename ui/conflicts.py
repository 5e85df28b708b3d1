"""Conflicts with someone else's save: both versions side by side, and a choice that settles each one."""

from __future__ import annotations

from typing import TypeGuard

import streamlit as st

from campaign import (
    NOT_ANSWERED,
    Conflict,
    FieldBase,
    Place,
    TableField,
    Translator,
    WorksheetPack,
    answer_text,
    row_label,
)
from ui import saving, state
from ui.language import language_name, ui_translator
from ui.text import escape_markdown


def render_conflicts(space: state.Workspace, pack: WorksheetPack) -> None:
    """Show every open conflict of the campaign with both values and the buttons that settle it."""
    if not space.campaign.conflicts:
        return
    t = ui_translator()
    for number, conflict in enumerate(space.campaign.conflicts):
        place = conflict.place
        where, definition = _describe_place(pack, place, t)
        if _is_row(definition, place):  # name the row from whichever side still has it
            row = conflict.mine if isinstance(conflict.mine, dict) else conflict.theirs
            named = row_label(space.campaign, pack, definition, row) if isinstance(row, dict) else conflict.path
            where = f"{where} › {named}"
        with st.container(border=True, key=f"conflict-{number}"):
            st.markdown(
                ":orange[:material/call_split:] "
                + t(
                    "**Two people changed “{where}” at the same time.** Both versions are kept until you choose one.",
                    where=escape_markdown(where),
                )
            )
            mine, theirs = st.columns(2)
            with mine:
                st.caption(t("Your version"))
                st.text(_value(space, pack, conflict, conflict.mine, t))
                st.button(
                    t("Keep mine"),
                    key=f"conflict-{number}-mine",
                    on_click=saving.resolve_conflict,
                    args=(conflict, True),
                )
            with theirs:
                st.caption(t("Saved by someone else (version {revision})", revision=conflict.revision))
                st.text(_value(space, pack, conflict, conflict.theirs, t))
                st.button(
                    t("Keep theirs"),
                    key=f"conflict-{number}-theirs",
                    on_click=saving.resolve_conflict,
                    args=(conflict, False),
                )


def _value(space: state.Workspace, pack: WorksheetPack, conflict: Conflict, value: object, t: Translator) -> str:
    place = conflict.place
    if place.setting == "language":
        return language_name(str(value))
    definition = _describe_place(pack, place, t)[1]
    if definition is None:
        return str(value)
    if _is_row(definition, place):  # a whole row: one side removed it, the other edited it
        if not isinstance(value, dict):
            return t("This row was removed")
        value = [value]
    return answer_text(definition, value, space.campaign, pack, t) or t(NOT_ANSWERED)


def _is_row(definition: FieldBase | None, place: Place) -> TypeGuard[TableField]:
    """Return True for the place of a whole table row ("sheet.field.row")."""
    return definition is not None and definition.is_table and bool(place.row) and not place.column


def _describe_place(pack: WorksheetPack, place: Place, t: Translator) -> tuple[str, FieldBase | None]:
    """Return the words naming a conflict's place and the field definition of its value (None if unknown)."""
    if place.setting == "language":
        return t("Language of the plan"), None
    if place.setting:
        names = {"paper": t("Paper size"), "logo": t("Logo on the cover")}
        return t("Settings › {setting}", setting=names.get(place.setting, place.setting)), None
    sheet = pack.by_id.get(place.worksheet)
    if sheet is None or not place.field:
        return str(place), None
    try:
        definition: FieldBase = sheet.field(place.field)
    except KeyError:
        return str(place), None
    where = f"{sheet.short_title} › {definition.label}"
    columns = {column.id: column for column in getattr(definition, "columns", [])}
    if place.column in columns:
        return f"{where} › {columns[place.column].label} ({place.row})", columns[place.column]
    return where, definition
