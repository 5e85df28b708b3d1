"""Logos are kept by content: replacing one never loses the old one, and an earlier version brings its logo back."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from campaign.campaign_file import campaign_to_yaml, parse_campaign
from campaign.logo import is_logo_name
from campaign.model import Campaign
from campaign.repository import AssetRefused, CampaignRepository
from campaign.storage import BlobStore
from campaign.worksheet import load_worksheets

PACK = load_worksheets()


def image(kind: str, colour: str = "teal", size: tuple[int, int] = (60, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=kind)
    return out.getvalue()


def with_logo(repository: CampaignRepository, base: Campaign, data: bytes) -> Campaign:
    """Store `data` as the logo and save the campaign naming it, as the settings page does."""
    mine = base.copy()
    mine.settings.logo = repository.put_asset(base.id, data)
    return repository.save(mine, base).campaign


def test_a_replaced_logo_comes_back_with_the_version_that_had_it(store: BlobStore) -> None:
    repository = CampaignRepository(store, PACK)
    first, second = image("PNG", "teal"), image("JPEG", "orange")
    base = repository.create(Campaign(id=""))
    with_first = with_logo(repository, base, first)
    with_second = with_logo(repository, with_first, second)
    assert with_first.settings.logo != with_second.settings.logo
    assert repository.get_asset(base.id, with_second.settings.logo or "") == second
    restored = repository.restore(base.id, with_first.revision)
    assert restored.settings.logo == with_first.settings.logo
    assert repository.get_asset(base.id, restored.settings.logo or "") == first
    back_again = repository.restore(base.id, with_second.revision)  # and the newer one is not lost either
    assert repository.get_asset(base.id, back_again.settings.logo or "") == second


def test_the_same_logo_uploaded_twice_is_stored_once(store: BlobStore) -> None:
    repository = CampaignRepository(store, PACK)
    base = repository.create(Campaign(id=""))
    logo = image("PNG")
    assert repository.put_asset(base.id, logo) == repository.put_asset(base.id, logo)
    assert len([key for key in store.keys(f"campaigns/{base.id}") if "/assets/" in key]) == 1


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (image("GIF"), "This is a GIF image; use a PNG or JPEG file."),
        (b"not an image", "This file is not a readable PNG or JPEG image."),
        (b"\x89PNG" + b"\x00" * 1_000_000, "the limit is 1 MB"),
        (image("PNG", size=(6000, 5000)), "too large in pixels"),
    ],
    ids=["gif", "not an image", "over 1 MB", "too many pixels"],
)
def test_the_repository_refuses_a_file_that_is_not_a_usable_logo(store: BlobStore, data: bytes, says: str) -> None:
    repository = CampaignRepository(store, PACK)
    base = repository.create(Campaign(id=""))
    before = store.keys("campaigns")
    with pytest.raises(AssetRefused) as refused:
        repository.put_asset(base.id, data)
    assert says in refused.value.message
    assert store.keys("campaigns") == before, "nothing was stored"


def test_a_logo_stored_before_logos_were_versioned_still_shows(store: BlobStore) -> None:
    repository = CampaignRepository(store, PACK)
    base = repository.create(Campaign(id=""))
    logo = image("PNG")
    store.put(f"campaigns/{base.id}/logo.png", logo)  # where the previous version of the app kept it
    assert repository.get_asset(base.id, "logo.png") == logo


@pytest.mark.parametrize("name", ["../campaign.yaml", "logo.gif", "logo-abc.png", "campaign.yaml", "logo-" + "0" * 32])
def test_only_logo_names_reach_the_store(store: BlobStore, name: str) -> None:
    repository = CampaignRepository(store, PACK)
    base = repository.create(Campaign(id=""))
    assert not is_logo_name(name)
    assert repository.get_asset(base.id, name) is None
    campaign = base.copy()
    campaign.settings.logo = name
    loaded, problems = parse_campaign(campaign_to_yaml(campaign), PACK)
    assert loaded is None and problems, "a file naming anything else as its logo is refused"


def test_a_name_or_key_ending_in_a_newline_is_refused() -> None:
    from campaign.logo import is_logo_name
    from campaign.storage import check_key

    assert is_logo_name("logo.png") and not is_logo_name("logo.png\n")
    assert check_key("campaigns/abc/campaign.yaml") == "campaigns/abc/campaign.yaml"
    with pytest.raises(ValueError):
        check_key("campaigns/abc/campaign.yaml\n")
