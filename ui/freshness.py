"""Catching up with saves made elsewhere: a page that has been away shows the stored answers again.

A laptop that lost its connection for a while, or a second tab left open, still shows the answers it last
saved. Saving never trusts that view (the repository merges against the version it was read from, so a
stale answer is never written over a newer one), but people should see what is stored: at most every
`CHECK_SECONDS`, a full rerun compares the stored revision with the one this session last knew and, when
someone else saved since, refills the answers they changed.
"""

from __future__ import annotations

import time

import streamlit as st

from campaign import N_, Campaign, CampaignNotFound, StorageError, changed_answers
from ui import state
from ui.language import ui_translator
from ui.resources import repository

CHECK_SECONDS = 5.0  # at most one extra read of the campaign per session in this time
CHECKED_KEY = "_freshness_checked"
SEEN_KEY = "_freshness_seen"  # (campaign id, etag) of the stored file the last check read
CAUGHT_UP = N_("Answers saved meanwhile from another tab or laptop are now shown.")


def catch_up(space: state.Workspace, *, now: float | None = None) -> bool:
    """Show the stored campaign when someone else saved since this session's last save; return True then.

    Nothing happens while this session holds an unsaved edit (it is sent first, and merged then).
    """
    now = time.monotonic() if now is None else now
    if space.unsaved or now - st.session_state.get(CHECKED_KEY, now - CHECK_SECONDS) < CHECK_SECONDS:
        return False
    st.session_state[CHECKED_KEY] = now
    seen = st.session_state.get(SEEN_KEY)
    etag = seen[1] if seen and seen[0] == space.campaign.id else None
    try:  # a conditional read: an unchanged file costs no bytes and no parse
        read = repository().load_if_changed(space.campaign.id, etag)
    except (StorageError, CampaignNotFound):  # deleted meanwhile: the next save says so
        return False  # reading failed: keep what is shown; the next save reports any real problem
    if read is None:
        return False
    shared, st.session_state[SEEN_KEY] = read[0], (space.campaign.id, read[1])
    if shared.revision <= space.base.revision:
        return False
    stored = shared.copy()  # the parse cache's own object: this session edits its copy
    changed = changed_paths(space.base, stored)
    space.campaign, space.base = stored, stored.copy()
    for path in filter(None, changed):
        state.forget_widgets(f"{state.WIDGET_PREFIX}{path}")
    if changed:
        space.notice = ui_translator()(CAUGHT_UP)
    return True


def changed_paths(before: Campaign, after: Campaign) -> list[str]:
    """Return "worksheet.field" for every answer that differs, and "settings.*" for changed settings."""
    paths = [f"{sheet}.{field}" for sheet, field in changed_answers(before, after)]
    if before.settings != after.settings:
        paths.append("settings.")
    if before.conflicts != after.conflicts and not paths:
        paths.append("")  # only the conflicts changed: nothing to refill, but the notice and the view update
    return paths
