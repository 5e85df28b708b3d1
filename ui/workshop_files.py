"""The dashboard's files: every group's plan in one ZIP (built on request, with a progress bar), blank worksheets."""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from campaign import Campaign, CampaignNotFound, StorageError, WorksheetError, WorksheetPack, load_worksheets
from campaign.fields import slug
from campaign.workshop import Workshop
from ui.downloads import EXPORTS
from ui.resources import repository, worksheet_pack
from ui.text import escape_markdown

ZIP_KEY = "workshop-zip"  # (workshop id, paper) -> (bytes, groups in it, built at, groups left out)
HANDOUTS_KEY = "workshop-handouts"  # (language, paper) -> bytes
PAPER_KEY = "workshop-paper"


@st.cache_resource(show_spinner=False)
def _pack_in(language: str) -> WorksheetPack:
    # the plans and the paper worksheets speak the workshop's language; the pack loads once per language
    try:
        return load_worksheets(language=language)
    except WorksheetError:
        return worksheet_pack()


def render_workshop_files(workshop: Workshop, pack: WorksheetPack) -> None:
    """Offer the ZIP of every group's plan and the blank worksheets (in the workshop's language), each built
    only when asked for."""
    pack = pack if pack.info.language == workshop.language else _pack_in(workshop.language)
    paper = st.radio(
        "Paper size",
        ["a4", "letter"],
        format_func={"a4": "A4", "letter": "Letter"}.__getitem__,
        horizontal=True,
        key=PAPER_KEY,
    )
    with st.container(border=True, key="workshop-zip-box"):
        st.markdown(
            "**Every group's plan (ZIP)**  \n:gray[One folder per group with its plan as a Word document and a "
            "PDF, and its campaign file (to continue on another computer).]"
        )
        _zip(workshop, pack, paper)
    with st.container(border=True, key="workshop-handouts-box"):
        st.markdown(
            "**Blank worksheets (PDF)**  \n:gray[Every step on paper with room to write, for groups without a "
            "laptop. Type their answers in later.]"
        )
        _handouts(pack, paper, workshop.language)


def _zip(workshop: Workshop, pack: WorksheetPack, paper: str) -> None:
    built = st.session_state.get(ZIP_KEY, {}).get((workshop.id, paper))
    if not workshop.groups:
        st.caption("No group has joined yet.")
        return
    if built is not None:
        data, count, at, missing = built
        st.download_button(
            "Download the ZIP",
            data,
            file_name=f"{slug(workshop.name, 'workshop')}-plans.zip",
            mime="application/zip",
            icon=":material/download:",
            type="primary",
            on_click="ignore",
            key="download-zip",
        )
        note = f"Built at {at:%H:%M} with {count} group(s). Prepare it again to include later changes."
        st.caption(note + (f" {missing} group(s) could not be read and are left out." if missing else ""))
    label = "Prepare again" if built is not None else "Prepare the ZIP"
    if st.button(label, icon=":material/folder_zip:", key="prepare-zip"):
        bar = st.progress(0.0, text="Reading the groups' campaigns…")
        try:
            result = _build_zip(workshop, pack, paper, bar)
        except Exception:
            logging.getLogger(__name__).exception("the workshop ZIP failed")
            st.error("The ZIP could not be built. Try again; if it fails again, download the plans one by one.")
            return
        st.session_state[ZIP_KEY] = {(workshop.id, paper): result}  # one ZIP per session: they are large
        st.rerun()


def _build_zip(workshop: Workshop, pack: WorksheetPack, paper: str, bar) -> tuple[bytes, int, dt.datetime, int]:  # type: ignore[no-untyped-def]
    from exports.archive import GroupPlan, build_archive  # the renderers load only when a ZIP is asked for

    repo = repository()
    groups: list[GroupPlan] = []
    for group in workshop.groups:
        try:
            campaign = repo.load(group.campaign_id)
        except (CampaignNotFound, StorageError):
            continue
        groups.append(GroupPlan(group.name, campaign, _logo(campaign)))
    total = len(groups)

    def step(number: int, group: GroupPlan) -> None:
        bar.progress((number - 1) / total, text=f"Group {number} of {total}: {escape_markdown(group.name)}")

    data = build_archive(groups, pack, today=dt.date.today(), paper=paper, on_group=step)  # type: ignore[arg-type]
    bar.progress(1.0, text="Done")
    return data, total, dt.datetime.now(), len(workshop.groups) - total


def _logo(campaign: Campaign) -> bytes | None:
    if not campaign.settings.logo:
        return None
    try:
        return repository().get_asset(campaign.id, campaign.settings.logo)
    except StorageError:
        return None  # a plan without its logo beats no plan


def _handouts(pack: WorksheetPack, paper: str, language: str) -> None:
    built = st.session_state.setdefault(HANDOUTS_KEY, {})
    if (language, paper) in built:
        st.download_button(
            "Download the blank worksheets",
            built[(language, paper)],
            file_name="blank-worksheets.pdf",
            mime="application/pdf",
            icon=":material/download:",
            type="primary",
            on_click="ignore",
            key="download-handouts",
        )
    elif st.button("Prepare", icon=":material/print:", key="prepare-handouts"):
        export = next(e for e in EXPORTS if e.id == "handouts")
        with st.spinner("Preparing the blank worksheets…"):
            built[(language, paper)] = export.build(Campaign(id=""), pack, paper)  # they need no campaign
        st.rerun()
