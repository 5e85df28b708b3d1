"""The page while the object store is down: "Not saved yet · retrying", never an exception, nothing lost."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from campaign import Campaign, CampaignRepository, load_worksheets
from campaign.object_store import ObjectStore
from tests.campaign.store_relay import StoreRelay
from tests.s3_server import new_bucket, s3_environment, s3_options
from tests.ui.conftest import box, rerun

TYPED = {"f:profile.country": "Uganda", "f:profile.name": "Typed while the store is down", "f:profile.owner": "Joy"}
PATIENCE = 60  # runs of the page, each about a second apart, before giving up on the automatic retry


@pytest.fixture
def relay(s3_endpoint: str) -> Iterator[StoreRelay]:
    relay = StoreRelay(int(s3_endpoint.rsplit(":", 1)[1]))
    yield relay
    relay.close()


@pytest.fixture
def stored(relay: StoreRelay, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> tuple[CampaignRepository, Any]:
    """A campaign on a fresh bucket; the app reaches the store only through `relay`."""
    bucket = new_bucket(s3_endpoint)
    for name, value in {**s3_environment(relay.url), "CAMPAIGN_DATA_DIR": bucket}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ADVOCACY_MODE", raising=False)
    repo = CampaignRepository(ObjectStore(bucket, **s3_options(s3_endpoint)), load_worksheets())
    campaign = Campaign(id="")
    campaign.set_answer("profile", "country", "Kenya")
    return repo, repo.create(campaign)


def page_words(at: Any) -> str:
    return " ".join(str(element.value) for kind in ("markdown", "error", "caption") for element in at.get(kind))


@pytest.mark.parametrize("mode", ["refuse", "error"])
def test_answers_typed_while_the_store_is_down_show_not_saved_and_are_stored_when_it_returns(
    app, stored: tuple[CampaignRepository, Campaign], relay: StoreRelay, mode: str
) -> None:
    repo, campaign = stored
    at = app(c=campaign.id, step="profile")
    relay.set(mode)  # type: ignore[arg-type]
    for key, text in TYPED.items():
        box(at, key).input(text)
        rerun(at)  # no exception: the page says what happened
        assert "Not saved yet · retrying" in page_words(at)
        assert at.error and "not saved yet" in at.error[0].value and "127.0.0.1" not in at.error[0].value
    assert [box(at, key).value for key in TYPED] == list(TYPED.values()), "every answer stays on the page"
    assert repo.load(campaign.id).answer("profile", "country") == "Kenya"
    relay.set("forward")
    for _ in range(PATIENCE):  # no click: the page sends them again by itself once its back-off has passed
        time.sleep(1)
        rerun(at)
        if not at.error:
            break
    stored_now = repo.load(campaign.id)
    lost = [key for key, text in TYPED.items() if stored_now.answer("profile", key.split(".")[1]) != text]
    assert lost == []
    assert not at.error and "Not saved" not in page_words(at)


def test_an_answer_over_the_size_rule_typed_during_an_outage_is_refused_at_once_and_the_others_stored(
    app, stored: tuple[CampaignRepository, Campaign], relay: StoreRelay
) -> None:
    from tests.campaign.test_size_rule import TUNE, just_over_the_limit

    repo, campaign = stored
    near = just_over_the_limit(campaign)
    near.set_answer(*TUNE, str(near.answer(*TUNE))[:1500])  # a few hundred bytes under the limit
    campaign = repo.save(near, campaign).campaign
    at = app(c=campaign.id, step="profile")
    relay.set("refuse")
    box(at, "f:profile.country").input("Uganda")
    rerun(at)
    box(at, "f:profile.name").input("字" * 140)  # 420 bytes more: the file would be over the limit
    rerun(at)
    assert "over the limit of 2,000,000 bytes" in " ".join(str(info.value) for info in at.info)
    assert "Not saved yet · retrying" in page_words(at), "Uganda is still waiting for the store"
    relay.set("forward")
    for _ in range(PATIENCE):
        time.sleep(1)
        rerun(at)
        if not at.error:
            break
    stored_now = repo.load(campaign.id)
    assert stored_now.answer("profile", "country") == "Uganda"
    assert stored_now.answer("profile", "name") != "字" * 140


def test_answers_typed_during_an_outage_are_stored_even_after_the_page_is_reloaded(
    app, stored: tuple[CampaignRepository, Campaign], relay: StoreRelay
) -> None:
    repo, campaign = stored
    at = app(c=campaign.id, step="profile")
    relay.set("refuse")
    for key, text in TYPED.items():
        box(at, key).input(text)
        rerun(at)
    reloaded = app(c=campaign.id, step="profile")  # a reload is a new session; the old one never runs again
    assert "cannot be opened" in reloaded.error[0].value and "127.0.0.1" not in reloaded.error[0].value
    del at
    relay.set("forward")
    deadline = time.monotonic() + PATIENCE
    while any(repo.load(campaign.id).answer("profile", key.split(".")[1]) != text for key, text in TYPED.items()):
        assert time.monotonic() < deadline, "the answers typed before the reload were never stored"
        time.sleep(0.5)
    again = app(c=campaign.id, step="profile")  # the next reload shows them, read from the store
    assert [box(again, key).value for key in TYPED] == list(TYPED.values())
