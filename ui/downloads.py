"""Downloads: each file is built only when asked for (with a spinner), kept for this revision, then offered."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import streamlit as st

from campaign import N_, Campaign, StorageError, Translator, WorksheetPack, campaign_to_yaml, title, translator
from exports.names import file_stem
from ui.language import ui_translator
from ui.resources import repository

if TYPE_CHECKING:
    from exports.document import Paper

BUILT_KEY = "built-files"
PAPERS: tuple[Paper, ...] = ("a4", "letter")  # the paper sizes the files offer
CacheKey = tuple[str, int, str, str]  # (campaign id, revision, export id, paper or "", "+comments" when asked)
COMMENTS_KEY = "download-comments"  # the option "Include facilitator comments (annex)", off by default


class Build(Protocol):
    def __call__(self, campaign: Campaign, pack: WorksheetPack, paper: Paper, /, comments: bool = False) -> bytes:
        """Return the file's bytes; `comments` adds the annex of facilitator comments (the plans only)."""
        ...


@dataclass(frozen=True)
class Export:
    """One downloadable file: how to name it and how to build its bytes (`title` and `description` are interface
    words, translated where they are shown)."""

    id: str
    title: str
    description: str
    extension: str
    mime: str
    build: Build
    uses_paper: bool = False
    uses_comments: bool = False  # the plan files: the facilitator comments' annex is an option


def _renderer(module: str, name: str) -> Callable[..., bytes]:
    # imported when a file is first asked for: the renderers (and their fonts) never load on ordinary reruns
    return getattr(importlib.import_module(module), name)


def _plan(campaign: Campaign, pack: WorksheetPack, paper: Paper, comments: bool) -> object:
    from exports.plan import build_plan

    logo = None
    if campaign.settings.logo:
        try:
            logo = repository().get_asset(campaign.id, campaign.settings.logo)
        except StorageError:
            logo = None  # a plan without its logo beats no plan
    # the plan is written in the campaign's language: `pack` comes in that language too (ui/review.py)
    return build_plan(campaign, pack, logo=logo, today=dt.date.today(), paper=paper, comments=comments)


def _docx(campaign: Campaign, pack: WorksheetPack, paper: Paper, /, comments: bool = False) -> bytes:
    return _renderer("exports.docx", "render_docx")(_plan(campaign, pack, paper, comments))


def _pdf(campaign: Campaign, pack: WorksheetPack, paper: Paper, /, comments: bool = False) -> bytes:
    return _renderer("exports.pdf", "render_pdf")(_plan(campaign, pack, paper, comments))


def _yaml(campaign: Campaign, pack: WorksheetPack, paper: Paper, /, comments: bool = False) -> bytes:
    return campaign_to_yaml(campaign).encode()


def _handouts(campaign: Campaign, pack: WorksheetPack, paper: Paper, /, comments: bool = False) -> bytes:
    return _renderer("exports.handouts", "handouts_pdf")(pack, paper)


def _calendar(campaign: Campaign, pack: WorksheetPack, paper: Paper, /, comments: bool = False) -> bytes:
    # the events are named in the campaign's language, as the plan is (`pack` comes in that language)
    return _renderer("exports.ics", "calendar_ics")(
        campaign, pack, translator(campaign.language), now=dt.datetime.now(dt.UTC)
    )


EXPORTS: tuple[Export, ...] = (
    Export(
        "pdf",
        N_("PDF"),
        N_("The plan, ready to print or e-mail."),
        "pdf",
        "application/pdf",
        _pdf,
        uses_paper=True,
        uses_comments=True,
    ),
    Export(
        "docx",
        N_("Word document"),
        N_("The plan as a .docx file to edit further."),
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _docx,
        uses_paper=True,
        uses_comments=True,
    ),
    Export(
        "yaml",
        N_("Campaign file"),
        N_("Every answer, to keep a copy or continue on another computer."),
        "yaml",
        "application/x-yaml",
        _yaml,
    ),
    Export(
        "handouts",
        N_("Blank worksheets"),
        N_("Empty worksheets to fill in by hand in a workshop."),
        "pdf",
        "application/pdf",
        _handouts,
        uses_paper=True,
    ),
    Export(
        "ics",
        N_("Calendar"),
        N_("The activities and deadlines as an .ics file for Google, Outlook or Apple calendars."),
        "ics",
        "text/calendar",
        _calendar,
    ),
)


