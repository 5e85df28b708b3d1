"""The facilitator's dashboard, reached only by the secret link: groups' progress, controls, join code, files."""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from campaign import (
    N_,
    CampaignNotFound,
    StorageError,
    Translator,
    WorksheetPack,
    Workshop,
    WorkshopNotFound,
    show_code,
)
from ui import state
from ui.comments import render_comment_form, render_comment_outcome
from ui.join_code import render_join_code
from ui.language import language_name, render_language_picker, ui_translator
from ui.links import facilitator_link
from ui.new_workshop import CREATED_KEY
from ui.plenary import render_side_by_side, workshop_words
from ui.resources import repository, worksheet_pack, workshops
from ui.review import plan_preview
from ui.start import render_start
from ui.text import escape_markdown
from ui.workshop_files import render_workshop_files
from ui.workshop_group import forget_workshops, step_titles
from ui.workshop_progress import render_progress

NOT_A_DASHBOARD = N_(
    "This link does not open a workshop dashboard. A facilitator's link comes from “Run a workshop”; "
    "a group's link opens only that group's campaign."
)
STEP_KEY, JOINING_KEY, SHARING_KEY = "dashboard-step", "dashboard-joining", "dashboard-sharing"
PREVIEW_KEY, TAB_KEY, ERROR_KEY = "dashboard-preview", "dashboard-tab", "dashboard-error"
PREVIEW_KEPT = "dashboard-preview-kept"  # the group chosen, kept over a run that could not draw the dashboard
LINK_SHOWN_KEY = "dashboard-link-shown"  # the facilitator asked to see the secret link (never shown by itself)
TABS = (N_("Groups"), N_("Join code"), N_("Plenary"), N_("Files"))


def render_dashboard(pack: WorksheetPack, token: str | None) -> None:
    """Draw the dashboard of the workshop `token` opens, or refuse with the start page."""
    t = ui_translator()
    workshop = None
    if token is not None:
        try:
            workshop = workshops().by_token(token)
        except StorageError as error:
            st.error(
                t("The workshop cannot be opened right now: {reason}", reason=error.translated(t)),
                icon=":material/error:",
            )
            render_comment_outcome()  # a comment sent just now is not saved either: say so
            return
    if workshop is None or token is None:
        state.clear_query()
        render_start(pack, NOT_A_DASHBOARD)
        return
    st.session_state.pop("workspace", None)  # this session now looks at the workshop, never edits a group
    with st.sidebar:
        render_language_picker()
    _header(workshop, t)
    just_created = st.session_state.get(CREATED_KEY) == workshop.id
    if message := st.session_state.pop(ERROR_KEY, None):
        st.error(message, icon=":material/error:")
    # a new workshop opens on Groups, where the secret link is: never first on the join code, which is projected
    default = st.session_state.setdefault(TAB_KEY, TABS[0] if workshop.groups or just_created else TABS[1])
    groups, code, plenary, files = st.tabs([t(tab) for tab in TABS], default=t(default))
    with groups:
        _secret_link(token, just_created, t)
        _controls(workshop, pack)
        render_progress(workshop.id, pack, len(workshop.groups))
        _group_plan(workshop, pack)
    with code:
        render_join_code(workshop)
    with plenary:
        _plenary(workshop)
    with files:
        render_workshop_files(workshop, pack)


def _header(workshop: Workshop, t: Translator) -> None:
    typed = [escape_markdown(d) for d in (workshop.date, workshop.place) if d]
    ours = [language_name(workshop.language), t.ngettext("{count} group", "{count} groups", len(workshop.groups))]
    ours.append(t("joining open") if workshop.joining_open else t("joining closed"))
    st.caption(t("Facilitator dashboard") + " · " + " · ".join([*typed, *ours]))
    with st.container(horizontal=True, vertical_alignment="center"):
        st.title(escape_markdown(workshop.name), anchor=False, width="stretch")
        st.markdown(t("Join code {code}", code=f"**`{show_code(workshop.join_code)}`**"), width="content")


def _secret_link(token: str, just_created: bool, t: Translator) -> None:
    """The secret link, only on the Groups tab and only once asked for: the join code tab is the projected one."""
    with st.container(border=just_created, key="facilitator-link"):
        if just_created:
            st.markdown(
                ":material/bookmark: "
                + t(
                    "**Bookmark this link now: it is the only way back to this dashboard.** Keep it to yourself; "
                    "groups join with the code, never with this link."
                )
            )
        if not st.session_state.get(LINK_SHOWN_KEY):
            st.button(
                t("Show my secret link"),
                key="facilitator-link-show",
                icon=":material/key:",
                on_click=st.session_state.__setitem__,
                args=(LINK_SHOWN_KEY, True),
            )
            return
        if not just_created:
            st.caption(t("The only way back to this dashboard. Keep it private: anyone with it can run the workshop."))
        st.code(facilitator_link(token), language=None, wrap_lines=True)
        with st.container(horizontal=True):
            st.button(
                t("Hide my secret link"),
                key="facilitator-link-hide",
                icon=":material/visibility_off:",
                on_click=st.session_state.pop,
                args=(LINK_SHOWN_KEY, None),
            )
            if just_created:
                st.button(
                    t("I have saved the link"),
                    key="facilitator-link-saved",
                    on_click=_link_saved,
                )


