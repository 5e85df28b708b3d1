"""`python -m campaign calendar`: the plan's dates as an .ics file, as a user runs it."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from campaign.__main__ import main
from campaign.campaign_file import campaign_to_yaml
from campaign.model import Campaign


def test_calendar_writes_the_ics_and_prints_its_path(
    tmp_path: Path, example: Campaign, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "kenya.yaml"
    source.write_text(campaign_to_yaml(example), encoding="utf-8")
    out = tmp_path / "out" / "kenya.ics"
    assert main(["calendar", str(source), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    activity = next(e for e in events if str(e["UID"]) == f"{example.id}-activity-act-brief@advocacy-campaign")
    assert str(activity["SUMMARY"]) == "Costed policy brief on co-funding 400 posts"


def test_a_missing_file_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calendar", str(tmp_path / "nowhere.yaml")]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
