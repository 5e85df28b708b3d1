"""The review step: the plan check (each item a link to its step), the downloads, and the plan as it prints."""

from __future__ import annotations

import logging

import streamlit as st

from campaign import Campaign, WorksheetPack
from campaign.checks import Finding, plan_check
from ui import state
from ui.conflicts import render_conflicts
from ui.downloads import render_downloads
from ui.status import render_status
from ui.text import escape_markdown

PREVIEW_KEY = "plan-preview"


def render_review(space: state.Workspace, pack: WorksheetPack) -> None:
    """Draw the review step of the open campaign."""
    campaign = space.campaign
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption("Last step")
        render_status(space)
    st.title("Review and export", anchor=False)
    render_conflicts(space, pack)
    check, files, preview = st.tabs(["Plan check", "Download", "Preview the plan"])
    with check:
        render_plan_check(campaign, pack)
    with files:
        render_downloads(campaign, pack)
    with preview:
        st.caption("The plan as it will print (pictures appear as tables here).")
        with st.container(border=True, height=640, key="plan-preview-box"):
            try:
                preview = plan_preview(campaign, pack)
            except Exception:
                logging.getLogger(__name__).exception("the plan preview failed")
                st.warning("The preview cannot be shown right now; the plan check and downloads still work.")
            else:
                st.markdown(preview)


def render_plan_check(campaign: Campaign, pack: WorksheetPack) -> None:
    """List what is missing or weak, grouped by step, each with a button to go and fix it."""
    findings = plan_check(campaign, pack)
    if not findings:
        st.success("The plan check found nothing to fix. Well done.", icon=":material/task_alt:")
        return
    quality = sum(f.kind == "quality" for f in findings)
    st.markdown(
        f"**{len(findings)} thing(s) to look at**: {len(findings) - quality} answer(s) still needed and "
        f"{quality} point(s) that would make the plan stronger. None of them stops you printing."
    )
    for sheet in pack.worksheets:
        mine = [f for f in findings if f.worksheet_id == sheet.id]
        if not mine:
            continue
        with st.container(border=True, key=f"check-{sheet.id}"):
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(f"**{escape_markdown(sheet.short_title)}** · {len(mine)}", width="stretch")
                st.button(
                    f"Go to {sheet.short_title}",
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
    """Return the plan as Markdown for Streamlit, built once per saved revision of the campaign."""
    from exports.markdown import render_markdown
    from exports.plan import build_plan

    cached = st.session_state.get(PREVIEW_KEY)
    if cached is None or cached[0] != (campaign.id, campaign.revision):
        text = render_markdown(build_plan(campaign, pack))
        # Streamlit also reads $math$ and :directive[...] in Markdown: escape both so answers show as typed
        text = text.replace("$", "\\$").replace(":", "\\:")
        cached = ((campaign.id, campaign.revision), text)
        st.session_state[PREVIEW_KEY] = cached
    return cached[1]
