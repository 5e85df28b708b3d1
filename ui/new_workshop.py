"""Run a workshop: name, date, place and language, then off to the new workshop's dashboard by its secret link."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from campaign import PLACE_LIMIT, WORKSHOP_NAME_LIMIT, StorageError, WorkshopRefused
from ui import state
from ui.language import language_name, offered_languages, ui_translator
from ui.resources import workshops
from ui.workshop_group import forget_workshops

CREATED_KEY = "workshop-created"  # the id of the workshop this session just created: show its link first
ERROR_KEY = "new-workshop-error"


def render_new_workshop_form() -> None:
    """Draw the form that creates a workshop."""
    t = ui_translator()
    st.markdown(
        t(
            "For facilitators. You get a **secret link to a dashboard** that shows every group's progress, and a "
            "short **join code** to show on the projector."
        )
    )
    languages = list(offered_languages())
    with st.form("new-workshop", border=True, enter_to_submit=False):
        st.text_input(
            t("Workshop name"),
            max_chars=WORKSHOP_NAME_LIMIT,
            key="workshop-name",
            placeholder=t("e.g. Lusaka advocacy forum"),
        )
        with st.container(horizontal=True):
            st.date_input(t("Date"), value="today", format="YYYY-MM-DD", key="workshop-date")
            st.text_input(t("Place"), max_chars=PLACE_LIMIT, key="workshop-place", placeholder=t("e.g. Lusaka"))
            st.selectbox(
                t("Language of the plans"),
                languages,
                index=languages.index(t.language) if t.language in languages else 0,
                format_func=language_name,
                key="workshop-language",
                help=t(
                    "The groups' plans are written in it, and the join link opens in it. Each group can change both."
                ),
            )
        st.form_submit_button(
            t("Create the workshop"), type="primary", icon=":material/co_present:", on_click=_create_workshop
        )
    if error := st.session_state.pop(ERROR_KEY, None):
        st.error(error, icon=":material/error:")


def _create_workshop() -> None:
    t = ui_translator()
    date = st.session_state.get("workshop-date")
    try:  # the model cleans and checks the texts as they will be stored (longer in NFC than typed, at times)
        workshop, token = workshops().create(
            st.session_state.get("workshop-name") or "",
            date.isoformat() if isinstance(date, dt.date) else "",
            st.session_state.get("workshop-place") or "",
            st.session_state.get("workshop-language") or "en",
            t=t,
        )
    except WorkshopRefused as refused:
        st.session_state[ERROR_KEY] = refused.message
        return
    except StorageError as error:
        st.session_state[ERROR_KEY] = t("The workshop could not be created: {reason}", reason=error.translated(t))
        return
    forget_workshops()
    st.session_state[CREATED_KEY] = workshop.id
    st.session_state.pop("workspace", None)
    state.clear_query()
    st.query_params["f"] = token
