"""Every edit goes to disk at once: apply it to the campaign, save against the last save, report the outcome."""

from __future__ import annotations

import datetime as dt
import secrets
import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from campaign import Campaign, CampaignInvalid, CampaignNotFound, Conflict, StorageError, is_empty, same_campaign
from ui import outbox, state
from ui.history import writer
from ui.language import ui_translator
from ui.manage import DELETED_WHILE_OPEN
from ui.resources import repository

Edit = Callable[[Campaign], None]
RETRY_KEY = "_save_retry"  # (failed attempts in a row, monotonic time of the next automatic try)
FIRST_RETRY_SECONDS = 1.0
LAST_RETRY_SECONDS = 30.0  # back-off doubles up to this: a store that stays down is asked twice a minute


def save_edit(edit: Edit) -> bool:
    """Apply `edit` to the open campaign and store it; return True when it is on disk.

    On a storage error the edit stays in the session (and in the widget) and is sent again with the next
    save; after a merge with someone else's save the widgets are refilled from the merged campaign.
    """
    space = state.workspace()
    if space is None:
        return False
    if space.unsaved:
        _adopt_delivered(space)
    mine = space.campaign.copy()
    edit(mine)
    if not space.unsaved and same_campaign(mine, space.base):
        return True
    before, space.campaign = space.campaign, mine
    try:
        if space.unsaved:  # the store is failing: hold this edit to the rules now, not once it is back
            repository().check(mine, space.base)
        result = repository().save(mine, space.base, by=writer(mine))
    except CampaignInvalid as error:
        # an edit the worksheets forbid (or that would make the file too large) would block every later save:
        # drop this edit only; earlier answers still waiting for the store stay in the session
        t = ui_translator()
        space.campaign = before
        if same_campaign(mine, before):  # the waiting answers themselves, merged with a save made elsewhere: keep that
            space.campaign, space.error = space.base.copy(), None
            st.session_state.pop(RETRY_KEY, None)
            outbox.release(_outbox_key(space))
        space.notice = t("That change was not kept: {reason}", reason=error.translated(t))
        state.forget_widgets()
        return False
    except CampaignNotFound:  # deleted in another tab: restored, the next try stores every answer kept here
        space.error = ui_translator()(DELETED_WHILE_OPEN)
        return False
    except StorageError as error:
        # every answer stays in `space.campaign`; the next try (automatic, or any later edit) sends them all
        space.error = error.translated(ui_translator())
        outbox.hold(_outbox_key(space), repository(), mine, space.base)  # sent on even if this page goes away
        attempts = st.session_state.get(RETRY_KEY, (0, 0.0))[0] + 1
        delay = min(LAST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** (attempts - 1))
        st.session_state[RETRY_KEY] = (attempts, time.monotonic() + delay)
        return False
    st.session_state.pop(RETRY_KEY, None)
    outbox.release(_outbox_key(space))
    space.campaign, space.base = result.campaign, result.campaign.copy()
    space.error, space.saved_at = None, dt.datetime.now()
    if result.merged:
        t = ui_translator()
        space.notice = t("Someone else saved this campaign at the same time; their changes and yours are both kept.")
        state.forget_widgets()
    return True


def retry() -> None:
    """Send the unsaved edits again (a callback for the "Try again" button)."""
    save_edit(lambda campaign: None)


def retry_if_due(now: float | None = None) -> bool:
    """Send the unsaved edits again once their back-off time has come; return True when they are now stored."""
    space = state.workspace()
    if space is None or not space.unsaved:
        return False
    now = time.monotonic() if now is None else now
    if now < st.session_state.get(RETRY_KEY, (0, 0.0))[1] and not outbox.has_delivered(_outbox_key(space)):
        return False
    return save_edit(lambda campaign: None)


def _outbox_key(space: state.Workspace) -> str:
    token = st.session_state.setdefault("_outbox_token", secrets.token_hex(8))
    return f"{token}:{space.campaign.id}"


def _adopt_delivered(space: state.Workspace) -> None:
    """Take the answers the background sender stored (ui/outbox.py) as this session's last save."""
    stored = outbox.delivered(_outbox_key(space))
    if stored is None:
        return
    if not same_campaign(stored, space.campaign):
        state.forget_widgets()  # someone else's answers were merged in: show them
    space.campaign, space.base = stored, stored.copy()
    space.error, space.saved_at = None, dt.datetime.now()
    st.session_state.pop(RETRY_KEY, None)


def save_answer(worksheet_id: str, field_id: str, value: Any) -> None:
    """Store one answer."""
    save_edit(lambda campaign: campaign.set_answer(worksheet_id, field_id, value))


def save_rows(worksheet_id: str, field_id: str, rows: list[dict[str, Any]]) -> None:
    """Store the rows of a table answer."""
    save_edit(lambda campaign: campaign.set_answer(worksheet_id, field_id, rows))


def save_cell(worksheet_id: str, field_id: str, row_id: str, column_id: str, value: Any) -> None:
    """Store one cell of a table row (an empty value removes the cell)."""

    def edit(campaign: Campaign) -> None:
        rows = campaign.rows(worksheet_id, field_id)
        row = next((r for r in rows if r["id"] == row_id), None)
        if row is None:  # the first answer typed into a newly added row
            row = {"id": row_id}
            rows.append(row)
        if is_empty(value):
            row.pop(column_id, None)
        else:
            row[column_id] = value
        campaign.set_answer(worksheet_id, field_id, [r for r in rows if not is_empty(r)])

    save_edit(edit)


def resolve_conflict(conflict: Conflict, keep_mine: bool) -> None:
    """Settle a conflict: store my value or theirs at its path (a whole row too) and remove the conflict."""
    if save_edit(lambda campaign: conflict.settle(campaign, keep_mine)):
        _reload()
    state.forget_widgets()


def _reload() -> None:
    # a stored conflict holds plain text values: reading the saved file back gives them their types again
    space = state.workspace()
    if space is not None:
        try:
            space.campaign = repository().load(space.campaign.id)
        except StorageError as error:
            space.error = error.translated(ui_translator())
            return
        space.base = space.campaign.copy()