def _link_saved() -> None:
    st.session_state.pop(CREATED_KEY, None)
    st.session_state.pop(LINK_SHOWN_KEY, None)


def _controls(workshop: Workshop, pack: WorksheetPack) -> None:
    t = ui_translator()
    titles = step_titles(pack)
    st.session_state[STEP_KEY] = workshop.current_step if workshop.current_step in titles else ""
    st.session_state[JOINING_KEY] = workshop.joining_open
    with st.container(horizontal=True, vertical_alignment="bottom", gap="large"):
        st.selectbox(
            t("Current step (every group sees a banner pointing to it)"),
            ["", *titles],
            format_func=lambda step: titles.get(step, t("None: no banner")),
            key=STEP_KEY,
            on_change=_changed,
            args=(workshop.id, STEP_KEY, lambda w, value: setattr(w, "current_step", value or None)),
            width=420,
        )
        st.toggle(
            t("Joining open"),
            key=JOINING_KEY,
            on_change=_changed,
            args=(workshop.id, JOINING_KEY, lambda w, value: setattr(w, "joining_open", bool(value))),
            help=t("Close joining once every group is in, so a stray code cannot add groups."),
        )


def _changed(workshop_id: str, key: str, apply: Callable[[Workshop, object], None]) -> None:
    value = st.session_state.get(key)
    try:
        workshops().update(workshop_id, lambda workshop: apply(workshop, value))
    except StorageError as error:
        t = ui_translator()
        st.session_state[ERROR_KEY] = t("That change was not saved: {reason}", reason=error.translated(t))
    except WorkshopNotFound:
        t = ui_translator()
        st.session_state[ERROR_KEY] = t("That change was not saved: the workshop no longer exists.")
    forget_workshops()  # the groups served by this process see the change at once, others within seconds


def _group_plan(workshop: Workshop, pack: WorksheetPack) -> None:
    if not workshop.groups:
        return
    t = ui_translator()
    if PREVIEW_KEY not in st.session_state and PREVIEW_KEPT in st.session_state:
        st.session_state[PREVIEW_KEY] = st.session_state[PREVIEW_KEPT]  # a run the store failed dropped the widget
    choice = st.selectbox(
        t("Open a group's plan (read-only)"),
        range(len(workshop.groups)),
        index=None,
        format_func=lambda n: workshop.groups[n].name,
        placeholder=t("Choose a group"),
        key=PREVIEW_KEY,
        on_change=lambda: st.session_state.__setitem__(PREVIEW_KEPT, st.session_state.get(PREVIEW_KEY)),
    )
    if choice is None or choice >= len(workshop.groups):
        return
    try:
        campaign = repository().load(workshop.groups[choice].campaign_id)
        preview = plan_preview(campaign, worksheet_pack(campaign.language))  # as the group's plan prints
    except (CampaignNotFound, StorageError):
        st.warning(t("This group's campaign cannot be read right now."), icon=":material/error:")
        return
    except Exception:
        logging.getLogger(__name__).exception("a group's plan preview failed")
        st.warning(t("This group's plan cannot be shown right now."))
        return
    st.caption(
        t(
            "{group}: the plan as it will print. Only the group can edit it.",
            group=escape_markdown(workshop.groups[choice].name),
        )
    )
    with st.container(border=True, height=640, key="group-plan-preview"):
        st.markdown(preview)
    with st.container(border=True, key="group-comments"):
        render_comment_form(workshop, campaign, pack)  # in the facilitator's language


def _plenary(workshop: Workshop) -> None:
    t = ui_translator()
    st.session_state[SHARING_KEY] = workshop.show_side_by_side
    st.toggle(
        t("Show this page to the groups"),
        key=SHARING_KEY,
        on_change=_changed,
        args=(workshop.id, SHARING_KEY, lambda w, value: setattr(w, "show_side_by_side", bool(value))),
        help=t("While it is on, every group sees a “Plenary” page with all groups' key messages and objectives."),
    )
    st.caption(
        t("Groups see this side-by-side view only while it is on. They see the words, never each other's links.")
    )
    render_side_by_side(workshop_words(workshop))
