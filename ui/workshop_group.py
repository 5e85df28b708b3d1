"""A group's side of a workshop: its workshop read cheaply, and the banner pointing to the facilitator's step."""

from __future__ import annotations

import streamlit as st

from campaign import Campaign, StorageError, WorksheetPack, Workshop
from ui import state
from ui.language import ui_translator
from ui.resources import workshops
from ui.text import escape_markdown

REFRESH_SECONDS = 5  # how long a group may see an old current step or sharing setting
BANNER_SECONDS = 10  # how often an idle group's banner looks for a new step


@st.cache_data(ttl=REFRESH_SECONDS, show_spinner=False, max_entries=1000)
def _stored_workshop(workshop_id: str) -> Workshop | None:
    # one read per workshop every few seconds for all of its groups, not one per rerun per laptop
    try:
        return workshops().load(workshop_id)
    except StorageError:
        return None


def forget_workshops() -> None:
    """Drop the cached workshops, so a change the facilitator or a group just made shows at once."""
    _stored_workshop.clear()


def group_workshop(campaign: Campaign) -> Workshop | None:
    """Return the workshop `campaign` is a group of, or None (an id copied into a file does not make a group)."""
    return _membership(campaign.workshop, campaign.id) if campaign.workshop else None


def _membership(workshop_id: str, campaign_id: str) -> Workshop | None:
    workshop = _stored_workshop(workshop_id)
    if workshop is None or workshop.group_for(campaign_id) is None:
        return None
    return workshop


def step_titles(pack: WorksheetPack) -> dict[str, str]:
    """Return each step's numbered title ("3. Advocacy activities"), the review step last."""
    t = ui_translator()
    titles = {sheet.id: f"{n}. {sheet.title}" for n, sheet in enumerate(pack.worksheets, start=1)}
    return titles | {state.REVIEW: f"{len(pack.worksheets) + 1}. " + t("Review and export")}


@st.fragment(run_every=BANNER_SECONDS)
def render_banner(workshop_id: str, campaign_id: str, pack: WorksheetPack, step: str) -> None:
    """Show where the facilitator is, with a button to go there unless the group is there already.

    A fragment that reruns by itself, so a group reading a worksheet sees the facilitator move on without
    touching anything; the rest of the page (and whatever is being typed) is left alone.
    """
    workshop = _membership(workshop_id, campaign_id)
    titles = step_titles(pack)
    if workshop is None or workshop.current_step not in titles:
        return
    current = workshop.current_step
    number, title = titles[current].split(". ", 1)
    t = ui_translator()
    with st.container(border=True, horizontal=True, vertical_alignment="center", key="workshop-banner"):
        where = t("Your facilitator is on step {number}: {step}", number=number, step=escape_markdown(title))
        st.markdown(
            f":material/co_present: **{where}**  \n:gray[{escape_markdown(workshop.name)}]",
            width="stretch",
        )
        if step == current:
            st.badge(t("You are here"), icon=":material/check:", color="green")
        elif st.button(
            t("Go to step {number}", number=number), key="banner-go", icon=":material/arrow_forward:", type="primary"
        ):
            state.go(current)
            st.rerun(scope="app")  # a fragment's own rerun would redraw only the banner
