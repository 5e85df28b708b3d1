"""The calendar file read by a second, strict RFC 5545 parser (`ical`), and the line rules calendar apps enforce.

Google Calendar and Outlook cannot be reached from here; what they reject in practice is a file that breaks RFC
5545's framing: LF-only line ends, lines over 75 octets, a fold splitting a UTF-8 character, a VEVENT without
UID/DTSTAMP, an all-day DTEND not after DTSTART. `icalendar` wrote the file, so this reads it with an independent
implementation that parses every property by the RFC's value grammar; the rules that parser lets pass (UID, DTSTAMP,
the order of the dates) are checked here on the file itself.
"""

from __future__ import annotations

import datetime as dt

import pytest
from ical.calendar_stream import IcsCalendarStream

from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.worksheet import WorksheetPack, load_worksheets
from exports.by_role import label_column, role_table
from exports.ics import calendar_ics

NOW = dt.datetime(2027, 2, 1, 9, 30, tzinfo=dt.UTC)
LONG_NAMES = {
    "ar": "اجتماع مع وزير العمل والحماية الاجتماعية بشأن تمويل أربعمائة وظيفة للأخصائيين الاجتماعيين في المقاطعات",
    "zh": "与劳动和社会保障部长会面，讨论为各县社会工作者资助四百个岗位的问题以及后续的预算安排和监测计划",
    "am": "ከሠራተኛና ማኅበራዊ ጉዳይ ሚኒስትር ጋር ለአራት መቶ የማኅበራዊ ሠራተኞች የሥራ መደቦች የገንዘብ ድጋፍ ላይ ስብሰባ",
}


@pytest.fixture(scope="module")
def pack() -> WorksheetPack:
    return load_worksheets(language="en")


def _with_long_activity_names(campaign: Campaign, pack: WorksheetPack, name: str) -> Campaign:
    table = role_table(pack, "activity_table")
    label = label_column(table)
    assert table is not None and label is not None
    rows = campaign.rows(table.sheet.id, table.field.id)
    for row in rows:
        row[label.id] = name
    campaign.set_answer(table.sheet.id, table.field.id, rows)
    return campaign


def _strict_events(data: bytes) -> list[tuple[str, dt.date, dt.date, str]]:
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))  # raises on any RFC 5545 violation
    return [(e.uid or "", e.dtstart, e.dtend, e.summary or "") for e in calendar.events]  # type: ignore[misc]


def test_the_example_calendar_passes_a_strict_parser_with_every_event(pack: WorksheetPack) -> None:
    data = calendar_ics(example_campaign(pack), pack, now=NOW)
    events = _strict_events(data)
    assert len(events) == data.count(b"BEGIN:VEVENT") > 0
    assert len({uid for uid, *_ in events}) == len(events), "every UID is unique"
    for _uid, start, end, summary in events:
        assert not isinstance(start, dt.datetime), "all-day events"
        assert end > start, "an all-day DTEND is exclusive: the day after the last"
        assert summary.strip()
    blocks = data.split(b"BEGIN:VEVENT\r\n")[1:]
    for block in blocks:
        lines = block.split(b"END:VEVENT\r\n", 1)[0].split(b"\r\n")
        for name in (b"UID:", b"DTSTAMP:", b"DTSTART;VALUE=DATE:", b"DTEND;VALUE=DATE:", b"SUMMARY:"):
            assert sum(line.startswith(name) for line in lines) == 1, f"each event has one {name!r}"


@pytest.mark.parametrize("language", sorted(LONG_NAMES))
def test_long_names_in_any_script_fold_within_75_octets_without_splitting_a_character(
    pack: WorksheetPack, language: str
) -> None:
    campaign = _with_long_activity_names(example_campaign(pack), pack, LONG_NAMES[language])
    data = calendar_ics(campaign, pack, now=NOW)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), "every line ends with CRLF"
    for line in data.split(b"\r\n"):
        assert len(line) <= 75, f"a line over 75 octets: {line!r}"
        line.decode("utf-8")  # a fold in the middle of a character would not decode on its own
    summaries = [summary for *_, summary in _strict_events(data)]
    assert LONG_NAMES[language] in summaries, "the folded name reads back whole"
