"""The logo rule is the repository's: a logo put in the store by any other path is not handed out unchecked."""

from __future__ import annotations

import io

from PIL import Image

from campaign.model import Campaign
from campaign.repository import CampaignRepository
from campaign.storage import BlobStore
from campaign.worksheet import load_worksheets

PACK = load_worksheets()


def _png(size: tuple[int, int] = (60, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "teal").save(out, format="PNG")
    return out.getvalue()


def test_a_logo_stored_around_the_repository_is_refused_when_read(store: BlobStore) -> None:
    repository = CampaignRepository(store, PACK)
    campaign = repository.create(Campaign(id=""))
    good = repository.put_asset(campaign.id, _png())
    assert repository.get_asset(campaign.id, good) == _png()
    folder = f"campaigns/{campaign.id}"
    store.put(f"{folder}/assets/{good}", b"GIF89a not the image its name promises")  # another client's write
    assert repository.get_asset(campaign.id, good) is None
    store.put(f"{folder}/logo.png", b"\x00" * 2_000_000)  # a legacy name holding far more than a logo may
    assert repository.get_asset(campaign.id, "logo.png") is None
    store.put(f"{folder}/logo.jpg", _png())
    assert repository.get_asset(campaign.id, "logo.jpg") is None  # a PNG under a JPEG name
