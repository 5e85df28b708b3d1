"""The data and wording of the plan's two pictures: the audience power map and the activity timeline."""

from __future__ import annotations

import datetime as dt

from babel.dates import get_month_names

from campaign.i18n import Translator
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack
from exports.by_role import cell, column, ranked_choices, role_table, rows_of
from exports.document import Block, MapPoint, Milestone, PowerMap, Timeline, TimelineBar
from exports.wording import clean, period_text, row_name

BARS_PER_TIMELINE = 20


def pictures(campaign: Campaign, pack: WorksheetPack, t: Translator) -> dict[str, list[Block]]:
    """Return the pictures to show at the top of each worksheet's section, by worksheet id: the power map in the
    worksheet of the audience table, the timeline in that of the activity table."""
    found: dict[str, list[Block]] = {}
    audiences, activities = role_table(pack, "audience_table"), role_table(pack, "activity_table")
    power_map = audience_power_map(campaign, pack, t)
    if power_map and audiences:
        found.setdefault(audiences.sheet.id, []).append(power_map)
    if activities:
        found.setdefault(activities.sheet.id, []).extend(activity_timelines(campaign, pack, t))
    return found


def audience_power_map(campaign: Campaign, pack: WorksheetPack, t: Translator) -> PowerMap | None:
    """Return the power map of the audiences that have a stance and an influence, or None."""
    place = role_table(pack, "audience_table")
    (stance, stances), (influence, influences) = ranked_choices(place, "stance"), ranked_choices(place, "influence")
    priority, priorities = ranked_choices(place, "priority")
    if place is None or place.table is None or stance is None or influence is None or not stances or not influences:
        return None
    # the worksheet lists choices strongest first (champion ... opposed, high ... low); the map reads upwards
    stance_ids = [choice.id for choice in reversed(stances)]
    influence_ids = [choice.id for choice in reversed(influences)]
    secondary = priorities[-1].id if len(priorities) > 1 else None  # the last priority choice is the lowest
    points, unplaced = [], []
    for number, row in enumerate(rows_of(campaign, place), start=1):
        name = row_name(place.table, row, number, campaign, pack, t)
        if cell(row, stance) in stance_ids and cell(row, influence) in influence_ids:
            primary = secondary is None or cell(row, priority) != secondary
            points.append(
                MapPoint(
                    name, stance_ids.index(row[stance.id]), influence_ids.index(row[influence.id]), primary, number
                )
            )
        else:
            unplaced.append(f"{number}. {name}")
    if not points:
        return None
    caption = t(
        "Each dot is one audience, numbered as in the list below. Audiences near the top can decide or sway "
        "the decision; those to the right already back your objectives. Move the powerful ones rightwards."
    )
    if unplaced:
        caption += " " + t("Not on the map yet (no stance or influence): {audiences}.", audiences="; ".join(unplaced))
    return PowerMap(
        title=t("Audience power map"),
        stance_title=clean(stance.label),
        influence_title=clean(influence.label),
        stance_labels=tuple(clean(choice.label) for choice in reversed(stances)),
        influence_labels=tuple(clean(choice.label) for choice in reversed(influences)),
        points=tuple(points),
        legend=(t("Primary audience"), t("Secondary audience")),
        caption=caption,
        table_columns=(t("Audience"), t("Influence"), t("Stance")),
        # Translators: in a crowded cell of the power map, the numbers of the audiences not drawn: "Also 5, 7"
        overflow=t("Also {numbers}"),
    )


def activity_timelines(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Timeline]:
    """Return the activity timeline, cut into several pictures when there are many activities."""
    place = role_table(pack, "activity_table")
    first, last = column(place, "start"), column(place, "end")
    bars, undated = [], []
    for number, row in enumerate(rows_of(campaign, place), start=1):
        assert place is not None and place.table is not None
        name = row_name(place.table, row, number, campaign, pack, t)
        start, end = cell(row, first), cell(row, last)
        start = start if isinstance(start, dt.date) else None
        end = end if isinstance(end, dt.date) else None
        if start is None and end is None:
            undated.append(name)
            continue
        dates = [day for day in (start, end) if day is not None]
        first_day, last_day = min(dates), max(dates)
        bars.append(TimelineBar(name, first_day, last_day, period_text(first_day, last_day, t)))
    if not bars:
        return []
    milestones = _deadlines(campaign, pack, t)
    span_start, span_end = _campaign_span(campaign, pack)
    days = [bar.start for bar in bars] + [bar.end for bar in bars] + [m.date for m in milestones]
    days += [day for day in (span_start, span_end) if day]
    first_month, last_month = _month_start(min(days)), _month_end(max(days))
    months = _months(first_month, last_month)
    caption = t("One bar per activity, from its start date to its end date.")
    if milestones:
        caption += " " + t("Diamonds mark the objectives' deadlines.")
    if undated:
        caption += " " + t("Not shown (no dates yet): {activities}.", activities="; ".join(undated))
    month_names = get_month_names("abbreviated", locale=t.language)
    charts = []
    for index in range(0, len(bars), BARS_PER_TIMELINE):
        charts.append(
            Timeline(
                title=t("Activity timeline") if index == 0 else t("Activity timeline (continued)"),
                start=first_month,
                end=last_month,
                month_labels=tuple(month_names[m.month] for m in months),
                year_labels=tuple(str(m.year) for m in months),
                bars=tuple(bars[index : index + BARS_PER_TIMELINE]),
                milestones=tuple(milestones),
                caption=caption if index + BARS_PER_TIMELINE >= len(bars) else "",
                table_columns=(t("Activity"), t("When")),
            )
        )
    return charts


def _deadlines(campaign: Campaign, pack: WorksheetPack, t: Translator) -> list[Milestone]:
    table = role_table(pack, "objective_table")
    deadline = column(table, "deadline")
    milestones = []
    for number, row in enumerate(rows_of(campaign, table), start=1):
        day = cell(row, deadline)
        if isinstance(day, dt.date):
            milestones.append(Milestone(t("Objective {number}", number=number), day, period_text(day, day, t)))
    return milestones


def _campaign_span(campaign: Campaign, pack: WorksheetPack) -> tuple[dt.date | None, dt.date | None]:
    values = [pack.answer_with_role(campaign, role) for role in ("campaign_start", "campaign_end")]
    first, last = (v if isinstance(v, dt.date) else None for v in values)
    return first, last


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months
