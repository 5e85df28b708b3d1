"""The save status everyone can see: saved at a time, or not saved with the reason and a retry."""

from __future__ import annotations

import streamlit as st

from ui import saving, state
from ui.clock import clock_time
from ui.language import ui_translator

RETRY_TICK_SECONDS = 1.0  # how often a failed save checks whether its back-off time has come


def render_status(space: state.Workspace) -> None:
    """Show whether every answer is on disk."""
    t = ui_translator()
    if space.error:
        st.badge(t("Not saved yet · retrying"), icon=":material/cloud_off:", color="red")
        return
    with st.container(key="save-done", width="content"):
        if space.saved_at:
            saved = t("Saved · {time}", time=clock_time(space.saved_at))  # in the browser's time zone
            st.badge(saved, icon=":material/check_circle:", color="green")
        else:
            st.badge(t("Answers save as you type"), icon=":material/cloud_done:", color="gray")
    with st.container(key="save-pending", width="content"):  # shown instead while typed text is on its way
        st.badge(t("Saving…"), icon=":material/cloud_upload:", color="orange")


@st.fragment(run_every=RETRY_TICK_SECONDS)
def _retry_when_due() -> None:
    # drawn only while a save has failed: the timer stops once everything is stored
    if saving.retry_if_due():
        st.rerun(scope="app")  # the whole page shows "Saved" again


def render_save_problem(space: state.Workspace) -> None:
    """Explain a failed save in plain words and offer to try again; the typed answers stay on screen."""
    t = ui_translator()
    # always one container in the same place, shown or empty: a message appearing above the answers must not
    # move them in the page's element tree, or the browser rebuilds every box below it while a person types
    with st.container(key="save-problem", gap=None):
        if space.error:
            st.error(
                t("Your last change is not saved yet: {reason} It is kept on this page.", reason=space.error),
                icon=":material/cloud_off:",
            )
            st.caption(
                t("It is sent again by itself, and every answer typed meanwhile with it, once the store answers.")
            )
            st.button(t("Try saving again"), key="retry-save", on_click=saving.retry, icon=":material/refresh:")
            _retry_when_due()
        if space.notice:
            st.info(space.notice, icon=":material/merge:")
            space.notice = None
