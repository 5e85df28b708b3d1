"""A plan's dates as an iCalendar file (RFC 5545): its activities, objective deadlines and campaign start and end."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from campaign.fields import Role
from campaign.i18n import Translator, translator
from campaign.model import Campaign
from campaign.reading import answer_text, clean, row_name, title
from campaign.worksheet import WorksheetPack
from exports.by_role import cell, column, label_column, role_table, rows_of

PRODID = "-//Advocacy Campaign Builder//Campaign calendar//EN"
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class CalendarEvent:
    """One all-day event: `last` is its last day (the file writes the day after, RFC 5545's exclusive end)."""

    uid: str
    summary: str
    first: dt.date
    last: dt.date
    description: str = ""


def calendar_events(campaign: Campaign, pack: WorksheetPack, t: Translator | None = None) -> list[CalendarEvent]:
    """Return one event per dated activity, per objective deadline and for the campaign's start and end, each
    found by the role the pack declares (never by an id), named in `t`'s language (English without one)."""
    t = t or translator(None)
    events: list[CalendarEvent] = []
    activities = role_table(pack, "activity_table")
    first, last = column(activities, "start"), column(activities, "end")
    for number, row in enumerate(rows_of(campaign, activities), start=1):
        assert activities is not None and activities.table is not None
        days = [day for day in (_day(cell(row, first)), _day(cell(row, last))) if day is not None]
        if days:
            name = row_name(campaign, pack, activities.table, row, number, t)
            events.append(CalendarEvent(_uid(campaign, "activity", row, number), name, min(days), max(days)))
    objectives = role_table(pack, "objective_table")
    deadline = column(objectives, "deadline")
    for number, row in enumerate(rows_of(campaign, objectives), start=1):
        day = _day(cell(row, deadline))
        if day is not None:
            assert objectives is not None and objectives.table is not None
            name = row_name(campaign, pack, objectives.table, row, number, t)
            summary = t("Deadline: {objective}", objective=name)
            label = label_column(objectives)  # what the objective says, in full: its name is often "Objective 1"
            words = "" if label is None else answer_text(label, cell(row, label), campaign, pack, t)
            events.append(CalendarEvent(_uid(campaign, "deadline", row, number), summary, day, day, words))
    ends: tuple[tuple[Role, str], ...] = (
        ("campaign_start", t("Campaign starts")),
        ("campaign_end", t("Campaign ends")),
    )
    for role, words in ends:
        day = _day(pack.answer_with_role(campaign, role))
        if day is not None:
            events.append(CalendarEvent(f"{campaign.id}-{role}@advocacy-campaign", words, day, day))
    return events


def calendar_ics(campaign: Campaign, pack: WorksheetPack, t: Translator | None = None, *, now: dt.datetime) -> bytes:
    """Return the campaign's dates as an `.ics` file; a campaign without dates gives a calendar with no events.

    UIDs are the campaign's id and the row's id, so importing the file again updates the events it added; `now`
    (the caller's clock: renderers never read it) is each event's DTSTAMP."""
    from icalendar import Calendar, Event  # loaded only when a calendar is asked for

    t = t or translator(None)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", clean(title(campaign, pack)) or t("Campaign"))
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    for item in calendar_events(campaign, pack, t):
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.summary)
        event.add("dtstart", item.first)
        event.add("dtend", item.last + ONE_DAY)  # all-day: the end is the day after the last one
        if item.description:
            event.add("description", item.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):  # a stored conflict holds plain text
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _uid(campaign: Campaign, kind: str, row: dict[str, Any], number: int) -> str:
    row_id = str(row.get("id") or f"row{number}")
    return f"{campaign.id}-{kind}-{row_id}@advocacy-campaign"
