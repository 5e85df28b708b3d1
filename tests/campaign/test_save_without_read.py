"""A save over the file this process stored last writes it with If-Match that file's etag, without reading it
first; when someone else saved (or deleted) since, the write is refused, and the save reads, merges and
writes as before: nothing anyone saved is lost, on a folder and on S3."""

from __future__ import annotations

import pytest

from campaign.example import example_campaign
from campaign.keeping import delete
from campaign.model import Campaign
from campaign.repository import CampaignNotFound, CampaignRepository
from campaign.storage import BlobStore
from campaign.worksheet import load_worksheets

PACK = load_worksheets()


def _edit(repository: CampaignRepository, base: Campaign, sheet: str, field: str, text: str) -> Campaign:
    mine = base.copy()
    mine.set_answer(sheet, field, text)
    return repository.save(mine, base).campaign


def _reads(store: BlobStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys `store` is asked to read from here on."""
    read: list[str] = []
    real = store.get

    def counted(key, **conditions):  # type: ignore[no-untyped-def]
        read.append(key)
        return real(key, **conditions)

    monkeypatch.setattr(store, "get", counted)
    return read


def test_saves_by_the_only_writer_read_nothing(store: BlobStore, monkeypatch: pytest.MonkeyPatch) -> None:
    repository = CampaignRepository(store, PACK)
    base = repository.create(example_campaign(PACK))
    read = _reads(store, monkeypatch)
    for number in range(3):
        base = _edit(repository, base, "objectives", "goal", f"Goal {number}")
    assert read == []
    assert CampaignRepository(store, PACK).load(base.id) == base


def test_a_save_after_another_servers_save_merges_it_and_loses_nothing(
    store: BlobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, other = CampaignRepository(store, PACK), CampaignRepository(store, PACK)
    base = one.create(example_campaign(PACK))
    mine = _edit(one, base, "objectives", "goal", "Mine")
    theirs = _edit(other, other.load(base.id), "profile", "name", "Theirs")
    read = _reads(store, monkeypatch)
    saved = one.save(_changed(mine, "objectives", "goal", "Mine again"), mine)
    assert saved.merged and not saved.conflicts  # the refused write, then read and merged with theirs
    assert len(read) == 1
    stored = CampaignRepository(store, PACK).load(base.id)
    assert (stored.answer("objectives", "goal"), stored.answer("profile", "name")) == ("Mine again", "Theirs")
    assert stored.revision == theirs.revision + 1
    read.clear()
    again = _edit(one, saved.campaign, "objectives", "goal", "Read once more")  # the read finds it ours alone
    assert len(read) == 1
    read.clear()
    _edit(one, again, "objectives", "goal", "No read")
    assert read == []


def test_a_save_over_a_campaign_deleted_elsewhere_says_it_is_not_found(store: BlobStore) -> None:
    one, other = CampaignRepository(store, PACK), CampaignRepository(store, PACK)
    base = one.create(example_campaign(PACK))
    mine = _edit(one, base, "objectives", "goal", "Mine")
    delete(other, base.id)
    with pytest.raises(CampaignNotFound):  # as when the save read it first
        _edit(one, mine, "objectives", "goal", "Too late")


def _changed(campaign: Campaign, sheet: str, field: str, text: str) -> Campaign:
    changed = campaign.copy()
    changed.set_answer(sheet, field, text)
    return changed
