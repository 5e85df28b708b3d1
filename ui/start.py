"""The start page: what the app does, then a new campaign, a saved one, a YAML file, or the worked example."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from campaign import (
    N_,
    Campaign,
    Role,
    StorageError,
    WorksheetPack,
    clean_text,
    example_campaign,
    is_valid_id,
    record_origin,
    text_too_long,
)
from ui import state
from ui.auth import current_owner
from ui.joining import render_join_form
from ui.language import render_language_picker, ui_language, ui_translator
from ui.manage import render_campaign_list
from ui.new_workshop import render_new_workshop_form
from ui.resources import mode, repository
from ui.upload import render_upload


def render_start(pack: WorksheetPack, notice: str | None = None) -> None:
    """Draw the start page; `notice` is an interface word (marked with N_) saying why the user landed here."""
    t = ui_translator()
    with st.container(horizontal=True, vertical_alignment="center"):
        st.title(t("Advocacy Campaign Builder"), anchor=False, width="stretch")
        render_language_picker(compact=True)
    st.markdown(
        t(
            "Plan an advocacy campaign for the social service workforce one worksheet at a time, following the "
            "Global Social Service Workforce Alliance's Advocacy Toolkit. Every answer is saved as you type, "
            "and at the end you print a campaign plan as a Word document or PDF."
        )
    )
    if notice:
        st.warning(t(notice), icon=":material/link_off:")
    main, side = st.columns([3, 2], gap="large")
    with side:
        _what_you_make(pack)
    with main:
        _choices(pack)
        _workshops()


def _what_you_make(pack: WorksheetPack) -> None:
    t = ui_translator()
    with st.container(border=True):
        st.markdown("**" + t("The steps of a campaign plan") + "**")
        st.markdown("\n".join(f"{n}. {sheet.title}" for n, sheet in enumerate(pack.worksheets, start=1)))
        if mode() == "shared":
            st.caption(
                t(
                    "Each step explains itself and shows a worked example. Answers are saved on this server as you "
                    "type, so you can stop and come back at any time."
                )
            )
        else:
            st.caption(
                t(
                    "Each step explains itself and shows a worked example. Answers are saved on this computer as "
                    "you type, so you can stop and come back at any time."
                )
            )


def _choices(pack: WorksheetPack) -> None:
    t = ui_translator()
    new, saved, upload = st.tabs([t("Start a new campaign"), t("Continue a campaign"), t("Open a saved file")])
    with new:
        _new_campaign_form()
        st.button(
            t("Or explore the worked example (a campaign in Kenya)"),
            key="open-example",
            icon=":material/school:",
            type="tertiary",
            on_click=_create,
            args=(lambda: example_campaign(pack),),
        )
    with saved:
        if mode() == "shared":
            _continue_by_link()
        else:
            if error := st.session_state.pop("start-error", None):
                st.error(error)
            render_campaign_list(pack)
    with upload:
        render_upload(pack, _create)


def _workshops() -> None:
    t = ui_translator()
    st.markdown("**" + t("In a workshop?") + "**")
    join, run = st.tabs([t("Join a workshop"), t("Run a workshop")])
    with join:
        st.markdown(t("Your facilitator shows a join code. Your group gets its own campaign and a private link to it."))
        render_join_form()
    with run:
        render_new_workshop_form()


def _new_campaign_form() -> None:
    t = ui_translator()
    with st.form("new-campaign", border=True, enter_to_submit=False):
        st.text_input(
            t("Campaign name"), max_chars=120, key="new-name", placeholder=t("e.g. A Social Worker for Every Ward")
        )
        st.text_input(
            t("Organisation or coalition"),
            max_chars=200,
            key="new-organisation",
            placeholder=t("e.g. National Association of Social Workers"),
        )
        st.text_input(t("Country"), max_chars=100, key="new-country", placeholder=t("e.g. Nepal"))
        st.form_submit_button(
            t("Start the campaign"), type="primary", icon=":material/arrow_forward:", on_click=_create_new
        )
        st.caption(t("The plan is written in the language of this page; you can change it in the campaign settings."))
    if error := st.session_state.pop(NEW_ERROR_KEY, None):
        st.error(error, icon=":material/error:")


NEW_ERROR_KEY = "new-campaign-error"
NEW_BOXES: tuple[tuple[Role, str, str], ...] = (  # the role of the field it fills, box, what the message calls it
    ("title", "new-name", N_("Campaign name")),
    ("organisation", "new-organisation", N_("Organisation or coalition")),
    ("country", "new-country", N_("Country")),
)


def _create_new() -> None:
    t = ui_translator()
    campaign = Campaign(id="", language=ui_language())  # the plan speaks the language it was started in
    for role, key, what in NEW_BOXES:
        if (place := repository().pack.field_with_role(role)) is None:
            continue  # a pack without that field: the box's words have nowhere to go
        text = clean_text(st.session_state.get(key) or "")  # as stored: NFC can be longer than what was typed
        limit = getattr(place.field, "max_length", None)
        if limit and (problem := text_too_long(t(what), text.strip(), limit, t)):
            st.session_state[NEW_ERROR_KEY] = problem  # nothing is created; the boxes keep what was typed
            return
        campaign.set_answer(place.sheet.id, place.field.id, text)
    _create(lambda: campaign)


def _create(make: Callable[[], Campaign], origin: str | None = None) -> None:
    """Store the campaign made by `make` under a fresh id and open its first step; `origin`: the id of the
    uploaded file it came from, recorded so that opening that file again finds it."""
    try:
        created = repository().create(make(), owner=current_owner())
    except StorageError as error:
        st.session_state["start-error"] = error.translated(ui_translator())
        return
    if origin is not None:
        record_origin(repository(), created.id, origin)
    space = state.open_workspace(created)
    space.notice = None
    st.session_state["show-link"] = mode() == "shared"
    state.go(None, created.id)
    st.query_params["step"] = repository().pack.worksheets[0].id


def _continue_by_link() -> None:
    t = ui_translator()
    st.markdown(
        t(
            "On this shared server campaigns are not listed: each one opens only through its **private link**. "
            "Open your bookmark, or paste the link (or the campaign code at its end) here."
        )
    )
    st.text_input(t("Private link or campaign code"), key="paste-link", on_change=_follow_link)
    if st.session_state.pop("link-error", False):
        st.error(t("That is not a campaign link. A link ends with `?c=` and a 22-character code."))


def _follow_link() -> None:
    text = (st.session_state.get("paste-link") or "").strip()
    code = text.split("c=", 1)[1].split("&", 1)[0] if "c=" in text else text
    if is_valid_id(code):
        state.go(None, code)
    else:
        st.session_state["link-error"] = True
