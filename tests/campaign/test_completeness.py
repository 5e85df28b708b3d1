"""One progress rule: a step is complete only when nothing it requires is missing, and every share counts the same."""

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaign.campaign_file import campaign_to_yaml
from campaign.checks import missing_answers, plan_check
from campaign.completeness import campaign_progress, missing_required
from campaign.conditions import shown_fields
from campaign.example import example_campaign
from campaign.fields import TableField
from campaign.model import Campaign, is_empty
from campaign.worksheet import load_worksheets
from tests.campaign.test_properties import FIELDS, answer_for

PACK = load_worksheets()
ROOT = Path(__file__).resolve().parents[2]


def _without(campaign: Campaign, path: str, column: str) -> Campaign:
    """Return a copy of `campaign` whose first row of table `path` has no `column` cell."""
    result = campaign.copy()
    rows = result.rows(*path.split("."))
    rows[0].pop(column)
    result.set_answer(*path.split("."), rows)
    return result


def test_the_worked_example_is_complete_in_every_step() -> None:
    progress = campaign_progress(example_campaign(PACK), PACK)
    assert all(step.complete and step.status == "complete" for step in progress.steps.values())
    assert progress.overall.complete and progress.overall.missing == ()


def test_a_message_set_without_its_call_to_action_is_neither_complete_nor_100_percent() -> None:
    campaign = _without(example_campaign(PACK), "messages.messages", "call_to_action")
    messages = campaign_progress(campaign, PACK).steps["messages"]
    assert not messages.complete and messages.status == "under_way"
    assert messages.share < 1
    assert [m.label for m in messages.missing] == ["Key messages › Message sets › Call to action (Message set 1)"]


def test_a_table_with_fewer_rows_than_it_needs_is_not_answered() -> None:
    campaign = Campaign(id="x")
    campaign.set_answer("objectives", "goal", "Every district has a social worker")
    progress = campaign_progress(campaign, PACK).steps["objectives"]
    assert (progress.answered, progress.fields, progress.share, progress.complete) == (1, 2, 0.5, False)


def test_the_overall_share_counts_fields_over_the_whole_pack_not_a_mean_of_steps() -> None:
    campaign = Campaign(id="x")
    campaign.set_answer("profile", "name", "Count us")
    progress = campaign_progress(campaign, PACK)
    fields = sum(len(shown_fields(campaign, PACK, sheet)) for sheet in PACK.worksheets)  # not those show_if hides
    assert progress.overall.fields == fields and progress.overall.answered == 1
    assert progress.overall.share == (100 // fields) / 100  # rounded down: 100 % only when every field is answered


def test_a_step_with_nothing_typed_is_not_started_even_when_it_requires_nothing() -> None:
    risks = campaign_progress(Campaign(id="x"), PACK).steps["risks"]
    assert risks.complete and risks.status == "not_started"  # nothing is missing, but nothing is done either


def _blank_some(value: Any, field: Any, drop: list[bool]) -> Any:
    """Return a table answer with some cells taken out (by `drop`, one flag per cell), to leave gaps."""
    if not isinstance(field, TableField) or not isinstance(value, list):
        return value
    flags = iter(drop)
    return [{k: v for k, v in row.items() if k == "id" or not next(flags, False)} for row in value]


@st.composite
def campaigns(draw: st.DrawFn) -> Campaign:
    """Return a valid campaign with any answers: some fields left out, some table cells left empty."""
    campaign = Campaign(id="A" * 22)
    for sheet, field in FIELDS:
        if draw(st.booleans(), label=f"skip {field.id}"):
            continue
        value = draw(answer_for(field, campaign), label=field.id)
        value = _blank_some(value, field, draw(st.lists(st.booleans(), max_size=40)))
        campaign.set_answer(sheet.id, field.id, value)
    return campaign


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(campaign=campaigns())
def test_complete_exactly_when_nothing_is_missing_on_every_screen(campaign: Campaign) -> None:
    missing = missing_required(campaign, PACK)
    checked = {(f.worksheet_id, f.field_id, f.row_id, f.column_id) for f in missing_answers(campaign, PACK)}
    assert checked == {(m.worksheet_id, m.field_id, m.row_id, m.column_id) for m in missing}
    progress = campaign_progress(campaign, PACK)
    for sheet in PACK.worksheets:
        step = progress.steps[sheet.id]
        mine = [m for m in missing if m.worksheet_id == sheet.id]
        assert step.complete == (not mine)
        assert list(step.missing) == mine
        assert (step.status == "complete") == (not mine and step.given > 0)
        shown = shown_fields(campaign, PACK, sheet)  # a hidden question's stored answer does not start a step
        assert (step.status == "not_started") == all(is_empty(campaign.answer(sheet.id, f.id)) for f in shown)
        assert step.share <= 1 and (step.share == 1) == (step.answered == step.fields)
        if step.share == 1:
            assert step.complete
    assert progress.overall.answered == sum(s.answered for s in progress.steps.values())
    assert progress.overall.complete == (not missing)
    review_needed = [f for f in plan_check(campaign, PACK) if f.kind == "missing"]
    assert len(review_needed) == len(missing)  # the review counts what is still needed by the same rule


def test_the_plan_check_counts_a_required_cell_it_words_as_a_weakness_as_still_needed() -> None:
    campaign = _without(example_campaign(PACK), "objectives.objectives", "deadline")
    (finding,) = plan_check(campaign, PACK)
    assert finding.message.endswith("has no deadline") and finding.kind == "missing"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "campaign", *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "CAMPAIGN_DATA_DIR": str(ROOT / "data")},
        capture_output=True,
        text=True,
        timeout=60,
    )


def cli_share(path: Path) -> str:
    """Return the overall figure `python -m campaign progress` prints for the campaign file at `path`."""
    result = _cli("progress", str(path))
    assert result.returncode == 0, result.stderr
    found = re.search(r": (\S+) answered", result.stdout.splitlines()[0])
    assert found, result.stdout
    return found.group(1)


def test_the_command_line_prints_each_steps_progress_and_what_is_missing(tmp_path: Path) -> None:
    campaign = _without(example_campaign(PACK), "messages.messages", "call_to_action")
    path = tmp_path / "plan.yaml"
    path.write_text(campaign_to_yaml(campaign), encoding="utf-8")
    result = _cli("progress", str(path))
    assert result.returncode == 0, result.stderr
    progress = campaign_progress(campaign, PACK)
    lines = result.stdout.splitlines()
    share = f"{round(progress.overall.share * 100)}%"
    assert lines[0] == f"{path}: {share} answered, 1 required answer still to fill in"
    messages = next(line for line in lines if "Key messages" in line and "answered" in line)
    assert "complete" not in messages and "1 still needed" in messages
    assert "  Key messages › Message sets › Call to action (Message set 1)" in lines
    assert cli_share(path) == share


@pytest.mark.parametrize("language", ["fr", "es", "pt"])
def test_the_command_line_progress_speaks_the_language_asked_for(tmp_path: Path, language: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(campaign_to_yaml(example_campaign(PACK)), encoding="utf-8")
    result = _cli("progress", str(path), "--lang", language)
    assert result.returncode == 0, result.stderr
    assert "answered" not in result.stdout and "complete" not in result.stdout.split("\n", 1)[1]
