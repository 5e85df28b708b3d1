"""The dashboard's progress table: a row per group, a coloured column per step, refreshing by itself."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import pandas as pd  # type: ignore[import-untyped]  # pandas has no hints of its own; pandas-stubs is not installed
import streamlit as st
from pandas.io.formats.style import Styler  # type: ignore[import-untyped]  # as above

from campaign import N_, GroupProgress, Status, StorageError, Translator, WorksheetPack, csv_bytes, slug, translator
from ui.clock import clock_time, local
from ui.language import day_month, percent, ui_translator
from ui.resources import workshops

REFRESH_SECONDS = 5
GROUP_WIDTH, STEP_WIDTH, ACTIVITY_WIDTH = 130, 66, 96  # px: 130 + 9 × 66 + 96 = 820, a 1366 px laptop's room
COMMENTS_WIDTH = 80  # px: + 80 for the open comments = 900, within the 906 px the table has beside the sidebar
GROUP, OVERALL, ACTIVITY = N_("Group"), N_("Overall"), N_("Last activity")  # column headings, translated when shown
OPEN_COMMENTS = N_("Open comments")
# background, text per status: grey = not started, amber = under way, green = nothing required missing; the
# cell also says it in words and marks
COLOURS: dict[Status, tuple[str, str]] = {
    "not_started": ("#EEF2F2", "#56666B"),
    "under_way": ("#FBE7B5", "#5A4300"),
    "complete": ("#C9E9D0", "#0B4A1E"),
}


def step_column(number: int, short_title: str) -> str:
    """Return a step's column heading, e.g. "3. Activities"."""
    return f"{number}. {short_title}"


def progress_table(
    rows: list[GroupProgress], pack: WorksheetPack, now: dt.datetime, t: Translator | None = None
) -> pd.DataFrame:
    """Return one row per group: its name, the share answered of each step and overall (campaign.completeness,
    the rule the group's own sidebar shows), and its last save (headings and times in `t`'s language, English
    without one)."""
    t = t or translator(None)
    group, overall, activity = t(GROUP), t(OVERALL), t(ACTIVITY)
    records = []
    for row in rows:
        record: dict[str, object] = {group: row.group.name}
        for number, sheet in enumerate(pack.worksheets, start=1):
            record[step_column(number, sheet.short_title)] = row.progress[sheet.id].share
        record[overall] = row.overall.share
        record[activity] = time_ago(row.updated, now, t)
        records.append(record)
    columns = [group, *(step_column(n, s.short_title) for n, s in enumerate(pack.worksheets, 1)), overall, activity]
    return pd.DataFrame.from_records(records, columns=columns)


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


def _share_words(share: float, status: Status, t: Translator) -> str:
    if status == "not_started":
        return "—"
    if status == "complete":
        return "✓ " + t("done") if share >= 1 else "✓ " + percent(share, t)
    return percent(share, t)


def _share_colour(status: Status) -> str:
    background, text = COLOURS[status]
    return f"background-color: {background}; color: {text}"


def styled_table(
    frame: pd.DataFrame, rows: list[GroupProgress], pack: WorksheetPack, t: Translator | None = None
) -> Styler:
    """Return `progress_table(rows, ...)` coloured by each step's status, each share written as "—" (not
    started), "40%" (under way), "✓ 80%" or "✓ done" (nothing required missing)."""
    t = t or translator(None)
    shares = [*(step_column(n, sheet.short_title) for n, sheet in enumerate(pack.worksheets, 1)), t(OVERALL)]
    steps = [[*(row.progress[sheet.id] for sheet in pack.worksheets), row.overall] for row in rows]
    styler = frame.style
    for place, column in enumerate(shares):
        for status in COLOURS:
            cells = [number for number, progress in enumerate(steps) if progress[place].status == status]
            if cells:  # one format per column and status: the words need the status, which the number lacks
                styler = styler.format(partial(_share_words, status=status, t=t), subset=(cells, [column]))
                styler = styler.map(lambda _, status=status: _share_colour(status), subset=(cells, [column]))
    return styler


def progress_csv(
    rows: list[GroupProgress], pack: WorksheetPack, now: dt.datetime, t: Translator | None = None
) -> bytes:
    """Return the table as the dashboard shows it ("—", "40%", "✓ done"), as a CSV file whose cells a
    spreadsheet never runs as formulas (a group named `=HYPERLINK(...)` stays text)."""
    t = t or translator(None)
    frame = progress_table(rows, pack, now, t)
    lines = []
    for record, row in zip(frame.itertuples(index=False), rows, strict=True):
        steps = [*(row.progress[sheet.id] for sheet in pack.worksheets), row.overall]
        shares = [_share_words(p.share, p.status, t) for p in steps]
        lines.append([record[0], *shares, record[-1]])
    return csv_bytes(list(frame.columns), lines)


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
        frame = with_open_comments(progress_table(rows, pack, now, t), rows, t)
        st.dataframe(
            styled_table(frame, rows, pack, t),
            hide_index=True,
            height=min(38 + 35 * len(frame), 38 + 35 * 20),
            column_config=_column_widths(pack, t),
            key="progress-table",
        )
        # Streamlit's own table download is off (client.disableDataExport): it copies typed text as it is
        st.download_button(
            t("Download the table (CSV)"),
            progress_csv(rows, pack, now, t),
            file_name=f"{slug(workshop.name if workshop else '', 'workshop')}-progress.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="progress-csv",
        )
    st.caption(
        ":material/autorenew: "
        + t(
            "Updated {time}; refreshes every {seconds} seconds. Grey: not started · amber: under way · "
            "green ✓: nothing required is missing.",
            time=clock_time(now),
            seconds=REFRESH_SECONDS,
        )
    )
    if workshop is not None and len(workshop.groups) != groups_shown:
        st.rerun(scope="app")
