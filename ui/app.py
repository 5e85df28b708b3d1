"""The app: read the URL, open the campaign it names (once per session), and draw the step it names."""

from __future__ import annotations

import json

import streamlit as st

from campaign import (
    N_,
    CampaignDamaged,
    CampaignDeleted,
    CampaignNotFound,
    StorageError,
    WorksheetError,
    shown_worksheets,
)
from ui import state
from ui.answer_box import take_waiting_reports
from ui.auth import refuse, require_sign_in, visitor_may_open
from ui.facilitator import render_dashboard
from ui.freshness import catch_up
from ui.joining import render_join_page
from ui.language import ui_translator
from ui.last_report import let_runs_finish_on_disconnect
from ui.manage import DELETED_LINK
from ui.plenary import render_plenary_page
from ui.reconnect import redraw_after_reconnecting
from ui.resources import repository, worksheet_pack
from ui.review import render_review
from ui.settings import render_settings
from ui.sidebar import render_sidebar
from ui.start import render_start
from ui.status import render_save_problem
from ui.step import render_step
from ui.workshop_group import group_workshop, render_banner

BAD_LINK = N_("This link does not open a campaign. Check that it was copied whole, or start again below.")


# Streamlit's default top margin pushes a laptop's first field below the fold; our own CSS, no remote asset.
# `unicode-bidi: plaintext` gives each paragraph the direction of its first letter: an answer typed in
# Arabic or Hebrew reads right to left, in its box and wherever it is shown again, beside English ones.
PAGE_STYLE = (
    "<style>[data-testid='stMainBlockContainer']{padding-top:4.5rem;padding-bottom:3rem}"
    "textarea,input[type='text'],[data-testid='stMarkdownContainer'] :is(p,li,h1,h2,h3),"
    "[data-testid='stText'],[data-testid='stExpander'] summary p{unicode-bidi:plaintext}"
    # while an answer box holds text the server has not stored yet (ui/answer_box.js), the status says so
    ".st-key-save-pending{display:none}html[data-answers-pending] .st-key-save-pending{display:flex}"
    "html[data-answers-pending] .st-key-save-done{display:none}"
    # a choice and its Clear button stay on one line, even in a narrow grid column
    "[class*='st-key-clearable-']{flex-wrap:nowrap}[class*='st-key-clearable-']>div:first-child{min-width:0;flex:1 1 0}"
    # captions: Streamlit fades the text colour to 60 % (4.0:1, under WCAG's 4.5:1); this grey is 5.3:1 or more on
    # every background of the theme (docs/accessibility.md)
    "div[data-testid='stCaptionContainer']{color:#5B6568;opacity:1}"
    # icon-only buttons (a list item's ×, a grid row's bin, a choice's Clear) carry their name as a label that
    # only screen readers read: Streamlit names a button without a label after its icon ("close icon")
    "[class*='st-key-icon-only-'] button [data-testid='stMarkdownContainer']{position:absolute;width:1px;"
    "height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
    "</style>"
)

# No key press may destroy an answer: in a multi-choice box, Backspace (or Delete) in the empty search
# field removes the last chosen option without a word. Clicking an option's × still removes it.
KEY_GUARD = (
    "<script>(() => { if (window.__answerKeysGuarded) return; window.__answerKeysGuarded = true;"
    "document.addEventListener('keydown', (event) => {"
    "const box = event.target; if (!(box instanceof HTMLInputElement)) return;"
    "if (!box.closest('[data-testid=\"stMultiSelect\"]')) return;"
    "if ((event.key === 'Backspace' || event.key === 'Delete') && box.value === '') {"
    "event.stopPropagation(); event.preventDefault(); } }, true); })();</script>"
)
# The page's `lang` is the interface language (Streamlit's page says "en" whatever is shown), so a screen reader
# reads French words as French. `code` is one of our own language codes, written as a JSON string.
PAGE_LANGUAGE = "<script>document.documentElement.lang = {code};</script>"


# Streamlit keeps the scroll position across reruns: after "Next" at the bottom of a long step, the next
# step would open at its bottom, its title and guidance out of sight. Our own constant script, no user text.
SCROLL_TO_TOP = (
    "<script>(() => {{ /* {count} */ for (const e of document.querySelectorAll("
    '\'[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stMainBlockContainer"]\''
    ")) e.scrollTop = 0; window.scrollTo(0, 0); }})();</script>"
)
DRAWN_STEP_KEY = "_drawn_step"


