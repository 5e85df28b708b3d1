"""The review step offers the plan's dates as a calendar file, built when asked for."""

from __future__ import annotations

from icalendar import Calendar

from campaign import Campaign
from tests.ui.conftest import rerun


def test_the_calendar_is_prepared_on_request_and_holds_the_activities(app, example: Campaign) -> None:
    at = app(c=example.id, step="review")
    at.button(key="prepare-ics").click()
    rerun(at)
    (data,) = at.session_state["built-files"].values()
    calendar = Calendar.from_ical(data)
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert f"{example.id}-activity-act-brief@advocacy-campaign" in uids
    assert at.get("download_button")
