"""The plan check and the row-reference helpers, on the worked example and on edits of it."""

from __future__ import annotations

import datetime as dt

import pytest

from campaign import Campaign, WorksheetPack, load_worksheets
from campaign.checks import Finding, Reference, missing_answers, plan_check, references_to, row_label, without_row
from campaign.example import example_campaign


@pytest.fixture(scope="module")
def pack() -> WorksheetPack:
    return load_worksheets()


@pytest.fixture
def example(pack: WorksheetPack) -> Campaign:
    return example_campaign(pack)


def _edit_row(campaign: Campaign, path: str, row_id: str, **cells: object) -> None:
    rows = campaign.rows(*path.split("."))
    row = next(r for r in rows if r["id"] == row_id)
    for column, value in cells.items():
        if value is None:
            row.pop(column, None)
        else:
            row[column] = value
    campaign.set_answer(*path.split("."), rows)


def test_the_worked_example_passes(example: Campaign, pack: WorksheetPack) -> None:
    assert plan_check(example, pack) == []


def test_an_empty_campaign_lists_every_required_answer(pack: WorksheetPack) -> None:
    findings = plan_check(Campaign(id="x"), pack)
    assert all(f.kind == "missing" for f in findings)
    assert Finding("profile", "name", "Profile › Campaign name is still needed", "missing") in findings
    assert any(f.field_id == "objectives" and "add at least 1 objective" in f.message for f in findings)


def test_an_objective_without_a_deadline_or_decision_maker(example: Campaign, pack: WorksheetPack) -> None:
    _edit_row(example, "objectives.objectives", "obj-law", deadline=None, decision_maker=None)
    messages = [f.message for f in plan_check(example, pack)]
    assert any(m.startswith("Objective “By 30 November 2027") and m.endswith("has no deadline") for m in messages)
    assert any(m.endswith("has no decision-maker") for m in messages)
    assert not any("Deadline is still needed" in m for m in messages)  # reported once, not twice


def test_a_primary_audience_without_a_message(example: Campaign, pack: WorksheetPack) -> None:
    example = without_row(example, pack, "messages.messages", "msg-ministry")
    found = [f for f in plan_check(example, pack) if f.row_id == "ministry"]
    assert [f.message.split("” ")[1] for f in found] == ["is a primary audience with no message set"]
    assert found[0].worksheet_id == "audiences"


def test_an_activity_serving_no_objective(example: Campaign, pack: WorksheetPack) -> None:
    _edit_row(example, "activities.activities", "act-brief", objectives=None)
    found = plan_check(example, pack)
    assert [(f.worksheet_id, f.row_id, f.column_id) for f in found] == [("activities", "act-brief", "objectives")]
    assert found[0].message.endswith("serves no objective")


def test_an_indicator_without_a_target(example: Campaign, pack: WorksheetPack) -> None:
    _edit_row(example, "monitoring.indicators", "ind-bill", target=None)
    assert [f.message.rsplit("” ", 1)[1] for f in plan_check(example, pack)] == ["has no target"]


def test_an_end_date_before_the_start(example: Campaign, pack: WorksheetPack) -> None:
    example.set_answer("profile", "end_date", dt.date(2026, 1, 1))
    assert [f.message for f in plan_check(example, pack)] == ["The end date comes before the start date"]


def test_findings_come_in_worksheet_order(example: Campaign, pack: WorksheetPack) -> None:
    _edit_row(example, "monitoring.indicators", "ind-bill", target=None)
    example.set_answer("profile", "problem", None)
    assert [f.worksheet_id for f in plan_check(example, pack)] == ["profile", "monitoring"]


def test_missing_cells_name_their_row(example: Campaign, pack: WorksheetPack) -> None:
    _edit_row(example, "audiences.audiences", "editors", ask=None)
    (finding,) = missing_answers(example, pack)
    assert finding.row_id == "editors" and finding.column_id == "ask"
    assert finding.message.startswith("Audience “Health and social affairs reporters")


def test_a_row_is_named_by_its_label_column_even_through_a_reference(example: Campaign, pack: WorksheetPack) -> None:
    messages = pack.worksheet("messages").field("messages")
    row = example.rows("messages", "messages")[0]
    assert row_label(example, pack, messages, row).startswith("National Treasury budget team")
    assert row_label(example, pack, messages, {"id": "new"}, 4) == "Message set 4"


def test_references_to_a_row_are_found_everywhere(example: Campaign, pack: WorksheetPack) -> None:
    found = references_to(example, pack, "audiences.audiences", "editors")
    assert Reference("activities", "activities", "act-wswd", "audiences") in found
    assert Reference("activities", "activities", "act-workforce-week", "audiences") in found


def test_removing_a_row_drops_the_links_to_it(example: Campaign, pack: WorksheetPack) -> None:
    result = without_row(example, pack, "objectives.objectives", "obj-data")
    assert "obj-data" not in [r["id"] for r in result.rows("objectives", "objectives")]
    assert references_to(result, pack, "objectives.objectives", "obj-data") == []
    assert references_to(example, pack, "objectives.objectives", "obj-data")  # the original is untouched
    indicator = next(r for r in result.rows("monitoring", "indicators") if r["id"] == "ind-county-count")
    assert "objective" not in indicator  # its only link was removed, not left empty
