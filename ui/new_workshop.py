"""Run a workshop: name, date, place and language, then off to the new workshop's dashboard by its secret link."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from babel import Locale, UnknownLocaleError

from campaign import StorageError
from campaign.text import clean_text
from campaign.worksheet import available_languages
from ui.resources import workshops
from ui.workshop_group import forget_workshops

CREATED_KEY = "workshop-created"  # the id of the workshop this session just created: show its link first
ERROR_KEY = "new-workshop-error"


def language_name(code: str) -> str:
    """Return a language's own name ("français"), or the code when Babel does not know it."""
    try:
        return Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code


def render_new_workshop_form() -> None:
    """Draw the form that creates a workshop."""
    st.markdown(
        "For facilitators. You get a **secret link to a dashboard** that shows every group's progress, and a "
        "short **join code** to show on the projector."
    )
    languages = available_languages()
    with st.form("new-workshop", border=True, enter_to_submit=False):
        st.text_input("Workshop name", max_chars=120, key="workshop-name", placeholder="e.g. Lusaka advocacy forum")
        with st.container(horizontal=True):
            st.date_input("Date", value="today", format="YYYY-MM-DD", key="workshop-date")
            st.text_input("Place", max_chars=120, key="workshop-place", placeholder="e.g. Lusaka")
            st.selectbox(
                "Language",
                languages,
                format_func=language_name,
                key="workshop-language",
                help="Recorded in each group's campaign file and plan.",
            )
        st.form_submit_button(
            "Create the workshop", type="primary", icon=":material/co_present:", on_click=_create_workshop
        )
    if error := st.session_state.pop(ERROR_KEY, None):
        st.error(error, icon=":material/error:")


def _create_workshop() -> None:
    name = clean_text(st.session_state.get("workshop-name") or "").strip()
    if not name:
        st.session_state[ERROR_KEY] = "Give the workshop a name, for example 'Lusaka advocacy forum'."
        return
    date = st.session_state.get("workshop-date")
    try:
        workshop, token = workshops().create(
            name,
            date.isoformat() if isinstance(date, dt.date) else "",
            clean_text(st.session_state.get("workshop-place") or "").strip(),
            st.session_state.get("workshop-language") or "en",
        )
    except StorageError as error:
        st.session_state[ERROR_KEY] = f"The workshop could not be created: {error.message}"
        return
    forget_workshops()
    st.session_state[CREATED_KEY] = workshop.id
    st.session_state.pop("workspace", None)
    st.query_params.clear()
    st.query_params["f"] = token
