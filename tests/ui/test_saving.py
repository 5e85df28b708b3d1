"""Saving: a failed save keeps the typed answer, and a clash with someone else's save loses nothing."""

from __future__ import annotations

import pytest

from campaign import Campaign, CampaignRepository, StorageError
from campaign.storage import LocalFolderStore
from tests.ui.conftest import box, rerun


def test_a_failed_save_keeps_the_answer_and_says_why(app, example, repo, monkeypatch: pytest.MonkeyPatch) -> None:
    at = app(c=example.id, step="profile")
    original_put = LocalFolderStore.put

    def disk_full(*args, **kwargs):
        raise StorageError("your answer was not saved: the disk is full.")

    monkeypatch.setattr(LocalFolderStore, "put", disk_full)
    box(at, "f:profile.country").input("Uganda")
    rerun(at)
    assert "the disk is full" in at.error[0].value
    assert box(at, "f:profile.country").value == "Uganda"
    assert repo.load(example.id).answer("profile", "country") == "Kenya"
    monkeypatch.setattr(LocalFolderStore, "put", original_put)
    at.button(key="retry-save").click()
    rerun(at)
    assert not at.error
    assert repo.load(example.id).answer("profile", "country") == "Uganda"


def _clash(app, example: Campaign, repo: CampaignRepository):
    at = app(c=example.id, step="profile")
    theirs = example.copy()
    theirs.set_answer("profile", "country", "Tanzania")
    repo.save(theirs, example)  # someone else saves first, from another browser
    box(at, "f:profile.country").input("Uganda")
    return rerun(at)


def test_a_clash_shows_both_versions(app, example: Campaign, repo: CampaignRepository) -> None:
    at = _clash(app, example, repo)
    texts = [text.value for text in at.text]
    assert "Uganda" in texts and "Tanzania" in texts
    assert len(repo.load(example.id).conflicts) == 1


def test_a_clash_survives_a_refresh(app, example: Campaign, repo: CampaignRepository) -> None:
    _clash(app, example, repo)
    again = app(c=example.id, step="profile")
    assert "Uganda" in [text.value for text in again.text]


def test_keeping_mine_stores_my_value_and_settles_the_clash(app, example, repo) -> None:
    at = _clash(app, example, repo)
    at.button(key="conflict-0-mine").click()
    rerun(at)
    stored = repo.load(example.id)
    assert stored.answer("profile", "country") == "Uganda"
    assert stored.conflicts == []
    assert box(at, "f:profile.country").value == "Uganda"


def test_keeping_theirs_keeps_the_stored_value(app, example, repo) -> None:
    at = _clash(app, example, repo)
    at.button(key="conflict-0-theirs").click()
    rerun(at)
    stored = repo.load(example.id)
    assert stored.answer("profile", "country") == "Tanzania"
    assert stored.conflicts == []
    assert box(at, "f:profile.country").value == "Tanzania"


def test_different_answers_saved_at_once_are_merged(app, example: Campaign, repo: CampaignRepository) -> None:
    at = app(c=example.id, step="profile")
    theirs = example.copy()
    theirs.set_answer("profile", "owner", "Joseph")
    repo.save(theirs, example)
    box(at, "f:profile.country").input("Uganda")
    rerun(at)
    stored = repo.load(example.id)
    assert (stored.answer("profile", "country"), stored.answer("profile", "owner")) == ("Uganda", "Joseph")
    assert box(at, "f:profile.owner").value == "Joseph"


def test_removing_a_referenced_row_asks_first_and_drops_the_links(app, example, repo) -> None:
    at = app(c=example.id, step="audiences")
    at.button(key="f:audiences.audiences.editors.remove").click()
    rerun(at)
    assert "picked in" in at.warning[0].value
    at.button(key="f:audiences.audiences.editors.confirm").click()
    rerun(at)
    stored = repo.load(example.id)
    assert "editors" not in [r["id"] for r in stored.rows("audiences", "audiences")]
    assert all("editors" not in r.get("audiences", []) for r in stored.rows("activities", "activities"))
