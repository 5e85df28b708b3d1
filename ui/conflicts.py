"""Conflicts with someone else's save: both versions side by side, and a choice that settles each one."""

from __future__ import annotations

import streamlit as st

from campaign import WorksheetPack
from campaign.fields import FieldBase, TableField
from ui import saving, state
from ui.text import describe, escape_markdown


def render_conflicts(space: state.Workspace, pack: WorksheetPack) -> None:
    """Show every open conflict of the campaign with both values and the buttons that settle it."""
    for number, conflict in enumerate(space.campaign.conflicts):
        where, definition = _describe_path(pack, conflict.path)
        with st.container(border=True, key=f"conflict-{number}"):
            st.markdown(
                f":orange[:material/call_split:] **Two people changed “{escape_markdown(where)}” at the same time.** "
                "Both versions are kept until you choose one."
            )
            mine, theirs = st.columns(2)
            with mine:
                st.caption("Your version")
                st.text(describe(definition, conflict.mine) if definition else str(conflict.mine))
                st.button(
                    "Keep mine", key=f"conflict-{number}-mine", on_click=saving.resolve_conflict, args=(conflict, True)
                )
            with theirs:
                st.caption(f"Saved by someone else (version {conflict.revision})")
                st.text(describe(definition, conflict.theirs) if definition else str(conflict.theirs))
                st.button(
                    "Keep theirs",
                    key=f"conflict-{number}-theirs",
                    on_click=saving.resolve_conflict,
                    args=(conflict, False),
                )


def _describe_path(pack: WorksheetPack, path: str) -> tuple[str, FieldBase | None]:
    """Return the words naming a conflict path and the field definition of its value (None if unknown)."""
    parts = path.split(".")
    if parts[0] == "settings":
        return f"Settings › {parts[-1]}", None
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
