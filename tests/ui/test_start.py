"""The start page: a new campaign, a saved one, a YAML file, the worked example, and the two modes."""

from __future__ import annotations

import pytest

from campaign import Campaign, CampaignRepository, WorksheetPack, campaign_to_yaml
from campaign.campaign_file import campaign_to_data
from campaign.example import example_campaign
from campaign.reading import title
from campaign.strict_yaml import dump_yaml
from tests.ui.conftest import box, rerun


def _click(at, label: str) -> None:
    next(button for button in at.button if button.label == label).click()
    rerun(at)


def test_the_start_page_says_what_the_app_does(app) -> None:
    at = app()
    assert at.title[0].value == "Advocacy Campaign Builder"
    assert "campaign plan" in at.markdown[0].value


def test_a_new_campaign_is_created_and_opens_at_the_first_step(app, repo: CampaignRepository) -> None:
    at = app()
    at.text_input(key="new-name").input("Fund Us")
    at.text_input(key="new-organisation").input("Nepal Social Workers")
    at.text_input(key="new-country").input("Nepal")
    _click(at, "Start the campaign")
    campaign = repo.load(at.query_params["c"])
    assert title(campaign, repo.pack) == "Fund Us"
    assert campaign.answer("profile", "country") == "Nepal"
    assert at.query_params["step"] == "profile"
    assert box(at, "f:profile.lead_organisation").value == "Nepal Social Workers"


def test_the_worked_example_opens_as_a_new_campaign(app, repo: CampaignRepository) -> None:
    at = app()
    _click(at, "Or explore the worked example (a campaign in Kenya)")
    assert title(repo.load(at.query_params["c"]), repo.pack) == "Count Us, Fund Us"


def test_on_a_personal_machine_saved_campaigns_are_listed(app, example: Campaign) -> None:
    at = app()
    assert any("Count Us, Fund Us" in text.value for text in at.markdown)
    at.button(key=f"open-{example.id}").click()
    rerun(at)
    assert at.query_params["c"] == example.id


def test_on_a_shared_server_no_campaign_is_listed(app, example: Campaign, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVOCACY_MODE", "shared")
    at = app()
    assert not any("Count Us, Fund Us" in text.value for text in at.markdown)
    at.text_input(key="paste-link").input(f"http://workshop.example/?c={example.id}&step=profile")
    rerun(at)
    assert at.query_params["c"] == example.id


def test_on_a_shared_server_a_new_campaign_shows_its_private_link(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVOCACY_MODE", "shared")
    at = app()
    at.text_input(key="new-name").input("Fund Us")
    _click(at, "Start the campaign")
    assert any(f"?c={at.query_params['c']}" in code.value for code in at.code)
    assert any("Bookmark this private link" in text.value for text in at.markdown)


def test_a_link_to_a_missing_campaign_returns_to_the_start_page_kindly(app) -> None:
    at = app(c="A" * 22, step="profile")
    assert at.title[0].value == "Advocacy Campaign Builder"
    assert "does not open a campaign" in at.warning[0].value


def test_a_malformed_link_never_reaches_storage(app) -> None:
    at = app(c="../../etc/passwd", step="profile")
    assert "does not open a campaign" in at.warning[0].value


def test_a_valid_yaml_file_is_saved_as_a_new_campaign(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app()
    at.file_uploader(key="upload-yaml").set_value(("plan.yaml", campaign_to_yaml(example).encode(), "text/yaml"))
    rerun(at)
    assert "is a valid campaign" in at.success[0].value
    at.button(key="upload-open").click()
    rerun(at)
    opened = at.query_params["c"]
    assert opened != example.id
    assert repo.load(opened).answers == example.answers


def test_a_broken_yaml_file_lists_every_problem_and_saves_nothing(app, repo: CampaignRepository) -> None:
    bad = b"schema_version: 1\nid: short\nanswers:\n  profile:\n    level: planetary\n    start_date: someday\n"
    at = app()
    at.file_uploader(key="upload-yaml").set_value(("bad.yaml", bad, "text/yaml"))
    rerun(at)
    assert "cannot be opened yet" in at.error[0].value
    problems = at.code[0].value
    assert "bad.yaml:2: id:" in problems
    assert "bad.yaml:5: answers.profile.level: choose one of" in problems
    assert "bad.yaml:6: answers.profile.start_date: write the date as YYYY-MM-DD" in problems
    assert repo.campaign_ids() == []


def test_a_file_that_is_not_yaml_is_explained(app, repo: CampaignRepository, pack: WorksheetPack) -> None:
    at = app()
    at.file_uploader(key="upload-yaml").set_value(("photo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "text/yaml"))
    rerun(at)
    assert "not a text file" in at.code[0].value
    assert repo.campaign_ids() == []


def _upload(at, name: str, data: bytes) -> None:
    at.file_uploader(key="upload-yaml").set_value((name, data, "text/yaml"))
    rerun(at)


def test_a_file_cut_short_is_refused_as_incomplete_and_nothing_is_saved(
    app, repo: CampaignRepository, pack: WorksheetPack
) -> None:
    written = campaign_to_yaml(example_campaign(pack)).encode()
    at = app()
    _upload(at, "plan.yaml", written[:3000])  # cut mid-word, as a download on a slow link
    assert "This file is incomplete" in at.error[0].value and "Download it again" in at.error[0].value
    assert not at.success and not [b for b in at.button if b.key == "upload-open"]
    _upload(at, "plan.yaml", written[: written.index(b"\n  audiences:") + 1])  # cut at a line: valid YAML
    assert "This file is incomplete" in at.error[0].value and not at.success
    assert repo.campaign_ids() == []


def test_a_hand_edited_file_opens_with_a_note(app, repo: CampaignRepository, pack: WorksheetPack) -> None:
    written = campaign_to_yaml(example_campaign(pack)).encode()
    at = app()
    _upload(at, "plan.yaml", written.replace(b"name: Count Us, Fund Us", b"name: Count Us In", 1))
    assert "“Count Us In” is a valid campaign" in at.success[0].value
    assert "edited by hand since it was saved" in at.warning[0].value
    at.button(key="upload-open").click()
    rerun(at)
    assert title(repo.load(at.query_params["c"]), repo.pack) == "Count Us In"


def test_an_older_file_without_the_first_line_opens_with_no_note(app, pack: WorksheetPack) -> None:
    at = app()
    _upload(at, "old.yaml", dump_yaml(campaign_to_data(example_campaign(pack))).encode())
    assert "is a valid campaign" in at.success[0].value and not at.warning
