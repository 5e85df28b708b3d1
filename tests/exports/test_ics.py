"""The calendar file: one all-day event per dated activity and objective deadline, found by roles, stable UIDs."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.reading import row_name
from campaign.worksheet import WorksheetPack, load_worksheets
from exports.ics import PRODID, calendar_ics
from tests.exports.renamed_pack import renamed_pack

NOW = dt.datetime(2027, 2, 1, 9, 30, tzinfo=dt.UTC)


def _events(data: bytes) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]) == PRODID
    return [
        {
            "uid": str(e["UID"]),
            "summary": str(e["SUMMARY"]),
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "description": str(e.get("DESCRIPTION", "")),
        }
        for e in calendar.walk("VEVENT")
    ]


def test_each_dated_activity_is_an_all_day_event_with_an_exclusive_end(pack: WorksheetPack) -> None:
    campaign = example_campaign(pack)
    events = {e["uid"]: e for e in _events(calendar_ics(campaign, pack, now=NOW))}
    activities = campaign.rows("activities", "activities")
    assert activities
    for number, row in enumerate(activities, start=1):
        event = events[f"{campaign.id}-activity-{row['id']}@advocacy-campaign"]
        assert event["summary"] == row_name(campaign, pack, pack.by_id["activities"].field("activities"), row, number)
        assert event["start"] == row["start"] and type(event["start"]) is dt.date
        assert event["end"] == row["end"] + dt.timedelta(days=1)  # RFC 5545: DTEND is the day after


def test_objective_deadlines_and_the_campaign_span_are_events(pack: WorksheetPack) -> None:
    campaign = example_campaign(pack)
    events = {e["uid"]: e for e in _events(calendar_ics(campaign, pack, now=NOW))}
    for row in campaign.rows("objectives", "objectives"):
        event = events[f"{campaign.id}-deadline-{row['id']}@advocacy-campaign"]
        assert event["start"] == row["deadline"] and event["end"] == row["deadline"] + dt.timedelta(days=1)
        assert str(event["summary"]).startswith("Deadline: ")
        assert event["description"] == row["statement"]  # what the objective says, in full
    start = events[f"{campaign.id}-campaign_start@advocacy-campaign"]
    assert start["start"] == campaign.answer("profile", "start_date")


def test_the_uids_are_stable_so_importing_again_updates(pack: WorksheetPack) -> None:
    campaign = example_campaign(pack)
    first = [e["uid"] for e in _events(calendar_ics(campaign, pack, now=NOW))]
    again = [e["uid"] for e in _events(calendar_ics(campaign, pack, now=NOW))]
    assert first == again and len(set(first)) == len(first)


def test_a_campaign_without_dates_is_a_valid_calendar_with_no_events(pack: WorksheetPack) -> None:
    assert _events(calendar_ics(Campaign(id="empty"), pack, now=NOW)) == []


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> WorksheetPack:
    return load_worksheets(renamed_pack(tmp_path_factory.mktemp("packs") / "ours"))


def test_a_renamed_pack_gives_the_same_events(pack: WorksheetPack, ours: WorksheetPack) -> None:
    def without_stamps(campaign: Campaign, chosen: WorksheetPack) -> list[dict[str, object]]:
        return _events(calendar_ics(campaign, chosen, now=NOW))

    default = without_stamps(example_campaign(pack), pack)
    assert len(default) >= 5
    assert without_stamps(example_campaign(ours), ours) == default
