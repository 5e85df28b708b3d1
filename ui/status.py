"""The save status everyone can see: saved at a time, or not saved with the reason and a retry."""

from __future__ import annotations

import streamlit as st

from ui import saving, state


def render_status(space: state.Workspace) -> None:
    """Show whether every answer is on disk."""
    if space.error:
        st.badge("Not saved", icon=":material/cloud_off:", color="red")
    elif space.saved_at:
        st.badge(f"Saved · {space.saved_at:%H:%M:%S}", icon=":material/check_circle:", color="green")
    else:
        st.badge("Answers save as you type", icon=":material/cloud_done:", color="gray")


def render_save_problem(space: state.Workspace) -> None:
    """Explain a failed save in plain words and offer to try again; the typed answers stay on screen."""
    if space.error:
        st.error(
            f"Your last change is not saved yet: {space.error} It is kept on this page.",
            icon=":material/cloud_off:",
        )
        st.button("Try saving again", key="retry-save", on_click=saving.retry, icon=":material/refresh:")
    if space.notice:
        st.info(space.notice, icon=":material/merge:")
        space.notice = None