def scroll_to_top_on_a_new_step(where: str) -> None:
    """Open a newly chosen step (or campaign) at its top; edits and other reruns keep the reader's place."""
    last = st.session_state.get(DRAWN_STEP_KEY)
    st.session_state[DRAWN_STEP_KEY] = where
    if last is not None and last != where:
        count = st.session_state["_scrolls"] = st.session_state.get("_scrolls", 0) + 1
        st.html(SCROLL_TO_TOP.format(count=count), unsafe_allow_javascript=True)


def main() -> None:
    """Draw the page for the current URL."""
    let_runs_finish_on_disconnect()  # a tab closed right after typing: its last reports' run is not dropped
    st.html(PAGE_STYLE)
    st.html(KEY_GUARD + PAGE_LANGUAGE.format(code=json.dumps(ui_translator().language)), unsafe_allow_javascript=True)
    take_waiting_reports()  # before anything reads the campaign, as a browser's callbacks are
    redraw_after_reconnecting()  # a restarted server must redraw the page before the next edit
    require_sign_in()  # only when the secrets configure sign-in (docs/sign-in.md)
    t = ui_translator()
    try:
        pack = worksheet_pack(t.language)  # the worksheets' words follow the interface
    except WorksheetError as error:
        st.error(t("The worksheets could not be loaded. Ask whoever runs this app to fix these problems:"))
        st.code("\n".join(str(p) for p in error.problems), language=None)
        return
    route = state.current_route()
    if route.facilitator_token is not None or route.bad_facilitator_link:
        render_dashboard(pack, route.facilitator_token)
        return
    if route.campaign_id is None:
        if route.bad_link:
            state.clear_query()
        if route.join_code is not None and not route.bad_link:
            render_join_page(pack, route.join_code)
        else:
            render_start(pack, BAD_LINK if route.bad_link else None)
        scroll_to_top_on_a_new_step("start")
        return
    space = _open(route.campaign_id)
    if space is None:
        return
    workshop = group_workshop(space.campaign)
    plenary = workshop is not None and workshop.show_side_by_side
    steps = [sheet.id for sheet in shown_worksheets(space.campaign, pack)]  # not those `show_if` hides
    allowed = [*steps, state.REVIEW, state.SETTINGS, *([state.PLENARY] if plenary else [])]
    step = route.step if route.step in allowed else steps[0]
    if step != route.step:
        st.query_params["step"] = step  # a bookmark from before a worksheet was renamed lands on step 1
    render_sidebar(space, pack, step, plenary=plenary)
    _private_link_reminder(space)
    render_save_problem(space)
    if workshop is not None:
        render_banner(workshop.id, space.campaign.id, pack, step)
    if step == state.REVIEW:
        render_review(space, pack)
    elif step == state.SETTINGS:
        render_settings(space, pack)
    elif step == state.PLENARY and workshop is not None:
        render_plenary_page(space.campaign, workshop)
    else:
        render_step(space, pack, pack.worksheet(step))
    scroll_to_top_on_a_new_step(f"{space.campaign.id}:{step}")


def _open(campaign_id: str) -> state.Workspace | None:
    """Return the session's workspace for `campaign_id`, reading it from disk only when it changes."""
    space = state.workspace()
    if space is not None and space.campaign.id == campaign_id:
        catch_up(space)  # back from a lost connection, or beside another tab: show what is stored now
        return space
    try:
        campaign = repository().load(campaign_id)
    except CampaignNotFound as missing:  # deleted (kept a while, restorable from the start page), or never here
        state.clear_query()
        why = DELETED_LINK if isinstance(missing, CampaignDeleted) else BAD_LINK
        render_start(worksheet_pack(ui_translator().language), why)
        return None
    except (CampaignDamaged, StorageError) as error:
        t = ui_translator()
        st.error(t("This campaign cannot be opened: {reason}", reason=error.translated(t)), icon=":material/error:")
        st.button(t("Back to the start page"), on_click=state.go_home)
        return None
    if not visitor_may_open(campaign):
        refuse()  # signed in as someone else: nothing of the campaign is shown or saved
        return None
    return state.open_workspace(campaign)


def _private_link_reminder(space: state.Workspace) -> None:
    slot = st.container(key="private-link-slot", gap=None)  # in place even when empty: nothing below it moves
    if not st.session_state.get("show-link"):
        return
    from ui.links import private_link

    t = ui_translator()
    with slot, st.container(border=True, key="private-link"):
        st.markdown(
            ":material/bookmark: "
            + t(
                "**Bookmark this private link now.** On this shared server it is the only way back to your "
                "campaign, and anyone who has it can open and edit the campaign."
            )
        )
        st.code(private_link(space.campaign.id, None), language=None, wrap_lines=True)
        st.button(t("I have saved the link"), key="link-saved", on_click=st.session_state.pop, args=("show-link", None))
