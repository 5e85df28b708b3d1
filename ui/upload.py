"""Opening a saved campaign file: checked first, saved as a new campaign, or found again when it is here already."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from campaign import (
    MAX_BYTES,
    Campaign,
    CampaignNotFound,
    FileEnd,
    StorageError,
    WorksheetPack,
    campaign_progress,
    campaign_shelf,
    find_file_end,
    parse_campaign,
    reference_problems,
    saved_copies,
    title,
)
from ui import state
from ui.auth import listed_for_visitor
from ui.clock import local_stamp
from ui.language import percent, ui_translator
from ui.resources import mode, repository
from ui.text import escape_markdown

UPLOAD_KEY = "upload-yaml"
MAX_YAML_MB = MAX_BYTES // 1_000_000


def render_upload(pack: WorksheetPack, create: Callable[[Callable[[], Campaign], str | None], None]) -> None:
    """Draw the upload: check the file, then save it as a new campaign with `create(make, file's id)`, or open
    the campaign it already is here."""
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
    if (saved := _saved_copy(campaign.id)) is None:
        st.button(
            t("Save it as a new campaign and open it"),
            type="primary",
            key="upload-open",
            on_click=create,
            args=(lambda: campaign, campaign.id),
        )
        return
    st.info(
        t(
            "This file is already saved here as “{name}” (last saved {when}).",
            name=escape_markdown(title(saved, pack)),
            when=local_stamp(saved.updated, t),
        ),
        icon=":material/content_copy:",
    )
    with st.container(horizontal=True):
        st.button(
            t("Open the saved one"),
            type="primary",
            key="upload-open-saved",
            on_click=state.go,
            args=(pack.worksheets[0].id, saved.id),
        )
        st.button(t("Save another copy"), key="upload-open", on_click=create, args=(lambda: campaign, campaign.id))


def _saved_copy(file_id: str) -> Campaign | None:
    """Return the campaign an uploaded file with `file_id` already is here (its own, or one an earlier upload
    of it made; on a shared server only its own: campaigns are never listed there), or None."""
    repo = repository()
    try:
        ids = saved_copies(campaign_shelf(repo), file_id) if mode() == "personal" else [file_id]
    except StorageError:
        return None  # the list says the store is failing; the upload still works as before
    found = []
    for campaign_id in ids:
        try:
            campaign = repo.load(campaign_id)
        except (CampaignNotFound, StorageError):
            continue
        if listed_for_visitor(campaign):
            found.append(campaign)
    return max(found, key=lambda c: (c.id == file_id, c.updated), default=None)
