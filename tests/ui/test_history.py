"""Earlier versions on the settings page: what differs from now, and bringing a version back as a new save."""

from __future__ import annotations

from campaign import Campaign, CampaignRepository
from tests.ui.conftest import box, rerun


def _overwrite(repo: CampaignRepository, campaign_id: str, name: str) -> Campaign:
    current = repo.load(campaign_id)
    changed = current.copy()
    changed.set_answer("profile", "name", name)
    return repo.save(changed, current).campaign


def test_a_lost_answer_is_brought_back_from_an_earlier_version(
    app, example: Campaign, repo: CampaignRepository
) -> None:
    before = repo.load(example.id)
    overwritten = _overwrite(repo, example.id, "Oops, typed over")
    at = app(c=example.id, step="settings")
    choice = at.selectbox(key="history-pick")
    assert choice.value is None and len(choice.options) == 1 and choice.options[0].endswith("First version")
    choice.set_value(before.revision)
    rerun(at)
    table = at.dataframe[0].value
    assert list(table.iloc[0])[1:] == [before.answer("profile", "name"), "Oops, typed over"]
    at.button(key="history-restore").click()
    rerun(at)

    stored = repo.load(example.id)
    assert stored.answer("profile", "name") == before.answer("profile", "name")
    assert stored.answers == before.answers
    assert stored.revision == overwritten.revision + 1, "bringing a version back is a new save"
    assert repo.load_revision(example.id, overwritten.revision).answer("profile", "name") == "Oops, typed over"
    assert any("is back" in done.value for done in at.success)
    at.query_params["step"] = "profile"
    rerun(at)
    assert box(at, "f:profile.name").value == before.answer("profile", "name")


def test_a_version_with_the_same_answers_cannot_be_brought_back(
    app, example: Campaign, repo: CampaignRepository
) -> None:
    first = repo.load(example.id)
    _overwrite(repo, example.id, "Second name")
    _overwrite(repo, example.id, first.answer("profile", "name"))
    at = app(c=example.id, step="settings")
    at.selectbox(key="history-pick").set_value(first.revision)
    rerun(at)
    assert any("same as now" in info.value for info in at.info)
    assert at.button(key="history-restore").disabled


def test_a_new_campaign_explains_that_versions_come_later(app, new_campaign: Campaign) -> None:
    at = app(c=new_campaign.id, step="settings")
    assert not [box for box in at.selectbox if box.key == "history-pick"]
    assert any("Earlier versions will be listed here" in caption.value for caption in at.caption)


def test_the_history_is_offered_in_french(app, example: Campaign, repo: CampaignRepository) -> None:
    before = repo.load(example.id)
    _overwrite(repo, example.id, "Autre nom")
    at = app(c=example.id, step="settings", lang="fr")
    at.selectbox(key="history-pick").set_value(before.revision)
    rerun(at)
    assert at.selectbox(key="history-pick").label == "Version antérieure"


def test_the_versions_are_listed_once_per_saved_version_not_on_every_rerun(
    app, example: Campaign, repo: CampaignRepository, monkeypatch
) -> None:
    _overwrite(repo, example.id, "Second name")
    calls = []
    listing = CampaignRepository.revisions
    monkeypatch.setattr(CampaignRepository, "revisions", lambda self, cid: calls.append(cid) or listing(self, cid))
    at = app(c=example.id, step="settings")
    rerun(at)
    rerun(at)
    assert calls == [example.id]
    at.radio(key="f:settings.paper").set_value("letter")  # a save: a new version to list
    rerun(at)
    assert calls == [example.id, example.id] and len(at.selectbox(key="history-pick").options) == 2
