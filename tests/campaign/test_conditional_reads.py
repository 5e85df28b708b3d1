"""A dashboard's refresh costs what the groups that changed cost: conditional reads (If-None-Match), and each
group's progress kept per process, so an unchanged group is one request with no bytes and no parse."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

import campaign.checked_files
import campaign.storage
from campaign.model import Campaign
from campaign.object_store import ObjectStore
from campaign.repository import CampaignRepository
from campaign.storage import Blob, BlobStore, LocalFolderStore, NotModified
from campaign.worksheet import load_worksheets
from campaign.workshop import Group, Workshop
from campaign.workshops import WorkshopRepository
from tests.s3_server import moto_recorder, new_bucket, recorded_s3_server, s3_options

PACK = load_worksheets()
GROUPS = 40


def test_a_conditional_read_of_an_unchanged_object_answers_not_modified(store: BlobStore) -> None:
    etag = store.get("a/b.yaml", if_none_match="whatever")
    assert etag is None, "a missing object is None, whatever the etag"
    store.put("a/b.yaml", b"first")
    first = store.get("a/b.yaml", if_none_match="an older etag")
    assert isinstance(first, Blob) and first.data == b"first"
    assert store.get("a/b.yaml", if_none_match=first.etag) == NotModified(first.etag)
    assert store.get("a/b.yaml") == first, "a plain read still returns the bytes"
    store.put("a/b.yaml", b"other", if_match=first.etag)  # same size, at once: a new file all the same
    second = store.get("a/b.yaml", if_none_match=first.etag)
    assert isinstance(second, Blob) and second.data == b"other" and second.etag != first.etag
    assert store.get("a/b.yaml", if_none_match=second.etag) == NotModified(second.etag)


def test_a_folder_skips_reading_a_settled_file_it_hashed_and_reads_a_replaced_one(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = LocalFolderStore(tmp_path / "data")
    store.put("a/k.yaml", b"one")
    hashed: list[bytes] = []
    real_etag = campaign.storage.etag_of
    monkeypatch.setattr(campaign.storage, "etag_of", lambda data: hashed.append(data) or real_etag(data))
    etag = real_etag(b"one")
    assert store.get("a/k.yaml", if_none_match=etag) == NotModified(etag)
    assert store.get("a/k.yaml", if_none_match=etag) == NotModified(etag)
    assert hashed == [b"one", b"one"], "a file changed just now is read and hashed again each time"
    monkeypatch.setattr(campaign.storage, "SETTLED_SECONDS", -1.0)  # as if the file had been still long enough
    hashed.clear()
    assert store.get("a/k.yaml", if_none_match=etag) == NotModified(etag)
    assert store.get("a/k.yaml", if_none_match=etag) == NotModified(etag)
    assert hashed == [b"one"], "once hashed with a settled stat, the unchanged file is not read again"
    store.put("a/k.yaml", b"two")  # a save: a new file renamed into place
    changed = store.get("a/k.yaml", if_none_match=etag)
    assert isinstance(changed, Blob) and changed.data == b"two"


def _workshop_of(workshops: WorkshopRepository, groups: int) -> tuple[Workshop, list[Campaign]]:
    workshop, _ = workshops.create("Forum")
    campaigns = [workshops.campaigns.create(Campaign(id=""), workshop=workshop.id) for _ in range(groups)]
    workshop = workshops.update(
        workshop.id,
        lambda stored: stored.groups.extend(Group(c.id, f"Table {n}") for n, c in enumerate(campaigns, 1)),
    )
    return workshop, campaigns


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The campaign files parsed from here on (the dashboard's own process, not the writer's cache)."""
    parsed: list[str] = []
    real = campaign.checked_files.read_stored

    def counted(data, pack, file, known):  # type: ignore[no-untyped-def]
        parsed.append(file)
        return real(data, pack, file, known)

    monkeypatch.setattr(campaign.checked_files, "read_stored", counted)
    return parsed


def _save_answer(repository: CampaignRepository, base: Campaign, text: str) -> Campaign:
    mine = base.copy()
    mine.set_answer("profile", "name", text)
    return repository.save(mine, base).campaign


def _answers(store: BlobStore, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What each of `store`'s reads answered, from here on."""
    answers: list[object] = []
    real = store.get

    def get(key: str, **conditions):  # type: ignore[no-untyped-def]
        answers.append(answer := real(key, **conditions))
        return answer

    monkeypatch.setattr(store, "get", get)
    return answers


def test_a_refresh_with_one_group_changed_parses_one_campaign(
    store: BlobStore, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = WorkshopRepository(store, CampaignRepository(store, PACK))  # the groups' server
    workshop, campaigns = _workshop_of(writer, GROUPS)
    board = WorkshopRepository(store, CampaignRepository(store, PACK))  # the dashboard's server
    first = board.progress(workshop, PACK)
    assert len(first) == GROUPS and len(parses) == GROUPS
    _save_answer(writer.campaigns, campaigns[6], "Count us")
    parses.clear()
    answers = _answers(store, monkeypatch)
    second = board.progress(workshop, PACK)
    assert parses == [campaigns[6].id], "only the group that saved is parsed"
    assert len(answers) == GROUPS and sum(isinstance(a, NotModified) for a in answers) == GROUPS - 1
    assert second[6].title == "Count us" and second[6].progress["profile"].share > 0
    assert [row for n, row in enumerate(second) if n != 6] == [row for n, row in enumerate(first) if n != 6]
    parses.clear()
    assert board.progress(workshop, PACK) == second and parses == []


def test_a_renamed_group_shows_its_new_name_without_a_read_of_its_campaign(store: BlobStore) -> None:
    workshops = WorkshopRepository(store, CampaignRepository(store, PACK))
    workshop, _ = _workshop_of(workshops, 2)
    workshops.progress(workshop, PACK)
    workshop.groups[1] = Group(workshop.groups[1].campaign_id, "Lusaka team")
    assert [row.group.name for row in workshops.progress(workshop, PACK)] == ["Table 1", "Lusaka team"]


@pytest.fixture(scope="module")
def recorded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with recorded_s3_server(tmp_path_factory.mktemp("moto") / "recording.jsonl") as url:
        yield url


def test_on_s3_a_refresh_with_one_of_40_changed_is_40_conditional_gets(recorded_server: str, parses) -> None:  # type: ignore[no-untyped-def]
    bucket = new_bucket(recorded_server)
    writer = WorkshopRepository(
        store := ObjectStore(bucket, **s3_options(recorded_server)), CampaignRepository(store, PACK)
    )
    workshop, campaigns = _workshop_of(writer, GROUPS)
    board_store = ObjectStore(bucket, **s3_options(recorded_server))
    board = WorkshopRepository(board_store, CampaignRepository(board_store, PACK))
    board.progress(workshop, PACK)
    _save_answer(writer.campaigns, campaigns[0], "Count us")
    parses.clear()
    moto_recorder(recorded_server, "reset-recording")
    moto_recorder(recorded_server, "start-recording")
    rows = board.progress(workshop, PACK)
    moto_recorder(recorded_server, "stop-recording")
    recorded = [json.loads(line) for line in moto_recorder(recorded_server, "download-recording").decode().splitlines()]
    assert [r["method"] for r in recorded] == ["GET"] * GROUPS, "one request a group, nothing else"
    assert all(r["headers"].get("If-None-Match") for r in recorded), "every read is conditional"
    assert parses == [campaigns[0].id] and rows[0].title == "Count us"
