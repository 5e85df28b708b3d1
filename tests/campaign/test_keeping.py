"""Archive, delete with a keeping period, restore, the sweep, rename and duplicate: on a folder and on S3."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from campaign import keeping
from campaign.copies import duplicate, record_origin, rename, saved_copies
from campaign.model import Campaign
from campaign.reading import title
from campaign.repository import CampaignDeleted, CampaignNotFound, CampaignRepository
from campaign.storage import BlobStore
from campaign.worksheet import load_worksheets

PACK = load_worksheets()
DAY = dt.timedelta(days=1)
START = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def repository(store: BlobStore) -> CampaignRepository:
    return CampaignRepository(store, PACK)


def named(repository: CampaignRepository, name: str) -> Campaign:
    campaign = Campaign(id="")
    campaign.set_answer("profile", "name", name)
    return repository.create(campaign)


def test_an_archived_campaign_stays_listed_and_comes_back(repository: CampaignRepository) -> None:
    campaign = named(repository, "Fund Us")
    keeping.archive(repository, campaign.id)
    found = keeping.shelf(repository)
    assert found.archived == {campaign.id} and found.live == [campaign.id]
    assert repository.campaign_ids() == [campaign.id]
    mine = campaign.copy()  # a tab open on it still saves, and the save does not undo the archiving
    mine.set_answer("profile", "country", "Nepal")
    repository.save(mine, campaign)
    assert keeping.shelf(repository).archived == {campaign.id}
    keeping.unarchive(repository, campaign.id)
    assert keeping.shelf(repository).archived == set()


def test_a_deleted_campaign_leaves_every_listing_is_kept_and_comes_back(repository: CampaignRepository) -> None:
    kept, gone = named(repository, "Kept"), named(repository, "Gone")
    keeping.delete(repository, gone.id, now=START)
    assert repository.campaign_ids() == [kept.id]
    assert keeping.shelf(repository).deleted == {gone.id: START}
    with pytest.raises(CampaignDeleted):
        repository.load(gone.id)
    with pytest.raises(CampaignNotFound):
        repository.save(gone.copy(), gone)  # a tab still open on it: refused, as for any missing campaign
    assert title(keeping.read_deleted(repository, gone.id), PACK) == "Gone"
    keeping.undelete(repository, gone.id)
    assert sorted(repository.campaign_ids()) == sorted([kept.id, gone.id])
    assert title(repository.load(gone.id), PACK) == "Gone" and keeping.shelf(repository).deleted == {}
    assert repository.revisions(gone.id) == [1]


def test_the_sweep_removes_a_deleted_campaign_only_after_the_keeping_period(repository: CampaignRepository) -> None:
    old, recent, live = named(repository, "Old"), named(repository, "Recent"), named(repository, "Live")
    keeping.delete(repository, old.id, now=START)
    keeping.delete(repository, recent.id, now=START + 20 * DAY)
    assert keeping.purge_deleted(repository, now=START + 29 * DAY) == []
    assert repository.store.keys(f"campaigns/{old.id}")
    assert keeping.purge_deleted(repository, now=START + 30 * DAY) == [old.id]
    assert repository.store.keys(f"campaigns/{old.id}") == []  # revisions too
    with pytest.raises(CampaignNotFound) as raised:
        repository.load(old.id)
    assert not isinstance(raised.value, CampaignDeleted)
    assert keeping.shelf(repository).deleted == {recent.id: START + 20 * DAY}
    assert repository.campaign_ids() == [live.id] and repository.revisions(live.id) == [1]


def test_a_missing_campaign_is_not_found_for_every_action(repository: CampaignRepository) -> None:
    missing = "A" * 22
    for action in (keeping.archive, keeping.delete, keeping.undelete):
        with pytest.raises(CampaignNotFound):
            action(repository, missing)
    with pytest.raises(CampaignNotFound):
        keeping.archive(repository, "../../etc")
    assert repository.store.keys("campaigns") == []


def test_rename_sets_the_title_answer_and_merges_with_an_open_tab(repository: CampaignRepository) -> None:
    base = named(repository, "Fund Us")
    rename(repository, base.id, "  Fund Us 2027 ")
    tab = base.copy()  # a tab opened before the rename saves an answer: the new name stays
    tab.set_answer("profile", "country", "Nepal")
    stored = repository.save(tab, base).campaign
    assert title(stored, PACK) == "Fund Us 2027" and stored.answer("profile", "country") == "Nepal"


def logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "teal").save(out, format="PNG")
    return out.getvalue()


def test_a_duplicate_keeps_answers_settings_and_logo_under_a_new_id(repository: CampaignRepository) -> None:
    base = named(repository, "Fund Us")
    mine = base.copy()
    mine.set_answer("profile", "country", "Nepal")
    mine.settings.paper, mine.settings.logo = "letter", repository.put_asset(base.id, logo())
    source = repository.save(mine, base).campaign
    record_origin(repository, source.id, "B" * 22)
    copy = duplicate(repository, source.id, "Fund Us (copy)")
    stored = repository.load(copy.id)
    assert copy.id != source.id and stored.revision == 1 and repository.revisions(copy.id) == [1]
    assert title(stored, PACK) == "Fund Us (copy)" and stored.answer("profile", "country") == "Nepal"
    assert stored.settings == source.settings and stored.workshop is None and stored.conflicts == []
    assert repository.get_asset(copy.id, stored.settings.logo or "") == logo()
    assert saved_copies(keeping.shelf(repository), "B" * 22) == [source.id]  # the copy came from no file


def test_an_uploaded_file_is_found_again_by_its_id_or_its_origin(repository: CampaignRepository) -> None:
    stored = named(repository, "Here")
    assert saved_copies(keeping.shelf(repository), stored.id) == [stored.id]
    file_id = "C" * 22
    assert saved_copies(keeping.shelf(repository), file_id) == []
    made = named(repository, "Uploaded")
    record_origin(repository, made.id, file_id)
    assert saved_copies(keeping.shelf(repository), file_id) == [made.id]
    keeping.delete(repository, made.id)
    assert saved_copies(keeping.shelf(repository), file_id) == []


def test_renaming_to_the_same_name_stores_nothing_new(repository: CampaignRepository) -> None:
    base = named(repository, "Fund Us")
    assert rename(repository, base.id, "Fund Us ").revision == 1 and repository.revisions(base.id) == [1]


def test_a_save_that_slipped_in_during_a_deletion_comes_back_with_it(repository: CampaignRepository) -> None:
    base = named(repository, "Fund Us")
    mine = base.copy()
    mine.set_answer("profile", "country", "Nepal")
    repository.save(mine, base)  # revision 2, saved between the deletion's read and its removal:
    store, folder = repository.store, f"campaigns/{base.id}"
    first = store.get(f"{folder}/revisions/000001.yaml")
    assert first is not None
    store.put(f"{folder}/deleted/20260301T093000Z.yaml", first.data)  # the deletion kept what it had read
    store.delete(f"{folder}/campaign.yaml")
    keeping.undelete(repository, base.id)
    assert repository.load(base.id).answer("profile", "country") == "Nepal"


def test_the_sweep_drops_deletion_marks_left_beside_a_listed_campaign(repository: CampaignRepository) -> None:
    campaign = named(repository, "Fund Us")
    repository.store.put(f"campaigns/{campaign.id}/deleted/20260301T093000Z.yaml", b"left by a crash")
    assert keeping.shelf(repository).deleted == {} and keeping.shelf(repository).leftover == {campaign.id}
    assert keeping.purge_deleted(repository, now=START + 90 * DAY) == []
    assert repository.store.keys(f"campaigns/{campaign.id}/deleted") == []
    assert repository.load(campaign.id).revision == 1
    repository.store.delete(f"campaigns/{campaign.id}/never-there.yaml")  # removing nothing is no error
