"""Where the user is (the URL) and what this browser session holds (the open campaign, its last save)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from campaign import TOKEN_RE, Campaign, is_valid_id

LANGUAGE_PARAM = "lang"  # the URL parameter naming the interface language (ui/language.py reads it)
REVIEW, SETTINGS, PLENARY = "review", "settings", "plenary"
NOTES_KEY = "_step_notes"  # the plan check's notes for the step being drawn, by field or row path
WIDGET_PREFIX = "f:"  # every answer widget's key starts with this, so a reload can reseed them all


@dataclass(frozen=True)
class Undo:
    """How to bring back what was cleared or removed on purpose at `path`, and what to tell the person."""

    path: str
    edit: Callable[[Campaign], None]
    message: str


@dataclass
class Workspace:
    """The campaign open in this session: what the user sees and the version last known to be stored."""

    campaign: Campaign
    base: Campaign
    saved_at: dt.datetime | None = None
    error: str | None = None  # why the last save failed (the edit is kept in `campaign`)
    notice: str | None = None  # a one-off message, e.g. "merged with someone else's save"
    seen_guidance: set[str] = field(default_factory=set)
    open_row: str | None = None  # the table row to show unfolded (just added, or chosen in the plan check)
    pending_removal: str | None = None  # "worksheet.field.row" awaiting confirmation
    drafts: dict[str, list[str]] = field(default_factory=dict)  # rows added but not typed in yet, per table
    undo: Undo | None = None  # the last answer cleared or row removed on purpose, to bring back

    @property
    def unsaved(self) -> bool:
        return self.error is not None


@dataclass(frozen=True)
class Route:
    campaign_id: str | None
    step: str | None
    bad_link: bool = False
    facilitator_token: str | None = None  # `?f=`: the workshop dashboard, shape checked before any storage read
    bad_facilitator_link: bool = False
    join_code: str | None = None  # `?join=`: the join form with this code filled in (from the QR code)


def current_route() -> Route:
    """Return what the URL names: a dashboard (`?f=<token>`), a campaign and step, or the join form."""
    token = st.query_params.get("f")
    if token is not None:
        if TOKEN_RE.match(token):
            return Route(None, None, facilitator_token=token)
        return Route(None, None, bad_facilitator_link=True)
    campaign_id = st.query_params.get("c")
    step = st.query_params.get("step")
    if campaign_id is None:
        return Route(None, None, join_code=st.query_params.get("join"))
    if not is_valid_id(campaign_id):
        return Route(None, None, bad_link=True)
    return Route(campaign_id, step)


def go(step: str | None, campaign_id: str | None = None) -> None:
    """Change the URL to `step` of the open campaign (or of `campaign_id`); usable as a callback."""
    if campaign_id is not None:
        st.query_params["c"] = campaign_id
    if step is None:
        st.query_params.pop("step", None)
    else:
        st.query_params["step"] = step


def go_home() -> None:
    """Leave the campaign and return to the start page."""
    clear_query()
    st.session_state.pop("workspace", None)


def clear_query() -> None:
    """Empty the URL but for the chosen interface language (`?lang=`), which every page keeps."""
    language = st.query_params.get(LANGUAGE_PARAM)
    st.query_params.clear()
    if language is not None:
        st.query_params[LANGUAGE_PARAM] = language


def workspace() -> Workspace | None:
    """Return this session's open campaign, if any."""
    return st.session_state.get("workspace")


def open_workspace(campaign: Campaign) -> Workspace:
    """Make `campaign` (just loaded or created) this session's open campaign."""
    forget_widgets()
    space = Workspace(campaign=campaign, base=campaign.copy())
    st.session_state["workspace"] = space
    return space


def forget_widgets(prefix: str = WIDGET_PREFIX) -> None:
    """Drop widget values starting with `prefix`, so the next run fills them from the campaign again."""
    for key in [k for k in st.session_state if k.startswith(prefix)]:  # Streamlit keeps every key as str
        del st.session_state[key]


def notes_for(path: str) -> list[str]:
    """Return the plan check's notes for a field ("sheet.field") or table row ("sheet.field.row") on screen."""
    return st.session_state.get(NOTES_KEY, {}).get(path, [])
