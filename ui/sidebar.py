"""The sidebar: the campaign, its save status, overall progress, and every step with how complete it is."""

from __future__ import annotations

import streamlit as st

from campaign import Progress, Translator, WorksheetPack, campaign_progress, shown_worksheets, title
from ui import state
from ui.language import percent, render_language_picker, ui_translator
from ui.links import private_link
from ui.resources import mode
from ui.text import escape_markdown

NAV_KEY = "nav-step"


def render_sidebar(space: state.Workspace, pack: WorksheetPack, step: str, *, plenary: bool = False) -> None:
    """Draw the campaign's steps as a list to jump through, each with its progress.

    `plenary` adds the workshop's shared page of all groups' key messages (while the facilitator shares it).
    """
    t = ui_translator()
    campaign = space.campaign
    shown = shown_worksheets(campaign, pack)  # a worksheet `show_if` hides is no step
    steps = [sheet.id for sheet in shown] + [state.REVIEW, state.SETTINGS]
    steps += [state.PLENARY] if plenary else []
    titles = {sheet.id: f"{n}. {sheet.short_title}" for n, sheet in enumerate(shown, start=1)}
    titles |= {state.REVIEW: t("Review and export"), state.SETTINGS: t("Campaign settings")}
    titles |= {state.PLENARY: t("Plenary: all groups' key messages")}
    progress = campaign_progress(campaign, pack)
    captions = [_progress_words(progress.steps[s], t) if s in progress.steps else "" for s in steps]
    overall = progress.overall.share
    with st.sidebar:
        st.caption(t("Campaign"))
        st.markdown(f"### {escape_markdown(title(campaign, pack))}")
        st.progress(overall, text=t("Overall: {share} of the questions answered", share=percent(overall, t)))
        st.session_state[NAV_KEY] = step  # follow the URL (Back, Next, a link from the plan check)
        st.radio(
            t("Steps"),
            steps,
            format_func=titles.__getitem__,
            captions=captions,
            key=NAV_KEY,
            on_change=_jump,
        )
        if mode() == "shared" or campaign.workshop:  # a workshop group's campaign is never listed either
            st.caption(t("Your private link (bookmark it; anyone with it can edit this campaign):"))
            st.code(private_link(campaign.id, None), language=None, wrap_lines=True)
        st.button(t("Start page"), icon=":material/home:", key="nav-home", on_click=state.go_home, type="tertiary")
        render_language_picker()


def _progress_words(step: Progress, t: Translator) -> str:
    share = percent(step.share, t)
    if step.status == "not_started":
        return t("Not started")
    if step.status == "complete":
        return t("Complete") if step.share >= 1 else t("Complete · {share} answered", share=share)
    # Translators: {count} is how many required answers of this step are still empty
    return t("{share} answered · {count} still needed", share=share, count=len(step.missing))


def _jump() -> None:
    state.go(st.session_state[NAV_KEY])
