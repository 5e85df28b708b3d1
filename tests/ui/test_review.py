"""The review step: the plan check of a half-filled campaign, links to each step, and files built on request."""

from __future__ import annotations

import pytest

from campaign import Campaign, CampaignRepository, WorksheetPack
from campaign.checks import without_row
from tests.ui.conftest import rerun


def _half_filled(repo: CampaignRepository, example: Campaign, pack: WorksheetPack) -> Campaign:
    half = example.copy()
    objectives = half.rows("objectives", "objectives")
    del objectives[0]["deadline"]
    half.set_answer("objectives", "objectives", objectives)
    half = without_row(half, pack, "messages.messages", "msg-ministry")
    activities = half.rows("activities", "activities")
    del activities[0]["objectives"]
    half.set_answer("activities", "activities", activities)
    indicators = half.rows("monitoring", "indicators")
    del indicators[0]["target"]
    half.set_answer("monitoring", "indicators", indicators)
    half.set_answer("profile", "problem", None)
    return repo.save(half, example).campaign


def test_the_plan_check_lists_the_problems_of_a_half_filled_campaign(
    app, repo, example: Campaign, pack: WorksheetPack
) -> None:
    half = _half_filled(repo, example, pack)
    at = app(c=half.id, step="review")
    listed = "\n".join(text.value for text in at.markdown)
    assert "has no deadline" in listed
    assert "is a primary audience with no message set" in listed
    assert "serves no objective" in listed
    assert "has no target" in listed
    assert "The problem where you work is still needed" in listed


def test_a_plan_check_item_links_to_its_step_with_the_row_open(
    app, repo, example: Campaign, pack: WorksheetPack
) -> None:
    half = _half_filled(repo, example, pack)
    at = app(c=half.id, step="review")
    at.button(key="check-go-objectives").click()
    rerun(at)
    assert at.query_params["step"] == "objectives"
    opened = [e for e in at.expander if e.label.startswith("Objective 1")]
    assert opened and opened[0].proto.expanded


def test_the_example_campaign_passes_the_plan_check(app, example: Campaign) -> None:
    at = app(c=example.id, step="review")
    assert "found nothing to fix" in at.success[0].value


def test_files_are_built_only_when_asked(app, example: Campaign) -> None:
    at = app(c=example.id, step="review")
    assert not at.session_state["built-files"]  # drawing the review step builds nothing
    at.button(key="prepare-yaml").click()
    rerun(at)
    built = at.session_state["built-files"]
    assert list(built) == [(example.id, example.revision, "yaml", "")]
    assert b"\nschema_version: 1\n" in next(iter(built.values()))  # after the app's first comment line


@pytest.mark.parametrize(("export", "magic"), [("pdf", b"%PDF"), ("docx", b"PK"), ("handouts", b"%PDF")])
def test_each_file_is_prepared_on_request(app, example: Campaign, export: str, magic: bytes) -> None:
    at = app(c=example.id, step="review")
    at.button(key=f"prepare-{export}").click()
    rerun(at)
    (data,) = at.session_state["built-files"].values()
    assert data.startswith(magic)
    assert at.get("download_button")
