"""The notice that answers saved elsewhere are now shown speaks the page's language, like every other notice."""

from __future__ import annotations

import time
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from campaign import Campaign, CampaignRepository
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
