"""The dashboard's progress table: a row per group, a coloured column per step, refreshing by itself."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from campaign import StorageError, WorksheetPack
from campaign.workshops import GroupProgress
from ui.resources import workshops

REFRESH_SECONDS = 5
GROUP, OVERALL, ACTIVITY = "Group", "Overall", "Last activity"
# background, text: grey = not started, amber = under way, green = complete; the cell also says it in words
COLOURS = {"none": ("#EEF2F2", "#56666B"), "some": ("#FBE7B5", "#5A4300"), "all": ("#C9E9D0", "#0B4A1E")}


def step_column(number: int, short_title: str) -> str:
    """Return a step's column heading, e.g. "3. Activities"."""
    return f"{number}. {short_title}"


def progress_table(rows: list[GroupProgress], pack: WorksheetPack, now: dt.datetime) -> pd.DataFrame:
    """Return one row per group: its name, the share answered of each step and overall, and its last save."""
    records = []
    for row in rows:
        record: dict[str, object] = {GROUP: row.group.name}
        for number, sheet in enumerate(pack.worksheets, start=1):
            record[step_column(number, sheet.short_title)] = row.progress.get(sheet.id, 0.0)
        record[OVERALL] = row.overall
        record[ACTIVITY] = time_ago(row.updated, now)
        records.append(record)
    columns = [GROUP, *(step_column(n, s.short_title) for n, s in enumerate(pack.worksheets, 1)), OVERALL, ACTIVITY]
    return pd.DataFrame.from_records(records, columns=columns)


def time_ago(stamp: str, now: dt.datetime) -> str:
    """Return how long ago an ISO time was, in words a facilitator reads at a glance ("3 min ago")."""
    try:
        then = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return "—"
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 86400:
        return f"{seconds // 3600} h ago"
    return then.strftime("%d %b")


def _share_words(share: float) -> str:
    return "—" if share <= 0 else "✓ done" if share >= 1 else f"{share:.0%}"


def _share_colour(share: float) -> str:
    kind = "none" if share <= 0 else "all" if share >= 1 else "some"
    background, text = COLOURS[kind]
    return f"background-color: {background}; color: {text}"


def styled_table(frame: pd.DataFrame) -> Styler:
    """Return the table coloured by completion, each share written as "—", "40%" or "✓ done"."""
    shares = [c for c in frame.columns if c not in (GROUP, ACTIVITY)]
    return frame.style.format(_share_words, subset=shares).map(_share_colour, subset=shares)


@st.fragment(run_every=REFRESH_SECONDS)
def render_progress(workshop_id: str, pack: WorksheetPack, groups_shown: int) -> None:
    """Draw the table; only this part reruns every few seconds, so the controls around it stay as they are.

    `groups_shown` is the number of groups the rest of the page was drawn with: when more have joined, the
    whole page is redrawn once so the group list and the ZIP count include them.
    """
    try:
        workshop = workshops().load(workshop_id)
        rows = workshops().progress(workshop, pack) if workshop else []
    except StorageError as error:
        st.warning(f"The groups' progress cannot be read right now: {error.message}", icon=":material/sync_problem:")
        return
    now = dt.datetime.now(dt.UTC)
    if not rows:
        st.info(
            "No group has joined yet. Show the join code (tab **Join code**) and the groups appear here.",
            icon=":material/groups:",
        )
    else:
        frame = progress_table(rows, pack, now)
        st.dataframe(
            styled_table(frame),
            hide_index=True,
            height=min(38 + 35 * len(frame), 38 + 35 * 20),
            column_config={GROUP: st.column_config.TextColumn(GROUP, pinned=True)},
            key="progress-table",
        )
    st.caption(
        f":material/autorenew: Updated {now.astimezone():%H:%M:%S}; refreshes every {REFRESH_SECONDS} seconds. "
        "Grey: not started · amber: under way · green: complete."
    )
    if workshop is not None and len(workshop.groups) != groups_shown:
        st.rerun(scope="app")
