"""Times in the person's time zone (issue 17): the one helper, and the save status read through it."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from streamlit.testing.v1 import AppTest

from campaign import Campaign, translator
from campaign.workshops import WorkshopRepository
from tests.ui.conftest import APP, box, rerun
from ui.clock import clock_time, local_stamp, zone_label

KATHMANDU = ZoneInfo("Asia/Kathmandu")  # UTC+5:45, no daylight saving: a quarter hour no rounding hides


def test_a_utc_moment_reads_in_the_given_zone() -> None:
    moment = dt.datetime(2026, 12, 1, 18, 30, 5, tzinfo=dt.UTC)
    assert clock_time(moment, KATHMANDU) == "00:15:05"
    assert clock_time(moment, dt.timezone(dt.timedelta(hours=-3)), seconds=False) == "15:30"
    assert zone_label(moment, KATHMANDU) == "UTC+05:45"
    assert zone_label(moment, dt.UTC) == "UTC"
    assert zone_label(moment, dt.timezone(dt.timedelta(hours=-3))) == "UTC-03:00"


def test_a_stored_stamp_reads_as_a_date_and_time_in_the_zone() -> None:
    t = translator(None)
    assert local_stamp("2026-11-23T20:14:00+00:00", t, KATHMANDU) == "24 Nov 2026 01:59 UTC+05:45"
    assert local_stamp("2026-11-23T20:14:00", t, dt.UTC) == "23 Nov 2026 20:14 UTC"  # a naive stamp is UTC
    assert local_stamp("not a time", t, KATHMANDU) == "not a time"


def _zoned_app(context: dict, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.context = context
    for name, value in query.items():
        at.query_params[name] = value
    return rerun(at)


def _saved_minutes(at: AppTest) -> int:
    found = next(re.search(r"Saved · (\d\d):(\d\d):\d\d", e.value) for e in at.markdown if "Saved ·" in e.value)
    assert found is not None
    return int(found[1]) * 60 + int(found[2])


def test_the_saved_time_is_the_browsers_clock(repo, example: Campaign) -> None:
    at = _zoned_app({"timezone": "Asia/Kathmandu", "timezone_offset": -345}, c=example.id, step="profile")
    before = dt.datetime.now(dt.UTC)
    box(at, "f:profile.country").input("Nepal")
    rerun(at)
    utc = before.hour * 60 + before.minute
    shown = _saved_minutes(at)
    assert (shown - utc) % (24 * 60) in (345, 346), "5 h 45 min ahead of UTC"


def test_an_offset_alone_is_enough(repo, example: Campaign) -> None:
    at = _zoned_app({"timezone": "Nowhere/Unknown", "timezone_offset": 180}, c=example.id, step="profile")
    before = dt.datetime.now(dt.UTC)
    box(at, "f:profile.country").input("Nepal")
    rerun(at)
    assert (_saved_minutes(at) - (before.hour * 60 + before.minute)) % (24 * 60) in (21 * 60, 21 * 60 + 1)


def test_the_dashboard_is_updated_at_the_browsers_clock(repo) -> None:
    _, token = WorkshopRepository(repo.store, repo).create("Forum")
    before = dt.datetime.now(dt.UTC)
    at = _zoned_app({"timezone": "Asia/Kathmandu", "timezone_offset": -345}, f=token)
    found = next(re.search(r"Updated (\d\d):(\d\d):\d\d", e.value) for e in at.caption if "Updated" in e.value)
    assert found is not None
    shown = int(found[1]) * 60 + int(found[2])
    assert (shown - (before.hour * 60 + before.minute)) % (24 * 60) in (345, 346)
