"""Conflicts with someone else's save: both versions side by side, and a choice that settles each one."""

from __future__ import annotations

import streamlit as st

from campaign import WorksheetPack
from campaign.checks import row_label
from campaign.fields import FieldBase, TableField
from campaign.i18n import Translator
from ui import saving, state
from ui.language import language_name, ui_translator
from ui.text import describe, escape_markdown


def render_conflicts(space: state.Workspace, pack: WorksheetPack) -> None:
    """Show every open conflict of the campaign with both values and the buttons that settle it."""
    if not space.campaign.conflicts:
        return
    t = ui_translator()
    for number, conflict in enumerate(space.campaign.conflicts):
        where, definition = _describe_path(pack, conflict.path, t)
        if _is_row(definition, conflict.path):  # name the row from whichever side still has it
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
                st.text(_value(definition, conflict.path, conflict.mine, t))
                st.button(
                    t("Keep mine"),
                    key=f"conflict-{number}-mine",
                    on_click=saving.resolve_conflict,
                    args=(conflict, True),
                )
            with theirs:
                st.caption(t("Saved by someone else (version {revision})", revision=conflict.revision))
                st.text(_value(definition, conflict.path, conflict.theirs, t))
                st.button(
                    t("Keep theirs"),
                    key=f"conflict-{number}-theirs",
                    on_click=saving.resolve_conflict,
                    args=(conflict, False),
                )


def _value(definition: FieldBase | None, path: str, value: object, t: Translator) -> str:
    if path == "language":
        return language_name(str(value))
    if _is_row(definition, path):  # a whole row: one side removed it, the other edited it
        return describe(definition, [value], t) if isinstance(value, dict) else t("This row was removed")
    return describe(definition, value, t) if definition else str(value)


def _is_row(definition: FieldBase | None, path: str) -> bool:
    """Return True for the path of a whole table row ("sheet.field.row")."""
    return isinstance(definition, TableField) and path.count(".") == 2


def _describe_path(pack: WorksheetPack, path: str, t: Translator) -> tuple[str, FieldBase | None]:
    """Return the words naming a conflict path and the field definition of its value (None if unknown)."""
    parts = path.split(".")
    if path == "language":
        return t("Language of the plan"), None
    if parts[0] == "settings":
        names = {"paper": t("Paper size"), "logo": t("Logo on the cover")}
        return t("Settings › {setting}", setting=names.get(parts[-1], parts[-1])), None
    sheet = pack.by_id.get(parts[0])
    if sheet is None or len(parts) < 2:
        return path, None
    try:
        definition: FieldBase = sheet.field(parts[1])
    except KeyError:
        return path, None
    where = f"{sheet.short_title} › {definition.label}"
    if len(parts) == 4 and isinstance(definition, TableField) and parts[3] in {c.id for c in definition.columns}:
        column = definition.column(parts[3])
        return f"{where} › {column.label} ({parts[2]})", column
    return where, definition
