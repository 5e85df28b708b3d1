"""Join a workshop: the code and a group name give the group its own campaign and a private link back to it."""

from __future__ import annotations

import streamlit as st

from campaign import GROUP_NAME_LIMIT, N_, JoinRefused, StorageError, WorksheetPack, new_id, show_code
from ui import state
from ui.language import render_language_picker, ui_translator
from ui.resources import workshops
from ui.text import escape_markdown
from ui.workshop_group import forget_workshops

CODE_KEY, NAME_KEY = "join-code", "join-name"
ERROR_KEY = "join-error"
LOOKED_UP_KEY = "join-looked-up"  # code in the link -> (workshop name, code) or None, once per session
NOT_A_JOIN_LINK = N_(
    "This link does not open a workshop. Type the join code your facilitator shows, or check that the link "
    "was copied whole."
)
VISITOR_KEY = "join-visitor"  # this browser session's name for the join throttles (campaign/throttle.py)


def render_join_form(code: str | None = None) -> None:
    """Draw the join form; `code` (from a scanned QR code) is filled in."""
    if code and not st.session_state.get(CODE_KEY):
        st.session_state[CODE_KEY] = code[:12]
    t = ui_translator()
    _join_error()  # above the form, where the group looks after pressing Join, never below it at the screen's edge
    with st.form("join-workshop", border=True, enter_to_submit=False):
        st.text_input(
            t("Join code"),
            max_chars=12,
            key=CODE_KEY,
            placeholder=t("e.g. {code}", code="K7D-Q4M"),
            help=t("Six letters and digits, shown by your facilitator."),
        )
        st.text_input(
            t("Your group's name"),
            max_chars=GROUP_NAME_LIMIT,
            key=NAME_KEY,
            placeholder=t("e.g. Table 3, or Lusaka team"),
        )
        st.form_submit_button(t("Join the workshop"), type="primary", icon=":material/group_add:", on_click=_join)


def _join_error() -> None:
    if error := st.session_state.pop(ERROR_KEY, None):
        st.error(error, icon=":material/error:")


def render_join_page(pack: WorksheetPack, code: str) -> None:
    """Draw the page a scanned QR code opens: only the join form, with the code filled in."""
    t = ui_translator()
    with st.container(horizontal=True, vertical_alignment="center"):
        st.title(t("Join a workshop"), anchor=False, width="stretch")
        render_language_picker(compact=True)
    _join_error()  # "This workshop is closed to new groups…" at the top of the page, first thing the group sees
    workshop, refused = _workshop_named(code)
    if workshop is not None:
        st.markdown(
            t(
                "You are joining **{workshop}** with the code `{code}`.",
                workshop=escape_markdown(workshop[0]),
                code=show_code(workshop[1]),
            )
        )
    elif refused is not None:
        st.warning(refused, icon=":material/hourglass:")
    else:
        st.warning(t(NOT_A_JOIN_LINK), icon=":material/link_off:")
    st.markdown(
        t(
            "Type your group's name. Your group gets its own campaign plan ({count} steps) and a private link to "
            "come back to it; only your group and your facilitator can see your answers.",
            count=len(pack.worksheets),
        )
    )
    left, _ = st.columns([3, 2])
    with left:
        render_join_form(code if workshop is not None or refused is not None else None)  # never a bad code
        st.button(
            t("Not in a workshop? Go to the start page"), key="join-home", type="tertiary", on_click=state.go_home
        )


def _workshop_named(code: str) -> tuple[tuple[str, str] | None, str | None]:
    """Return (name, code) of the workshop the link's code names, or why it cannot be told; looked up once per
    session and code, as a throttled guess of this browser (a page of links must not guess codes for free)."""
    looked_up = st.session_state.setdefault(LOOKED_UP_KEY, {})
    if code not in looked_up:
        visitor = st.session_state.setdefault(VISITOR_KEY, new_id())
        try:
            found = workshops().by_code(code, visitor=visitor, t=ui_translator())
            looked_up[code] = ((found.name, found.join_code) if found else None, None)
        except JoinRefused as refused:
            return None, refused.message  # not remembered: after the wait, the next run looks again
        except StorageError:
            return None, None
    return looked_up[code]


def _join() -> None:
    typed = st.session_state.get(CODE_KEY) or ""
    name = st.session_state.get(NAME_KEY) or ""  # cleaned and checked by the model, as it will be stored
    t = ui_translator()
    visitor = st.session_state.setdefault(VISITOR_KEY, new_id())
    try:
        _, campaign = workshops().join(typed, name, t=t, visitor=visitor)
    except JoinRefused as refused:
        st.session_state[ERROR_KEY] = refused.message
        return
    except StorageError as error:
        st.session_state[ERROR_KEY] = t(
            "Joining did not work just now: {reason} Try again in a moment.", reason=error.translated(t)
        )
        return
    forget_workshops()
    space = state.open_workspace(campaign)
    space.notice = None
    st.session_state["show-link"] = True  # a group's private link is its only way back, whatever the mode
    state.clear_query()
    st.query_params["c"] = campaign.id
    st.query_params["step"] = workshops().campaigns.pack.worksheets[0].id  # the banner points to the room's step
