"""The dashboard's progress table: a row per group, a column per step in words and marks, refreshing by itself."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd  # type: ignore[import-untyped]  # pandas has no hints of its own; pandas-stubs is not installed
import streamlit as st

from campaign import N_, GroupProgress, Progress, StorageError, Translator, WorksheetPack, csv_bytes, slug, translator
from ui.clock import clock_time, local
from ui.language import day_month, percent, ui_translator
from ui.resources import workshops

REFRESH_SECONDS = 5
GROUP_WIDTH, STEP_WIDTH, ACTIVITY_WIDTH = 130, 66, 96  # px: 130 + 9 × 66 + 96 = 820, a 1366 px laptop's room
COMMENTS_WIDTH = 80  # px: + 80 for the open comments = 900, within the 906 px the table has beside the sidebar
GROUP, OVERALL, ACTIVITY = N_("Group"), N_("Overall"), N_("Last activity")  # column headings, translated when shown
OPEN_COMMENTS = N_("Open comments")
# plain text cells, no per-cell style: a Styler made each refresh ~20x dearer, and the marks say the status
LEGEND = N_(
    "Updated {time}; refreshes every {seconds} seconds. — not started · 40%: under way · ✓ nothing required is "
    "missing · an empty cell: a step this group is not asked."
)


def step_column(number: int, short_title: str) -> str:
    """Return a step's column heading, e.g. "3. Activities"."""
    return f"{number}. {short_title}"


def share_words(progress: Progress, t: Translator) -> str:
    """Return a step's share as the dashboard writes it: "—" (not started), "40%" (under way), "✓ 80%" or
    "✓ done" (nothing required missing), "" for a step `show_if` hides from this group (not asked)."""
    if not progress.shown:
        return ""
    if progress.status == "not_started":
        return "—"
    if progress.status == "complete":
        return "✓ " + t("done") if progress.share >= 1 else "✓ " + percent(progress.share, t)
    return percent(progress.share, t)


def progress_table(
    rows: list[GroupProgress], pack: WorksheetPack, now: dt.datetime, t: Translator | None = None
) -> pd.DataFrame:
    """Return one row per group as the facilitator reads it: its name, each step's and the overall share in words
    (`share_words`; campaign.completeness, the rule the group's own sidebar shows), and its last save (headings
    and words in `t`'s language, English without one)."""
    t = t or translator(None)
    steps = [step_column(number, sheet.short_title) for number, sheet in enumerate(pack.worksheets, start=1)]
    columns = [t(GROUP), *steps, t(OVERALL), t(ACTIVITY)]
    records = [
        [
            row.group.name,
            *(share_words(row.progress[sheet.id], t) for sheet in pack.worksheets),
            share_words(row.overall, t),
            time_ago(row.updated, now, t),
        ]
        for row in rows
    ]
    return pd.DataFrame(records, columns=columns, dtype=object)


def time_ago(stamp: str, now: dt.datetime, t: Translator | None = None) -> str:
    """Return how long ago an ISO time was, in words a facilitator reads at a glance ("3 min ago")."""
    t = t or translator(None)
    try:
        then = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return "—"
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 60:
        return t("just now")
    if seconds < 3600:
        return t("{minutes} min ago", minutes=seconds // 60)
    if seconds < 86400:
        return t("{hours} h ago", hours=seconds // 3600)
    return day_month(local(then).date() if then.tzinfo else then.date(), t)  # the day in the browser's zone


def progress_csv(
    rows: list[GroupProgress], pack: WorksheetPack, now: dt.datetime, t: Translator | None = None
) -> bytes:
    """Return the table as the dashboard shows it ("—", "40%", "✓ done"), as a CSV file whose cells a
    spreadsheet never runs as formulas (a group named `=HYPERLINK(...)` stays text)."""
    return table_csv(progress_table(rows, pack, now, t))


def table_csv(table: pd.DataFrame) -> bytes:
    """Return `progress_table`'s table as CSV bytes, cell for cell."""
    return csv_bytes(list(table.columns), table.values.tolist())


def _column_widths(pack: WorksheetPack, t: Translator) -> dict[str, Any]:  # Streamlit column configs
    """Narrow columns, so the whole table fits a 1366 px laptop beside the sidebar: a step's full title is its
    heading's tooltip, the overall share and the last activity are never cut off."""
    group, overall, activity = t(GROUP), t(OVERALL), t(ACTIVITY)
    widths: dict[str, Any] = {group: st.column_config.TextColumn(group, pinned=True, width=GROUP_WIDTH)}
    for number, sheet in enumerate(pack.worksheets, start=1):
        heading = step_column(number, sheet.short_title)
        widths[heading] = st.column_config.Column(heading, width=STEP_WIDTH, help=f"{number}. {sheet.title}")
    widths[overall] = st.column_config.Column(overall, width=STEP_WIDTH)
    widths[activity] = st.column_config.Column(activity, width=ACTIVITY_WIDTH)
    comments = t(OPEN_COMMENTS)
    widths[comments] = st.column_config.NumberColumn(
        comments, width=COMMENTS_WIDTH, help=t("The facilitator's comments the group has not marked done yet.")
    )
    return widths


def with_open_comments(frame: pd.DataFrame, rows: list[GroupProgress], t: Translator) -> pd.DataFrame:
    """Return the table with an "Open comments" column (each group's comments not done yet) after the steps,
    before the overall share: the dashboard's, where the facilitator coaches (the CSV keeps the progress only)."""
    frame = frame.copy()
    frame.insert(len(frame.columns) - 2, t(OPEN_COMMENTS), [row.open_comments for row in rows])
    return frame


@st.fragment(run_every=REFRESH_SECONDS)
def render_progress(workshop_id: str, pack: WorksheetPack, groups_shown: int) -> None:
    """Draw the table; only this part reruns every few seconds, so the controls around it stay as they are.

    `groups_shown` is the number of groups the rest of the page was drawn with: when more have joined, the
    whole page is redrawn once so the group list and the ZIP count include them.
    """
    t = ui_translator()
    try:
        workshop = workshops().load(workshop_id)
        rows = workshops().progress(workshop, pack) if workshop else []
    except StorageError as error:
        st.warning(
            t("The groups' progress cannot be read right now: {reason}", reason=error.translated(t)),
            icon=":material/sync_problem:",
        )
        return
    now = dt.datetime.now(dt.UTC)
    if not rows:
        st.info(
            t(
                "No group has joined yet. Show the join code (tab **{tab}**) and the groups appear here.",
                tab=t("Join code"),
            ),
            icon=":material/groups:",
        )
    else:
        table = progress_table(rows, pack, now, t)
        frame = with_open_comments(table, rows, t)
        st.dataframe(
            frame,
            hide_index=True,
            height=min(38 + 35 * len(frame), 38 + 35 * 20),
            column_config=_column_widths(pack, t),
            key="progress-table",
        )
        # Streamlit's own table download is off (client.disableDataExport): it copies typed text as it is
        st.download_button(
            t("Download the table (CSV)"),
            table_csv(table),
            file_name=f"{slug(workshop.name if workshop else '', 'workshop')}-progress.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="progress-csv",
        )
    st.caption(":material/autorenew: " + t(LEGEND, time=clock_time(now), seconds=REFRESH_SECONDS))
    if workshop is not None and len(workshop.groups) != groups_shown:
        st.rerun(scope="app")
