"""A full disk and a read-only data folder, made real with a small tmpfs: told, intact, and recovered."""

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign.example import example_campaign
from campaign.repository import CampaignRepository
from campaign.storage import LocalFolderStore, StorageError
from campaign.worksheet import load_worksheets

PACK = load_worksheets()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs mounted for this test (needs root, as in CI; skipped elsewhere)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        message = f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as handle:
        for size in (65536, 4096, 1):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError:
                continue
    return filler


def test_a_full_disk_is_reported_keeps_the_stored_campaign_and_recovers(small_disk: Path) -> None:
    repository = CampaignRepository(LocalFolderStore(small_disk), PACK)
    base = repository.create(example_campaign(PACK))
    filler = _fill(small_disk)
    mine = base.copy()
    mine.set_answer("objectives", "goal", "A new goal typed while the disk was full")
    with pytest.raises(StorageError) as caught:
        repository.save(mine, base)
    assert "the disk is full" in caught.value.message and "Nothing stored was changed" in caught.value.message
    assert repository.load(base.id) == base
    assert list(small_disk.rglob("*.tmp")) == []
    filler.unlink()  # space returns
    saved = repository.save(mine, base).campaign
    assert repository.load(base.id).answer("objectives", "goal") == "A new goal typed while the disk was full"
    assert saved.revision == base.revision + 1


def test_a_read_only_data_folder_is_reported_and_recovers(small_disk: Path) -> None:
    repository = CampaignRepository(LocalFolderStore(small_disk), PACK)
    base = repository.create(example_campaign(PACK))
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    mine = base.copy()
    mine.set_answer("profile", "country", "Zambia")
    try:
        with pytest.raises(StorageError) as caught:
            repository.save(mine, base)
        assert "the data folder is read-only" in caught.value.message
        assert repository.load(base.id) == base
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert repository.save(mine, base).campaign.answer("profile", "country") == "Zambia"
