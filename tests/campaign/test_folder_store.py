"""The folder store's durability and locking: every rename is fsynced in its folder, a new folder in its parent,
and a conditional write waits for another one to the same key, within a bound."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from campaign import storage
from campaign.example import example_campaign
from campaign.repository import CampaignRepository
from campaign.storage import NOT_SAVED, LocalFolderStore, StorageError
from campaign.worksheet import load_worksheets

PACK = load_worksheets()


@pytest.fixture
def fsynced(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files and folders fsynced from here on, by path."""
    synced: list[Path] = []
    real = os.fsync

    def recording(descriptor: int) -> None:
        synced.append(Path(os.readlink(f"/proc/self/fd/{descriptor}")))
        real(descriptor)

    monkeypatch.setattr(os, "fsync", recording)
    return synced


def test_a_new_campaign_s_folders_are_fsynced_into_their_parents(tmp_path: Path, fsynced: list[Path]) -> None:
    root = tmp_path / "data"
    repository = CampaignRepository(LocalFolderStore(root), PACK)
    fsynced.clear()
    campaign = repository.create(example_campaign(PACK))
    folder = root / "campaigns" / campaign.id
    for made in (root / "campaigns", folder, folder / "revisions"):
        assert made.parent in fsynced, made  # its entry in its parent survives a crash
    assert fsynced.count(folder) >= 2  # campaign.yaml's rename, and the revisions folder made in it
    assert (folder / "revisions") in fsynced  # the revision file's rename


def test_a_save_fsyncs_both_files_and_both_renames(tmp_path: Path, fsynced: list[Path]) -> None:
    repository = CampaignRepository(LocalFolderStore(tmp_path), PACK)
    base = repository.create(example_campaign(PACK))
    mine = base.copy()
    mine.set_answer("objectives", "goal", "Saved durably")
    fsynced.clear()
    repository.save(mine, base, by="Group 1")
    folder = tmp_path / "campaigns" / base.id
    temporary = [path for path in fsynced if path.name.endswith(".tmp")]
    assert [path.parent for path in temporary] == [folder, folder / "revisions"]  # each written file, before its rename
    assert folder in fsynced and (folder / "revisions") in fsynced  # each rename, in its folder


def test_a_conditional_write_waits_for_the_lock_then_says_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalFolderStore(tmp_path)
    etag = store.put("campaigns/a/campaign.yaml", b"one")
    monkeypatch.setattr(storage, "LOCK_SECONDS", 0.2)
    holder = os.open(tmp_path / "campaigns" / "a" / ".campaign.yaml.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)  # another writer, in the middle of its conditional write
        with pytest.raises(StorageError) as refused:
            store.put("campaigns/a/campaign.yaml", b"two", if_match=etag)
        assert refused.value.template == NOT_SAVED
    finally:
        os.close(holder)
    assert store.put("campaigns/a/campaign.yaml", b"two", if_match=etag)  # the lock released: it goes through
    blob = store.get("campaigns/a/campaign.yaml")
    assert blob is not None and blob.data == b"two"
