"""The start page: what the app does, then a new campaign, a saved one, a YAML file, or the worked example."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from campaign import (
    MAX_BYTES,
    N_,
    Campaign,
    CampaignDamaged,
    CampaignNotFound,
    FileEnd,
    Role,
    StorageError,
    WorksheetPack,
    campaign_progress,
    clean_text,
    example_campaign,
    find_file_end,
    is_valid_id,
    parse_campaign,
    reference_problems,
    text_too_long,
    title,
)
from ui import state
from ui.auth import current_owner, listed_for_visitor
from ui.clock import local_stamp
from ui.joining import render_join_form
from ui.language import percent, render_language_picker, ui_language, ui_translator
from ui.new_workshop import render_new_workshop_form
from ui.resources import mode, repository
from ui.text import escape_markdown

UPLOAD_KEY = "upload-yaml"
MAX_YAML_MB = MAX_BYTES // 1_000_000


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
            _campaign_list(pack)
    with upload:
        _upload(pack)


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


def _create(make: Callable[[], Campaign]) -> None:
    """Store the campaign made by `make` under a fresh id and open its first step."""
    try:
        created = repository().create(make(), owner=current_owner())
    except StorageError as error:
        st.session_state["start-error"] = error.translated(ui_translator())
        return
    space = state.open_workspace(created)
    space.notice = None
    st.session_state["show-link"] = mode() == "shared"
    state.go(None, created.id)
    st.query_params["step"] = repository().pack.worksheets[0].id


def _campaign_list(pack: WorksheetPack) -> None:
    t = ui_translator()
    if error := st.session_state.pop("start-error", None):
        st.error(error)
    repo = repository()
    try:
        ids = repo.campaign_ids()
    except StorageError as error:
        st.error(error.translated(t))
        return
    campaigns: list[Campaign] = []
    damaged = grouped = 0
    for campaign_id in ids:
        try:
            campaign = repo.load(campaign_id)
        except (CampaignDamaged, CampaignNotFound):
            damaged += 1
            continue
        if not listed_for_visitor(campaign):
            continue  # with sign-in on, another person's campaign
        if campaign.workshop:
            grouped += 1  # a workshop group's campaign opens only by its link: groups must not see each other's
        else:
            campaigns.append(campaign)
    if not campaigns:
        st.info(t("No campaign is saved in this data folder yet. Start a new one, or open a saved file."))
    for campaign in sorted(campaigns, key=lambda c: c.updated, reverse=True):
        with st.container(border=True, horizontal=True, vertical_alignment="center"):
            where = " · ".join(
                escape_markdown(str(v))
                for v in (pack.answer_with_role(campaign, "organisation"), pack.answer_with_role(campaign, "country"))
                if v
            )
            status = t(
                "{share} answered · last saved {when}",
                share=percent(campaign_progress(campaign, pack).overall.share, t),
                when=local_stamp(campaign.updated, t),
            )
            st.markdown(
                f"**{escape_markdown(title(campaign, pack))}**  \n{where}  \n:gray[{escape_markdown(status)}]",
                width="stretch",
            )
            st.button(
                t("Open"), key=f"open-{campaign.id}", on_click=state.go, args=(pack.worksheets[0].id, campaign.id)
            )
    if damaged:
        st.caption(
            t.ngettext(
                "{count} saved campaign could not be read and is not listed.",
                "{count} saved campaigns could not be read and are not listed.",
                damaged,
            )
        )
    if grouped:
        st.caption(
            t.ngettext(
                "{count} workshop group campaign is not listed: it opens only by its private link.",
                "{count} workshop group campaigns are not listed: each opens only by its private link.",
                grouped,
            )
        )


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


def _upload(pack: WorksheetPack) -> None:
    t = ui_translator()
    st.markdown(
        t(
            "Open a campaign file (`.yaml`) downloaded from this app or written by hand. It is checked first; "
            "nothing is saved until it is valid, and then it is saved as a new campaign."
        )
    )
    uploaded = st.file_uploader(
        t("Campaign file (.yaml)"),
        type=["yaml", "yml"],
        key=UPLOAD_KEY,
        max_upload_size=MAX_YAML_MB,
        help=t("At most {size} MB.", size=MAX_YAML_MB),
    )
    if uploaded is None:
        return
    checked = st.session_state.get("upload-checked")
    seen = (uploaded.file_id, t.language)  # parse each upload once, not on every rerun (again in a new language)
    if checked is None or checked[0] != seen:
        data = uploaded.getvalue()
        parsed, found = parse_campaign(data, pack, file=uploaded.name, t=t)
        if parsed is not None:
            found = reference_problems(parsed, pack, file=uploaded.name, t=t)
        checked = (seen, parsed if not found else None, [str(p) for p in found], find_file_end(data))
        st.session_state["upload-checked"] = checked
    _, campaign, problems, end = checked
    if end is FileEnd.CUT_SHORT:  # part of the file is missing: no list of problems to fix, only this
        st.error(
            t(
                "This file is incomplete: it stops before its end, perhaps because the download was cut short. "
                "Download it again and open the new copy. Nothing was saved."
            ),
            icon=":material/error:",
        )
        st.caption(t("If you deleted the file's last line yourself, delete its first line too: it then opens."))
        return
    if problems:
        st.error(
            t.ngettext(
                "This file cannot be opened yet: {count} problem to fix. The line says where (file:line) and "
                "what is wrong. Nothing was saved.",
                "This file cannot be opened yet: {count} problems to fix. Each line says where (file:line) and "
                "what is wrong. Nothing was saved.",
                len(problems),
            ),
            icon=":material/error:",
        )
        st.code("\n".join(problems[:50]), language=None, wrap_lines=True)
        return
    assert campaign is not None
    st.success(
        t(
            "“{name}” is a valid campaign ({share} answered).",
            name=escape_markdown(title(campaign, pack)),
            share=percent(campaign_progress(campaign, pack).overall.share, t),
        ),
        icon=":material/check_circle:",
    )
    if end is FileEnd.EDITED:
        st.warning(
            t("This file was edited by hand since it was saved: check it before you continue."),
            icon=":material/edit_note:",
        )
    st.button(
        t("Save it as a new campaign and open it"),
        type="primary",
        key="upload-open",
        on_click=_create,
        args=(lambda: campaign,),
    )
