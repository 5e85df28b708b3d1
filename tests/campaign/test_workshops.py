"""Workshops: secret facilitator links, join codes that are easy to read aloud, groups kept apart."""

import threading

import pytest

from campaign.completeness import campaign_progress
from campaign.model import Campaign
from campaign.repository import CampaignRepository
from campaign.storage import BlobStore
from campaign.worksheet import load_worksheets
from campaign.workshop import CODE_ALPHABET, normalise_code, show_code
from campaign.workshops import JoinRefused, WorkshopRepository

PACK = load_worksheets()


@pytest.fixture
def workshops(store: BlobStore) -> WorkshopRepository:
    return WorkshopRepository(store, CampaignRepository(store, PACK))


def test_a_join_code_has_no_look_alike_characters(workshops: WorkshopRepository) -> None:
    assert not set("0O1IL") & set(CODE_ALPHABET)
    workshop, token = workshops.create("Lusaka forum", "2027-03-16", "Lusaka", "en")
    assert len(workshop.join_code) == 6 and set(workshop.join_code) <= set(CODE_ALPHABET)
    assert normalise_code(f" {show_code(workshop.join_code).lower()} ") == workshop.join_code
    assert len(token) == 32 and token not in repr(workshop)  # only its hash is stored


def test_the_facilitator_link_and_the_code_find_the_workshop(workshops: WorkshopRepository) -> None:
    workshop, token = workshops.create("Forum")
    assert workshops.by_token(token).id == workshop.id
    assert workshops.by_code(show_code(workshop.join_code)).id == workshop.id
    assert workshops.by_token(workshop.id) is None  # the public id is not a facilitator link
    assert workshops.by_token("x" * 32) is None and workshops.by_token("../../etc") is None
    assert workshops.by_code("ZZZZZZ") is None and workshops.by_code("../x") is None


def test_joining_gives_a_group_its_own_campaign_linked_to_the_workshop(workshops: WorkshopRepository) -> None:
    workshop, _ = workshops.create("Forum", language="fr")
    after, campaign = workshops.join(workshop.join_code.lower(), "  Table   3 ")
    assert campaign.workshop == workshop.id and campaign.language == "fr"
    assert [(g.name, g.campaign_id) for g in after.groups] == [("Table 3", campaign.id)]
    assert workshops.campaigns.load(campaign.id).workshop == workshop.id


@pytest.mark.parametrize(
    ("code", "name", "message"),
    [
        ("WRONG1", "Table 1", "does not match any workshop"),
        ("", "Table 1", "does not match any workshop"),
        (None, "Table 1", "does not match any workshop"),
        ("{code}", "   ", "Type your group's name"),
    ],
)
def test_a_wrong_code_or_name_gets_a_clear_message(workshops: WorkshopRepository, code, name, message) -> None:
    workshop, _ = workshops.create("Forum")
    with pytest.raises(JoinRefused, match=message):
        workshops.join(code.format(code=workshop.join_code) if code else code, name)


def test_a_closed_workshop_refuses_new_groups_until_reopened(workshops: WorkshopRepository) -> None:
    workshop, _ = workshops.create("Forum")
    workshops.update(workshop.id, lambda w: setattr(w, "joining_open", False))
    with pytest.raises(JoinRefused, match="closed to new groups"):
        workshops.join(workshop.join_code, "Late table")
    workshops.update(workshop.id, lambda w: setattr(w, "joining_open", True))
    assert workshops.join(workshop.join_code, "Late table")[1].workshop == workshop.id


def test_groups_joining_at_the_same_moment_are_all_registered(workshops: WorkshopRepository) -> None:
    workshop, _ = workshops.create("Forum")
    failures: list[BaseException] = []

    def join(name: str) -> None:
        try:
            workshops.join(workshop.join_code, name)
        except BaseException as error:  # a thread's exception would otherwise vanish: the test says which
            failures.append(error)

    threads = [threading.Thread(target=join, args=(f"Table {n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, [f"{type(error).__name__}: {error}" for error in failures]
    stored = workshops.load(workshop.id)
    assert sorted(g.name for g in stored.groups) == sorted(f"Table {n}" for n in range(8))
    assert len({g.campaign_id for g in stored.groups}) == 8


def test_progress_shows_each_group_per_worksheet(workshops: WorkshopRepository) -> None:
    workshop, _ = workshops.create("Forum")
    _, first = workshops.join(workshop.join_code, "Table 1")
    workshops.join(workshop.join_code, "Table 2")
    edited = first.copy()
    edited.set_answer("profile", "name", "Count us")
    workshops.campaigns.save(edited, first)
    rows = workshops.progress(workshops.load(workshop.id), PACK)
    assert [r.group.name for r in rows] == ["Table 1", "Table 2"]
    assert rows[0].progress["profile"].share > 0 and rows[1].progress["objectives"].status == "not_started"
    assert rows[1].title == "Table 2 — Forum"  # a group's campaign is named after the group until it names itself
    assert rows[0].title == "Count us" and set(rows[0].progress) == {s.id for s in PACK.worksheets}
    assert rows[0].overall == campaign_progress(workshops.campaigns.load(first.id), PACK).overall  # the one rule


def test_a_campaign_outside_the_workshop_is_not_one_of_its_groups(workshops: WorkshopRepository) -> None:
    workshop, _ = workshops.create("Forum")
    outsider = workshops.campaigns.create(Campaign(id=""))
    assert workshop.group_for(outsider.id) is None


def test_joining_closed_while_a_group_joins_refuses_that_group(workshops: WorkshopRepository) -> None:
    workshop, _ = workshops.create("Kathmandu forum")
    original = workshops.update

    def close_first(workshop_id, change):  # the facilitator closes joining just before the group registers
        original(workshop_id, lambda w: setattr(w, "joining_open", False))
        return original(workshop_id, change)

    workshops.update = close_first  # type: ignore[method-assign]
    with pytest.raises(JoinRefused, match="closed to new groups"):
        workshops.join(workshop.join_code, "Late table")
    workshops.update = original  # type: ignore[method-assign]
    assert workshops.load(workshop.id).groups == []
