"""The start list's Manage menu: rename, duplicate, archive, delete with undo; the folded sections; re-uploads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from campaign import Campaign, CampaignRepository, WorksheetPack, campaign_to_yaml, keeping, load_worksheets
from campaign.example import example_campaign
from campaign.object_store import ObjectStore
from campaign.reading import title
from tests.campaign.store_relay import StoreRelay
from tests.s3_server import new_bucket, s3_environment, s3_options
from tests.ui.conftest import box, rerun


def click(at: Any, key: str) -> None:
    at.button(key=key).click()
    rerun(at)


def words(at: Any) -> str:
    kinds = ("markdown", "error", "warning", "info", "success", "caption")
    return " ".join(str(element.value) for kind in kinds for element in at.get(kind))


def expanders(at: Any) -> list[str]:
    return [expander.label for expander in at.expander]


def test_rename_saves_the_title_answer(app, repo: CampaignRepository, new_campaign: Campaign) -> None:
    at = app()
    at.text_input(key=f"rename-{new_campaign.id}").input("Fund Us 2027")
    next(button for button in at.button if button.label == "Rename").click()
    rerun(at)
    stored = repo.load(new_campaign.id)
    assert title(stored, repo.pack) == "Fund Us 2027" and stored.revision == 2
    assert "**Fund Us 2027**" in words(at)


def test_duplicate_makes_a_second_campaign_on_the_list_and_opens_nothing(
    app, repo: CampaignRepository, new_campaign: Campaign
) -> None:
    at = app()
    click(at, f"duplicate-{new_campaign.id}")
    assert "c" not in at.query_params
    (copy_id,) = set(repo.campaign_ids()) - {new_campaign.id}
    copy = repo.load(copy_id)
    assert title(copy, repo.pack) == "Fund Us (copy)" and copy.answers["profile"]["country"] == "Nepal"
    assert "“Fund Us \\(copy\\)” was made" in words(at) and "**Fund Us \\(copy\\)**" in words(at)  # escaped Markdown


def test_an_archived_campaign_is_folded_away_and_restored(
    app, repo: CampaignRepository, new_campaign: Campaign
) -> None:
    at = app()
    click(at, f"archive-{new_campaign.id}")
    assert expanders(at) == ["Archived (1)"]
    assert keeping.shelf(repo).archived == {new_campaign.id}
    assert not [b for b in at.button if b.key == f"archive-{new_campaign.id}"]  # no Manage menu in the fold
    click(at, f"restore-{new_campaign.id}")
    assert expanders(at) == [] and keeping.shelf(repo).archived == set()
    assert at.button(key=f"archive-{new_campaign.id}")


def test_delete_asks_once_then_undo_brings_it_back(app, repo: CampaignRepository, new_campaign: Campaign) -> None:
    at = app()
    click(at, f"delete-{new_campaign.id}")
    assert "Delete “Fund Us”?" in words(at) and repo.campaign_ids() == [new_campaign.id]
    click(at, f"confirm-delete-{new_campaign.id}")
    assert repo.campaign_ids() == [] and list(keeping.shelf(repo).deleted) == [new_campaign.id]
    assert "“Fund Us” was deleted." in words(at) and expanders(at) == ["Recently deleted (1)"]
    assert "kept for 30 days" in words(at)
    rerun(at)
    assert "“Fund Us” was deleted." in words(at), "the notice stays for the session"
    click(at, f"undo-{new_campaign.id}")
    assert repo.campaign_ids() == [new_campaign.id] and "was deleted" not in words(at) and expanders(at) == []


def test_cancel_keeps_the_campaign(app, repo: CampaignRepository, new_campaign: Campaign) -> None:
    at = app()
    click(at, f"delete-{new_campaign.id}")
    click(at, f"cancel-delete-{new_campaign.id}")
    assert repo.campaign_ids() == [new_campaign.id] and "Delete “Fund Us”?" not in words(at)


def test_a_deleted_campaign_is_restored_from_the_folded_section(
    app, repo: CampaignRepository, new_campaign: Campaign
) -> None:
    keeping.delete(repo, new_campaign.id)  # in another session: this one has no Undo notice
    at = app()
    assert expanders(at) == ["Recently deleted (1)"] and "**Fund Us**" in words(at)
    click(at, f"undelete-{new_campaign.id}")
    assert repo.campaign_ids() == [new_campaign.id] and expanders(at) == []


def test_a_deleted_campaigns_link_says_it_was_deleted(app, repo: CampaignRepository, new_campaign: Campaign) -> None:
    keeping.delete(repo, new_campaign.id)
    at = app(c=new_campaign.id, step="profile")
    assert "This campaign was deleted" in at.warning[0].value and "Recently deleted" in at.warning[0].value
    assert "c" not in at.query_params


def test_an_action_on_a_campaign_gone_meanwhile_says_so_and_changes_nothing(
    app, repo: CampaignRepository, new_campaign: Campaign
) -> None:
    at = app()
    keeping.delete(repo, new_campaign.id)  # another tab deleted it after this page was drawn
    click(at, f"archive-{new_campaign.id}")
    assert "no longer here" in at.error[0].value
    assert keeping.shelf(repo).archived == set() and list(keeping.shelf(repo).deleted) == [new_campaign.id]


def test_a_tab_open_on_a_deleted_campaign_keeps_its_answer_until_it_is_restored(
    app, repo: CampaignRepository, new_campaign: Campaign
) -> None:
    at = app(c=new_campaign.id, step="profile")
    keeping.delete(repo, new_campaign.id)
    box(at, "f:profile.country").input("Uganda")
    rerun(at)
    assert "this campaign was deleted" in at.error[0].value and box(at, "f:profile.country").value == "Uganda"
    keeping.undelete(repo, new_campaign.id)
    click(at, "retry-save")
    assert repo.load(new_campaign.id).answer("profile", "country") == "Uganda" and not at.error


def upload(at: Any, data: bytes) -> None:
    at.file_uploader(key="upload-yaml").set_value(("plan.yaml", data, "text/yaml"))
    rerun(at)


def test_uploading_the_same_file_twice_says_it_is_saved_here(
    app, repo: CampaignRepository, pack: WorksheetPack
) -> None:
    written = campaign_to_yaml(example_campaign(pack)).encode()  # a file from elsewhere: its id is not stored here
    at = app()
    upload(at, written)
    assert "already saved" not in words(at)
    assert at.button(key="upload-open").label == "Save it as a new campaign and open it"
    click(at, "upload-open")
    first = at.query_params["c"]
    again = app()
    upload(again, written)  # the very same bytes, in a new session
    assert "This file is already saved here as “Count Us, Fund Us” (last saved" in again.info[0].value
    assert again.button(key="upload-open-saved").label == "Open the saved one"
    assert again.button(key="upload-open").label == "Save another copy"
    click(again, "upload-open-saved")
    assert again.query_params["c"] == first and repo.campaign_ids() == [first]
    third = app()
    upload(third, written)
    click(third, "upload-open")  # "Save another copy": a second campaign, on purpose
    assert len(repo.campaign_ids()) == 2 and third.query_params["c"] != first


def test_a_downloaded_file_of_a_stored_campaign_is_found_by_its_id(app, example: Campaign) -> None:
    at = app()
    upload(at, campaign_to_yaml(example).encode())
    assert "already saved here as “Count Us, Fund Us”" in at.info[0].value
    click(at, "upload-open-saved")
    assert at.query_params["c"] == example.id


@pytest.fixture
def relay(s3_endpoint: str) -> Iterator[StoreRelay]:
    relay = StoreRelay(int(s3_endpoint.rsplit(":", 1)[1]))
    yield relay
    relay.close()


def test_every_action_while_the_store_is_down_is_a_plain_message_and_changes_nothing(
    app, relay: StoreRelay, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = new_bucket(s3_endpoint)
    for name, value in {**s3_environment(relay.url), "CAMPAIGN_STORE": bucket}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ADVOCACY_MODE", raising=False)
    repo = CampaignRepository(ObjectStore(bucket, **s3_options(s3_endpoint)), load_worksheets())
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", "Fund Us")
    campaign = repo.create(campaign)
    before = {key: repo.store.get(key) for key in repo.store.keys("campaigns")}
    at = app()
    for key in (f"archive-{campaign.id}", f"duplicate-{campaign.id}", f"confirm-delete-{campaign.id}"):
        relay.set("forward")
        rerun(at)
        if key.startswith("confirm"):
            click(at, f"delete-{campaign.id}")  # asks first: then the store fails
        relay.set("error")
        click(at, key)
        assert "That did not work" in at.error[0].value and "Nothing was changed" in at.error[0].value
        assert "127.0.0.1" not in at.error[0].value
    relay.set("forward")
    rerun(at)
    at.text_input(key=f"rename-{campaign.id}").input("Fund Us 2027")
    relay.set("error")
    next(button for button in at.button if button.label == "Rename").click()
    rerun(at)
    assert "That did not work" in at.error[0].value
    relay.set("forward")
    assert {key: repo.store.get(key) for key in repo.store.keys("campaigns")} == before
