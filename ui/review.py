"""The review step: the plan check (each item a link to its step), the downloads, and the plan as it prints."""

from __future__ import annotations

import logging

import streamlit as st

from campaign import Campaign, Finding, WorksheetPack, campaign_progress, plan_check, translator
from ui import state
from ui.conflicts import render_conflicts
from ui.downloads import render_downloads
from ui.language import language_in, percent, ui_translator
from ui.resources import worksheet_pack
from ui.status import render_status
from ui.text import escape_markdown, unlinked

PREVIEW_KEY = "plan-preview"


def render_review(space: state.Workspace, pack: WorksheetPack) -> None:
    """Draw the review step of the open campaign: the words of the page in the interface language (`pack`),
    the plan, its check and its files in the campaign's language."""
    t = ui_translator()
    campaign = space.campaign
    plan_pack = worksheet_pack(campaign.language)
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(t("Last step"))
        render_status(space)
    st.title(t("Review and export"), anchor=False)
    render_conflicts(space, pack)
    if campaign.language != t.language:
        st.caption(
            ":material/translate: "
            + t(
                "The plan is written in {language}. Change it in the campaign settings.",
                language=language_in(campaign.language, t),
            )
        )
    check, files, preview = st.tabs([t("Plan check"), t("Download"), t("Preview the plan")])
    with check:
        render_plan_check(campaign, plan_pack)
    with files:
        render_downloads(campaign, plan_pack)
    with preview:
        st.caption(t("The plan as it will print (pictures appear as tables here)."))
        with st.container(border=True, height=640, key="plan-preview-box"):
            try:
                plan_text = plan_preview(campaign, plan_pack)
            except Exception:
                logging.getLogger(__name__).exception("the plan preview failed")
                st.warning(t("The preview cannot be shown right now; the plan check and downloads still work."))
            else:
                st.markdown(plan_text)


def render_plan_check(campaign: Campaign, pack: WorksheetPack) -> None:
    """List what is missing or weak, grouped by step, each with a button to go and fix it.

    The findings speak the plan's language (`pack` and the campaign's), the page around them the reader's.
    """
    t = ui_translator()
    findings = plan_check(campaign, pack, t=translator(campaign.language))
    steps = worksheet_pack(t.language)  # the buttons name the steps as the sidebar does
    progress = campaign_progress(campaign, pack).overall  # the figure of the sidebar and the start page
    share = percent(progress.share, t)
    if progress.complete:
        st.caption(t("{share} of the questions answered · nothing required is missing", share=share))
    else:
        st.caption(
            t.ngettext(
                "{share} of the questions answered · {count} required answer still needed",
                "{share} of the questions answered · {count} required answers still needed",
                len(progress.missing),
                share=share,
            )
        )
    if not findings:
        st.success(t("The plan check found nothing to fix. Well done."), icon=":material/task_alt:")
        return
    quality = sum(f.kind == "quality" for f in findings)
    st.markdown(
        t(
            "**{things}**: {answers} and {points}. None of them stops you printing.",
            things=t.ngettext("{count} thing to look at", "{count} things to look at", len(findings)),
            answers=t.ngettext("{count} answer still needed", "{count} answers still needed", len(findings) - quality),
            points=t.ngettext(
                "{count} point that would make the plan stronger",
                "{count} points that would make the plan stronger",
                quality,
            ),
        )
    )
    for sheet in pack.worksheets:
        mine = [f for f in findings if f.worksheet_id == sheet.id]
        if not mine:
            continue
        with st.container(border=True, key=f"check-{sheet.id}"):
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(f"**{escape_markdown(sheet.short_title)}** · {len(mine)}", width="stretch")
                st.button(
                    t("Go to {step}", step=steps.worksheet(sheet.id).short_title),
                    key=f"check-go-{sheet.id}",
                    icon=":material/arrow_forward:",
                    on_click=_go_fix,
                    args=(mine[0],),
                    type="tertiary",
                )
            st.markdown("\n".join(f"- {_icon(f)} {escape_markdown(f.message)}" for f in mine))


def _icon(finding: Finding) -> str:
    return ":orange[:material/radio_button_unchecked:]" if finding.kind == "missing" else ":blue[:material/lightbulb:]"


def _go_fix(finding: Finding) -> None:
    space = state.workspace()
    if space is not None:
        space.open_row = finding.row_id
    state.go(finding.worksheet_id)


def plan_preview(campaign: Campaign, pack: WorksheetPack) -> str:
    """Return the plan as Markdown for Streamlit (`pack` in the campaign's language), built once per saved
    revision of the campaign."""
    from exports.markdown import render_markdown
    from exports.plan import build_plan

    cached = st.session_state.get(PREVIEW_KEY)
    version = (campaign.id, campaign.revision, campaign.language, pack.info.language)
    if cached is None or cached[0] != version:
        text = render_markdown(build_plan(campaign, pack))
        # Streamlit also reads $math$ and :directive[...] in Markdown: escape both so answers show as typed
        text = unlinked(text).replace("$", "\\$").replace(":", "\\:")  # and addresses never become links
        cached = (version, text)
        st.session_state[PREVIEW_KEY] = cached
    return cached[1]
