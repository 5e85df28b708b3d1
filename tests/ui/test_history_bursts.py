"""The history page lists editing bursts: one per typing session, with when (in the browser's zone), who and
what changed; a group's saves carry the group's name; a listed burst is brought back."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from campaign import Campaign, CampaignRepository
from campaign.workshops import WorkshopRepository
from tests.ui.conftest import APP, box, rerun


def _listed(at: AppTest) -> list[dict[str, str]]:
    return at.table[0].value.to_dict("records")


def _open(context: dict | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    if context:
        at.context = context
    for name, value in query.items():
        at.query_params[name] = value
    return rerun(at)


def test_a_typing_session_is_one_burst_with_its_words_and_zone(repo: CampaignRepository, example: Campaign) -> None:
    at = _open({"timezone": "Asia/Kathmandu", "timezone_offset": -345}, c=example.id, step="profile")
    for text in ("N", "Ne", "Nep", "Nepal"):  # one answer typed, saved on every change
        box(at, "f:profile.country").input(text)
        rerun(at)
    box(at, "f:profile.area").input("Bagmati")
    rerun(at)
    assert repo.revisions(example.id) == [1, 2], "five saves, one burst"
    at.query_params["step"] = "settings"
    rerun(at)
    listed = _listed(at)
    assert [(row["By"], row["What changed"]) for row in listed] == [
        ("You", "Profile: Country, Province, county or district"),
        ("—", "First version"),
    ]
    assert all(row["Saved"].endswith("UTC+05:45") for row in listed), listed
    choice = at.selectbox(key="history-pick")
    assert choice.options == [" · ".join(listed[1].values())], "only the earlier one can be picked"
    choice.set_value(1)
    rerun(at)
    at.button(key="history-restore").click()
    rerun(at)
    assert repo.load(example.id).answer("profile", "country") == example.answer("profile", "country")
    assert repo.revisions(example.id) == [1, 2, 7]
    assert _listed(at)[0]["What changed"].startswith("Brought back an earlier version: Profile")


def test_a_groups_saves_are_listed_under_its_name(repo: CampaignRepository) -> None:
    workshop, _ = WorkshopRepository(repo.store, repo).create("Lusaka workshop")
    _, campaign = WorkshopRepository(repo.store, repo).join(workshop.join_code, "Team Copperbelt")
    at = _open(c=campaign.id, step="profile")
    box(at, "f:profile.name").input("Every Child Counts")
    rerun(at)
    at.query_params["step"] = "settings"
    rerun(at)
    assert _listed(at)[0]["By"] == "Team Copperbelt"


def test_two_tabs_on_one_link_are_two_writers(repo: CampaignRepository, example: Campaign) -> None:
    one, two = _open(c=example.id, step="profile"), _open(c=example.id, step="profile")
    box(one, "f:profile.country").input("Nepal")
    rerun(one)
    box(two, "f:profile.area").input("Bagmati")  # merged with the first tab's save: a burst of its own
    rerun(two)
    box(one, "f:profile.country").input("Nepal, again")
    rerun(one)
    assert repo.revisions(example.id) == [1, 2, 3, 4], "each tab's bursts are its own, never the other's"
    assert repo.load_revision(example.id, 2).answer("profile", "country") == "Nepal"


def test_after_a_save_only_the_newest_burst_is_read_again(
    repo: CampaignRepository, example: Campaign, monkeypatch
) -> None:
    for name in ("One", "Two", "Three"):
        current = repo.load(example.id)
        changed = current.copy()
        changed.set_answer("profile", "name", name)
        repo.save(changed, current)  # no writer: a burst each
    read: list[int] = []
    loading = CampaignRepository.load_burst
    monkeypatch.setattr(
        CampaignRepository, "load_burst", lambda self, cid, number: read.append(number) or loading(self, cid, number)
    )
    at = _open(c=example.id, step="settings")
    assert sorted(read) == [1, 2, 3, 4] and len(_listed(at)) == 4
    read.clear()
    at.radio(key="f:settings.paper").set_value("letter")  # a save on this page: a new burst to list
    rerun(at)
    assert sorted(read) == [4, 5] and len(_listed(at)) == 5, "the newest then and now are read, no other"
