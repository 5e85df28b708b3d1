"""The notice that answers saved elsewhere are now shown speaks the page's language, like every other notice."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from campaign import Campaign, CampaignRepository
from campaign.storage import LocalFolderStore
from tests.ui.conftest import rerun
from ui.freshness import CHECK_SECONDS, CHECKED_KEY


def test_answers_saved_elsewhere_are_announced_in_french(
    app: Callable[..., AppTest], repo: CampaignRepository, new_campaign: Campaign
) -> None:
    at = app(c=new_campaign.id, step="profile", lang="fr")
    elsewhere = repo.load(new_campaign.id)
    changed = elsewhere.copy()
    changed.set_answer("profile", "country", "Kenya")
    repo.save(changed, elsewhere)  # another laptop saves meanwhile
    at.session_state[CHECKED_KEY] = time.monotonic() - CHECK_SECONDS - 1
    rerun(at)
    assert [i.value for i in at.info] == [
        "Les réponses enregistrées entre-temps depuis un autre onglet ou un autre ordinateur sont maintenant affichées."
    ]


def test_a_check_of_a_campaign_nobody_changed_reads_no_bytes(
    app: Callable[..., AppTest], repo: CampaignRepository, new_campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app(c=new_campaign.id, step="profile")
    at.session_state[CHECKED_KEY] = time.monotonic() - CHECK_SECONDS - 1
    rerun(at)  # the first check reads the file once and keeps its etag
    answers: list[object] = []
    real = LocalFolderStore.get

    def get(store: LocalFolderStore, key: str, **conditions):  # type: ignore[no-untyped-def]
        answer = real(store, key, **conditions)
        if key == f"campaigns/{new_campaign.id}/campaign.yaml":
            answers.append(type(answer).__name__)
        return answer

    monkeypatch.setattr(LocalFolderStore, "get", get)
    for _ in range(3):
        at.session_state[CHECKED_KEY] = time.monotonic() - CHECK_SECONDS - 1
        rerun(at)
    assert answers == ["NotModified"] * 3, "each check asked, none was sent the unchanged file"
    elsewhere = repo.load(new_campaign.id)
    changed = elsewhere.copy()
    changed.set_answer("profile", "country", "Kenya")
    repo.save(changed, elsewhere)  # another laptop saves: the next check reads it and shows it
    at.session_state[CHECKED_KEY] = time.monotonic() - CHECK_SECONDS - 1
    rerun(at)
    assert at.info and "now shown" in at.info[0].value
