"""In the app, on a real 512 KiB tmpfs: a full disk and a read-only data folder are told, lose nothing, recover."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from campaign import Campaign, CampaignRepository, WorksheetPack
from campaign.example import example_campaign
from campaign.storage import LocalFolderStore
from tests.campaign.test_faults import _fill
from tests.ui.conftest import box, rerun


@pytest.fixture
def on_small_disk(small_disk: Path, monkeypatch: pytest.MonkeyPatch, pack: WorksheetPack):
    """The app's data folder on the small disk, holding the worked example; yields (repository, campaign)."""
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(small_disk))
    monkeypatch.delenv("ADVOCACY_MODE", raising=False)
    repository = CampaignRepository(LocalFolderStore(small_disk), pack)
    return repository, repository.create(example_campaign(pack))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_refused(at, repository: CampaignRepository, campaign: Campaign, before: dict, folder: Path, why: str):
    problem = at.error[0].value
    assert why in problem and "not saved" in problem, problem
    assert box(at, "f:profile.country").value == "Uganda", "the typed answer stays on screen"
    assert any("Not saved" in m.value for m in at.markdown), "the header's badge says so too"
    assert repository.load(campaign.id) == campaign, "the stored campaign is unchanged"
    assert _files(folder) == before, "no file changed, and no temporary file was left behind"


def test_a_full_disk_is_told_and_the_answer_is_saved_once_space_returns(app, on_small_disk, small_disk) -> None:
    repository, campaign = on_small_disk
    at = app(c=campaign.id, step="profile")
    filler = _fill(small_disk)
    before = _files(small_disk)
    box(at, "f:profile.country").input("Uganda")
    rerun(at)
    _assert_refused(at, repository, campaign, before, small_disk, "the disk is full")

    box(at, "f:profile.owner").input("Joseph")  # typing on while the disk is still full
    rerun(at)
    assert "the disk is full" in at.error[0].value and repository.load(campaign.id) == campaign

    filler.unlink()  # space returns
    at.button(key="retry-save").click()
    rerun(at)
    assert not at.error
    stored = repository.load(campaign.id)
    assert (stored.answer("profile", "country"), stored.answer("profile", "owner")) == ("Uganda", "Joseph")
    assert stored.revision == campaign.revision + 1
    assert list(small_disk.rglob("*.tmp")) == []


def test_after_a_full_disk_the_next_edit_saves_the_earlier_one_too(app, on_small_disk, small_disk) -> None:
    repository, campaign = on_small_disk
    at = app(c=campaign.id, step="profile")
    filler = _fill(small_disk)
    box(at, "f:profile.country").input("Uganda")
    rerun(at)
    assert "the disk is full" in at.error[0].value
    filler.unlink()
    box(at, "f:profile.owner").input("Joseph")  # no retry pressed: the next edit carries both
    rerun(at)
    assert not at.error
    stored = repository.load(campaign.id)
    assert (stored.answer("profile", "country"), stored.answer("profile", "owner")) == ("Uganda", "Joseph")


def test_a_read_only_data_folder_is_told_and_saving_resumes(app, on_small_disk, small_disk) -> None:
    repository, campaign = on_small_disk
    at = app(c=campaign.id, step="profile")
    before = _files(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        box(at, "f:profile.country").input("Uganda")
        rerun(at)
        _assert_refused(at, repository, campaign, before, small_disk, "the data folder is read-only")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    at.button(key="retry-save").click()
    rerun(at)
    assert not at.error
    assert repository.load(campaign.id).answer("profile", "country") == "Uganda"