def file_name(campaign: Campaign, pack: WorksheetPack, export: Export) -> str:
    """Return a download name such as `count-us-fund-us-plan.pdf`, the title cut at a word."""
    stem = file_stem(title(campaign, pack), "campaign")
    suffix = {"yaml": "", "handouts": "-blank-worksheets"}.get(export.id, "-plan")
    return f"{stem}{suffix}.{export.extension}"


def render_downloads(campaign: Campaign, pack: WorksheetPack) -> None:
    """Offer every export: a "Prepare" button builds the file once; then a download button hands it over.

    `pack` is in the campaign's language, as the files are.
    """
    t = ui_translator()
    paper = st.radio(
        t("Paper size for the PDF, Word and worksheet files"),
        PAPERS,
        index=0 if campaign.settings.paper == "a4" else 1,
        format_func={"a4": "A4", "letter": t("Letter")}.__getitem__,
        horizontal=True,
        key=f"download-paper-{campaign.settings.paper}",
    )
    comments = _comments_option(campaign, t)
    built: dict[CacheKey, bytes] = st.session_state.setdefault(BUILT_KEY, {})
    for export in EXPORTS:
        choice = (paper if export.uses_paper else "") + ("+comments" if comments and export.uses_comments else "")
        cache_key = (campaign.id, campaign.revision, export.id, choice)
        with st.container(border=True, horizontal=True, vertical_alignment="center", key=f"export-{export.id}"):
            st.markdown(f"**{t(export.title)}**  \n:gray[{t(export.description)}]", width="stretch")
            if cache_key in built:
                st.download_button(
                    t("Download {format}", format=export.extension.upper()),
                    built[cache_key],
                    file_name=file_name(campaign, pack, export),
                    mime=export.mime,
                    icon=":material/download:",
                    type="primary",
                    on_click="ignore",
                    key=f"download-{export.id}",
                )
            elif st.button(t("Prepare"), icon=":material/build:", key=f"prepare-{export.id}"):
                with st.spinner(t("Preparing: {file}…", file=t(export.title))):
                    _prepare(export, campaign, pack, paper, cache_key, comments=comments and export.uses_comments)
                st.rerun()
        if problem := st.session_state.pop(f"export-problem-{export.id}", None):
            st.error(problem, icon=":material/error:")


def _comments_option(campaign: Campaign, t: Translator) -> bool:
    """Offer "Include facilitator comments (annex)" on a workshop group's plan that has comments; off by default."""
    if not (campaign.workshop and campaign.comments):
        return False
    return st.checkbox(
        t("Include facilitator comments (annex)"),
        value=False,
        key=COMMENTS_KEY,
        help=t("Adds an annex at the end of the PDF and Word plans listing each comment, where it is and if done."),
    )


def _prepare(
    export: Export, campaign: Campaign, pack: WorksheetPack, paper: Paper, cache_key: CacheKey, *, comments: bool
) -> None:
    built: dict[CacheKey, bytes] = st.session_state.setdefault(BUILT_KEY, {})
    try:
        data = export.build(campaign, pack, paper, comments=comments)
    except (ImportError, AttributeError):
        t = ui_translator()
        st.session_state[f"export-problem-{export.id}"] = t(
            "{file}: not available in this version.", file=t(export.title)
        )
        return
    for key in [k for k in built if k[0] == campaign.id and k[2] == export.id]:
        del built[key]  # keep one built file per format: older revisions are out of date
    built[cache_key] = data
