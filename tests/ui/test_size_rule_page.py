"""The size rule on the page: a change or an upload that would make the file too large is refused in plain
words, nothing stored changes, and no other answer is lost."""

from __future__ import annotations

import json

from campaign import Campaign, CampaignRepository
from campaign.campaign_file import campaign_to_data
from campaign.strict_yaml import MAX_BYTES
from tests.campaign.test_size_rule import TUNE, cells, filled, just_over_the_limit
from tests.ui.conftest import box, rerun


def test_an_answer_that_would_make_the_file_too_large_is_not_kept_and_says_why(app, repo: CampaignRepository) -> None:
    base = repo.create(Campaign(id=""))
    near = just_over_the_limit(base)
    near.set_answer(*TUNE, str(near.answer(*TUNE))[:1500])  # now a few hundred bytes under the limit
    stored = repo.save(near, base).campaign
    key = f"campaigns/{stored.id}/campaign.yaml"
    before = repo.store.get(key).data  # type: ignore[union-attr]
    assert len(before) < MAX_BYTES
    at = app(c=stored.id, step="profile")
    box(at, "f:profile.name").input("字" * 140)  # 420 bytes more: over the limit
    rerun(at)
    notices = " ".join(str(info.value) for info in at.info)
    assert "That change was not kept" in notices and "over the limit of 2,000,000 bytes" in notices
    assert repo.store.get(key).data == before, "nothing stored was changed"
    box(at, "f:profile.country").input("Uganda")  # a smaller answer afterwards is stored as usual
    rerun(at)
    assert repo.load(stored.id).answer("profile", "country") == "Uganda"


def test_an_upload_that_would_be_stored_over_the_limit_is_refused_plainly(app, repo: CampaignRepository) -> None:
    # JSON is YAML too: its "\n" escapes are compact, the file the app writes spends an indented line on each
    compact = json.dumps(campaign_to_data(filled(Campaign(id="A" * 22), len(cells()))), ensure_ascii=False)
    upload = compact.encode()
    assert len(upload) <= MAX_BYTES
    at = app()
    at.file_uploader(key="upload-yaml").set_value(("big.yaml", upload, "text/yaml"))
    rerun(at)
    at.button(key="upload-open").click()
    rerun(at)
    assert "over the limit of 2,000,000 bytes" in " ".join(str(error.value) for error in at.error)
    assert repo.campaign_ids() == []
