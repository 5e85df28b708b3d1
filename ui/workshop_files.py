"""The dashboard's files: every group's plan in one ZIP (built on request, with a progress bar), the workshop as a
spreadsheet (XLSX or CSV), blank worksheets."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

import streamlit as st

from campaign import Campaign, CampaignNotFound, StorageError, WorksheetPack, Workshop, slug, translator
from ui.clock import clock_time
from ui.downloads import EXPORTS, PAPERS
from ui.language import ui_translator
from ui.resources import repository, worksheet_pack
from ui.text import escape_markdown

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

    from exports.archive import GroupPlan  # imported when a ZIP is asked for: it loads the renderers
    from exports.document import Paper

ZIP_KEY = "workshop-zip"  # (workshop id, paper) -> (bytes, groups in it, built at, groups left out)
HANDOUTS_KEY = "workshop-handouts"  # (language, paper) -> bytes
SHEET_KEY = "workshop-sheet"  # workshop id -> (XLSX bytes, CSV ZIP bytes, built at)
PAPER_KEY = "workshop-paper"


def render_workshop_files(workshop: Workshop, pack: WorksheetPack) -> None:
    """Offer the ZIP of every group's plan (each in its campaign's language) and the blank worksheets (in the
    workshop's language), each built only when asked for."""
    t = ui_translator()
    pack = worksheet_pack(workshop.language)  # the paper worksheets speak the workshop's language
    paper = st.radio(
        t("Paper size"),
        PAPERS,
        format_func={"a4": "A4", "letter": t("Letter")}.__getitem__,
        horizontal=True,
        key=PAPER_KEY,
    )
    with st.container(border=True, key="workshop-zip-box"):
        st.markdown(
            "**"
            + t("Every group's plan (ZIP)")
            + "**  \n:gray["
            + t(
                "One folder per group with its plan as a Word document and a PDF, and its campaign file (to "
                "continue on another computer). Each plan is written in its group's language."
            )
            + "]"
        )
        _zip(workshop, pack, paper)
    with st.container(border=True, key="workshop-sheet-box"):
        st.markdown(
            "**"
            + t("The workshop as a spreadsheet (XLSX or CSV)")
            + "**  \n:gray["
            + t(
                "A progress sheet and one sheet per step with every group's answers, one line per table row. The "
                "CSV download is a ZIP of one file per sheet."
            )
            + "]"
        )
        _sheet(workshop, pack)
    with st.container(border=True, key="workshop-handouts-box"):
        st.markdown(
            "**"
            + t("Blank worksheets (PDF)")
            + "**  \n:gray["
            + t("Every step on paper with room to write, for groups without a laptop. Type their answers in later.")
            + "]"
        )
        _handouts(pack, paper, workshop.language)


def _zip(workshop: Workshop, pack: WorksheetPack, paper: Paper) -> None:
    t = ui_translator()
    built = st.session_state.get(ZIP_KEY, {}).get((workshop.id, paper))
    if not workshop.groups:
        st.caption(t("No group has joined yet."))
        return
    if built is not None:
        data, count, at, missing = built
        st.download_button(
            t("Download the ZIP"),
            data,
            file_name=f"{slug(workshop.name, 'workshop')}-plans.zip",
            mime="application/zip",
            icon=":material/download:",
            type="primary",
            on_click="ignore",
            key="download-zip",
        )
        note = t.ngettext(
            "Built at {time} with {count} group. Prepare it again to include later changes.",
            "Built at {time} with {count} groups. Prepare it again to include later changes.",
            count,
            time=clock_time(at, seconds=False),
        )
        if missing:
            note += " " + t.ngettext(
                "{count} group could not be read and is left out.",
                "{count} groups could not be read and are left out.",
                missing,
            )
        st.caption(note)
    label = t("Prepare again") if built is not None else t("Prepare the ZIP")
    if st.button(label, icon=":material/folder_zip:", key="prepare-zip"):
        bar = st.progress(0.0, text=t("Reading the groups' campaigns…"))
        try:
            result = _build_zip(workshop, pack, paper, bar)
        except Exception:
            logging.getLogger(__name__).exception("the workshop ZIP failed")
            st.error(t("The ZIP could not be built. Try again; if it fails again, download the plans one by one."))
            return
        st.session_state[ZIP_KEY] = {(workshop.id, paper): result}  # one ZIP per session: they are large
        st.rerun()


def _build_zip(
    workshop: Workshop, pack: WorksheetPack, paper: Paper, bar: DeltaGenerator
) -> tuple[bytes, int, dt.datetime, int]:
    from exports.archive import build_archive  # the renderers load only when a ZIP is asked for

    t = ui_translator()
    groups = group_plans(workshop)
    total = len(groups)

    def step(number: int, group: GroupPlan) -> None:
        name = escape_markdown(group.name)
        bar.progress(
            (number - 1) / total, text=t("Group {number} of {total}: {name}", number=number, total=total, name=name)
        )

    data = build_archive(groups, pack, today=dt.date.today(), paper=paper, on_group=step)
    bar.progress(1.0, text=t("Done"))
    return data, total, dt.datetime.now(), len(workshop.groups) - total


def _sheet(workshop: Workshop, pack: WorksheetPack) -> None:
    t = ui_translator()
    if not workshop.groups:
        st.caption(t("No group has joined yet."))
        return
    built = st.session_state.get(SHEET_KEY, {}).get(workshop.id)
    if built is not None:
        xlsx, csv_zip, at = built
        stem = slug(workshop.name, "workshop")
        with st.container(horizontal=True):
            st.download_button(
                t("Download XLSX"),
                xlsx,
                file_name=f"{stem}-answers.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                icon=":material/download:",
                type="primary",
                on_click="ignore",
                key="download-sheet-xlsx",
            )
            st.download_button(
                t("Download CSV (ZIP)"),
                csv_zip,
                file_name=f"{stem}-answers-csv.zip",
                mime="application/zip",
                icon=":material/download:",
                on_click="ignore",
                key="download-sheet-csv",
            )
        st.caption(t("Built at {time}. Prepare it again to include later changes.", time=clock_time(at, seconds=False)))
    label = t("Prepare again") if built is not None else t("Prepare the spreadsheet")
    if st.button(label, icon=":material/table_view:", key="prepare-sheet"):
        from exports.workshop_sheet import workshop_csv_zip, workshop_xlsx

        groups = group_campaigns(workshop)
        words = translator(workshop.language)  # the sheets speak the workshop's language, as `pack` does
        with st.spinner(t("Reading the groups' campaigns…")):
            data = workshop_xlsx(groups, pack, words), workshop_csv_zip(groups, pack, words)
        st.session_state[SHEET_KEY] = {workshop.id: (*data, dt.datetime.now())}
        st.rerun()


def group_plans(workshop: Workshop) -> list[GroupPlan]:
    """Return every readable group's campaign for the ZIP, with its logo and its worksheets in its own language
    (a group may have changed it from the workshop's)."""
    from exports.archive import GroupPlan

    return [
        GroupPlan(name, campaign, _logo(campaign), worksheet_pack(campaign.language))
        for name, campaign in group_campaigns(workshop)
    ]


def group_campaigns(workshop: Workshop) -> list[tuple[str, Campaign]]:
    """Return every readable group's name and campaign, in joining order (an unreadable one is left out)."""
    repo = repository()
    groups: list[tuple[str, Campaign]] = []
    for group in workshop.groups:
        try:
            groups.append((group.name, repo.load(group.campaign_id)))
        except (CampaignNotFound, StorageError):
            continue
    return groups


def _logo(campaign: Campaign) -> bytes | None:
    if not campaign.settings.logo:
        return None
    try:
        return repository().get_asset(campaign.id, campaign.settings.logo)
    except StorageError:
        return None  # a plan without its logo beats no plan


def _handouts(pack: WorksheetPack, paper: Paper, language: str) -> None:
    t = ui_translator()
    built = st.session_state.setdefault(HANDOUTS_KEY, {})
    if (language, paper) in built:
        st.download_button(
            t("Download the blank worksheets"),
            built[(language, paper)],
            file_name="blank-worksheets.pdf",
            mime="application/pdf",
            icon=":material/download:",
            type="primary",
            on_click="ignore",
            key="download-handouts",
        )
    elif st.button(t("Prepare"), icon=":material/print:", key="prepare-handouts"):
        export = next(e for e in EXPORTS if e.id == "handouts")
        with st.spinner(t("Preparing the blank worksheets…")):
            built[(language, paper)] = export.build(Campaign(id=""), pack, paper)  # they need no campaign
        st.rerun()
