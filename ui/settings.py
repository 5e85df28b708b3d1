"""Campaign settings: the plan's language and paper size, the organisation's logo for its cover, the private link,
and earlier versions to bring back."""

from __future__ import annotations

import streamlit as st

from campaign import Campaign, StorageError, Translator, WorksheetPack
from ui import saving, state
from ui.history import render_history
from ui.language import language_name, offered_languages, ui_translator
from ui.links import private_link
from ui.resources import mode, repository
from ui.status import render_status

LOGO_KEY = "logo-upload"
PAPER_KEY = "f:settings.paper"
LANGUAGE_KEY = "f:settings.language"


def render_settings(space: state.Workspace, pack: WorksheetPack) -> None:
    """Draw the settings page of the open campaign."""
    t = ui_translator()
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(t("Campaign settings"))
        render_status(space)
    st.title(t("Campaign settings"), anchor=False)
    st.subheader(t("Language of the plan"), anchor=False)
    _language(space, t)
    st.subheader(t("Paper size"), anchor=False)
    if PAPER_KEY not in st.session_state:
        st.session_state[PAPER_KEY] = space.campaign.settings.paper
    st.radio(
        t("Paper size of the printed plan"),
        ["a4", "letter"],
        format_func={"a4": t("A4 (most of the world)"), "letter": t("Letter (North America)")}.__getitem__,
        key=PAPER_KEY,
        horizontal=True,
        on_change=_paper_changed,
    )
    st.subheader(t("Logo on the cover"), anchor=False)
    _logo(space, t)
    st.subheader(t("Link to this campaign"), anchor=False)
    if mode() == "shared":
        st.markdown(t("On this shared server **this private link is the only way back to the campaign**. Bookmark it."))
    else:
        st.markdown(t("Bookmark this link to come back to exactly this campaign."))
    st.code(private_link(space.campaign.id, None), language=None, wrap_lines=True)
    render_history(space, pack)


def _language(space: state.Workspace, t: Translator) -> None:
    current = space.campaign.language
    languages = list(offered_languages())
    languages += [] if current in languages else [current]  # a file from elsewhere may name another language
    if LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = current
    st.selectbox(
        t("Write the plan in"),
        languages,
        format_func=language_name,
        key=LANGUAGE_KEY,
        on_change=_language_changed,
        width=320,
    )
    st.caption(
        t(
            "The plan, its check and the files you download use this language. The screens follow the language "
            "chosen in the sidebar: each person can choose their own."
        )
    )


def _language_changed() -> None:
    language = st.session_state[LANGUAGE_KEY]

    def edit(campaign: Campaign) -> None:
        campaign.language = language

    saving.save_edit(edit)


def _paper_changed() -> None:
    paper = st.session_state[PAPER_KEY]

    def edit(campaign: Campaign) -> None:
        campaign.settings.paper = paper

    saving.save_edit(edit)


def _logo(space: state.Workspace, t: Translator) -> None:
    name = space.campaign.settings.logo
    if name:
        data = _stored_logo(space.campaign.id, name)
        if data:
            st.image(data, width=160, alt=t("The organisation's logo, as it will appear on the cover"))
        st.button(t("Remove the logo"), key="logo-remove", icon=":material/delete:", on_click=_remove_logo)
    st.file_uploader(
        t("Organisation logo (PNG or JPEG, at most 1 MB)"),
        type=["png", "jpg", "jpeg"],
        key=LOGO_KEY,
        max_upload_size=1,
        on_change=_logo_uploaded,
        help=t("Shown on the cover of the printed plan. A wide logo about 600 pixels across prints well."),
    )
    if problem := st.session_state.pop("logo-problem", None):
        st.error(problem, icon=":material/image_not_supported:")


def _stored_logo(campaign_id: str, name: str) -> bytes | None:
    # read only on this page, and once per logo: never on ordinary reruns of the worksheets
    cache = st.session_state.setdefault("logo-cache", {})
    if (campaign_id, name) not in cache:
        try:
            cache[(campaign_id, name)] = repository().get_asset(campaign_id, name)
        except StorageError:
            return None
    return cache[(campaign_id, name)]


def _logo_uploaded() -> None:
    uploaded = st.session_state.get(LOGO_KEY)
    space = state.workspace()
    if uploaded is None or space is None:
        return
    t = ui_translator()
    try:  # the repository checks the file (size, type, pixels) and stores it under a name of its own
        name = repository().put_asset(space.campaign.id, uploaded.getvalue())
    except StorageError as error:
        st.session_state["logo-problem"] = error.translated(t)
        return

    def edit(campaign: Campaign) -> None:
        campaign.settings.logo = name

    saving.save_edit(edit)


def _remove_logo() -> None:
    def edit(campaign: Campaign) -> None:
        campaign.settings.logo = None

    saving.save_edit(edit)
