"""Saved answers survive crashes, full disks, racing writers, and hostile ids."""

import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from campaign.campaign_file import campaign_to_yaml
from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.object_store import ObjectStore
from campaign.reading import title
from campaign.repository import CampaignInvalid, CampaignNotFound, CampaignRepository
from campaign.storage import BlobStore, LocalFolderStore, PreconditionFailed, StorageError, open_store
from campaign.worksheet import load_worksheets
from tests.s3_server import s3_environment

PACK = load_worksheets()
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def repository(store: BlobStore) -> CampaignRepository:
    """A repository on each kind of store (see conftest: a folder and a real S3 protocol server)."""
    return CampaignRepository(store, PACK)


def location(store: BlobStore) -> str:
    return store.url if isinstance(store, ObjectStore) else str(store.root)  # type: ignore[attr-defined]


def test_create_gives_a_fresh_unguessable_id_whatever_the_file_said(repository: CampaignRepository) -> None:
    uploaded = example_campaign(PACK)
    first, second = repository.create(uploaded), repository.create(uploaded)
    assert first.id != uploaded.id and first.id != second.id
    assert len(first.id) == 22 and first.revision == 1
    assert repository.load(first.id).answers == uploaded.answers


def test_every_save_bumps_the_revision_and_keeps_the_old_ones(repository: CampaignRepository) -> None:
    base = repository.create(Campaign(id=""))
    for number in range(3):
        mine = base.copy()
        mine.set_answer("profile", "name", f"Name {number}")
        base = repository.save(mine, base).campaign
    assert base.revision == 4
    assert repository.revisions(base.id) == [1, 2, 3, 4]
    assert repository.load_revision(base.id, 2).answer("profile", "name") == "Name 0"
    restored = repository.restore(base.id, 2)
    assert restored.revision == 5 and restored.answer("profile", "name") == "Name 0"


def test_a_save_over_someone_elses_newer_save_merges(repository: CampaignRepository) -> None:
    base = repository.create(Campaign(id=""))
    alice, bob = base.copy(), base.copy()
    alice.set_answer("profile", "name", "Alice's name")
    bob.set_answer("profile", "country", "Kenya")
    repository.save(alice, base)
    result = repository.save(bob, base)
    assert result.merged and result.conflicts == []
    stored = repository.load(base.id)
    assert (stored.answer("profile", "name"), stored.answer("profile", "country")) == ("Alice's name", "Kenya")


def test_the_same_answer_saved_twice_is_a_reported_conflict(repository: CampaignRepository) -> None:
    base = repository.create(Campaign(id=""))
    alice, bob = base.copy(), base.copy()
    alice.set_answer("objectives", "goal", "Alice's goal")
    bob.set_answer("objectives", "goal", "Bob's goal")
    repository.save(alice, base)
    result = repository.save(bob, base)
    assert [(c.mine, c.theirs) for c in result.conflicts] == [("Bob's goal", "Alice's goal")]
    stored = repository.load(base.id)
    assert stored.answer("objectives", "goal") == "Alice's goal"
    assert [c.mine for c in stored.conflicts] == ["Bob's goal"]  # nothing lost, even after a refresh


@pytest.mark.parametrize("bad", ["", "short", "../../../etc/passwd", "A" * 21 + "/", "A" * 23, None, 42])
def test_malformed_ids_never_touch_storage(repository: CampaignRepository, bad: object) -> None:
    with pytest.raises(CampaignNotFound):
        repository.load(bad)  # type: ignore[arg-type]
    with pytest.raises(CampaignNotFound):
        repository.put_asset(bad, b"png")  # type: ignore[arg-type]
    assert repository.store.keys("campaigns") == []


@pytest.mark.parametrize("key", ["../x", "/etc/passwd", "a/../../b", ".hidden", "a//b", "a/./b"])
def test_keys_cannot_leave_the_data_folder(store: BlobStore, key: str) -> None:
    with pytest.raises(ValueError, match="unsafe storage key"):
        store.put(key, b"x")
    with pytest.raises(ValueError, match="unsafe storage key"):
        store.get(key)


def test_conditional_writes_refuse_a_stale_etag(store: BlobStore) -> None:
    first = store.put("k/v.yaml", b"one", if_absent=True)
    with pytest.raises(PreconditionFailed):
        store.put("k/v.yaml", b"two", if_absent=True)
    store.put("k/v.yaml", b"two", if_match=first)
    with pytest.raises(PreconditionFailed):
        store.put("k/v.yaml", b"three", if_match=first)
    assert store.get("k/v.yaml").data == b"two"
    assert store.get("k/missing.yaml") is None
    assert store.keys("k") == ["k/v.yaml"] and store.keys("nothing") == []


def _write_under_file_size_limit(folder: str, limit: int) -> None:
    # A child process whose files may not grow past `limit` bytes: writes fail like on a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    store = LocalFolderStore(Path(folder))
    try:
        store.put("c/campaign.yaml", b"y" * (limit * 4))
    except StorageError as error:
        print(error.message)
        sys.exit(3)


def test_a_write_that_runs_out_of_space_keeps_the_old_file(tmp_path: Path) -> None:
    store = LocalFolderStore(tmp_path)
    store.put("c/campaign.yaml", b"old answers")
    code = f"from tests.campaign.test_storage import _write_under_file_size_limit as w; w({str(tmp_path)!r}, 1000)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 3, result.stderr
    assert "your answer was not saved" in result.stdout and "Traceback" not in result.stderr
    assert store.get("c/campaign.yaml").data == b"old answers"
    assert list(tmp_path.rglob("*.tmp")) == []


def test_two_processes_racing_lose_no_update(repository: CampaignRepository, request: pytest.FixtureRequest) -> None:
    base = repository.create(Campaign(id=""))
    where = location(repository.store)
    environment = dict(os.environ)
    if where.startswith("s3://"):
        environment.update(s3_environment(request.getfixturevalue("s3_endpoint")))
    count = 12  # 24 partner rows: within the table's 30-row limit
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.campaign.workers", "race", where, base.id, name, str(count)],
            cwd=ROOT,
            env=environment,
        )
        for name in ("a", "b")
    ]
    assert [w.wait(timeout=120) for w in workers] == [0, 0]
    stored = repository.load(base.id)
    ids = {row["id"] for row in stored.rows("audiences", "partners")}
    assert ids == {f"{w}-{n}" for w in "ab" for n in range(count)}
    assert stored.answer("profile", "owner") == f"a {count - 1}"
    assert stored.answer("profile", "country") == f"b {count - 1}"
    assert stored.revision == 1 + 2 * count


def test_a_saver_killed_at_random_moments_always_leaves_a_loadable_campaign(tmp_path: Path) -> None:
    repository = CampaignRepository(LocalFolderStore(tmp_path / "data"), PACK)
    base = repository.create(example_campaign(PACK))
    folder = repository.store.root  # type: ignore[attr-defined]
    rng = random.Random(7)
    for _ in range(12):
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.campaign.workers", "save_forever", str(folder), base.id],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert worker.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.05))
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
        worker.stdout.close()
        loaded = repository.load(base.id)  # never half-written
        assert loaded.answer("objectives", "goal").startswith("goal ")
    store = LocalFolderStore(folder)
    store.remove_stale_temporary_files(max_age=0)
    assert list(Path(folder).rglob("*.tmp")) == []
    assert campaign_to_yaml(repository.load(base.id))
    assert os.listdir(folder)


def test_the_store_location_is_a_url_from_the_environment(s3_env: dict[str, str], tmp_path: Path) -> None:
    store = open_store()
    assert isinstance(store, ObjectStore) and store.url == s3_env["CAMPAIGN_STORE"]
    created = CampaignRepository(store, PACK).create(example_campaign(PACK))
    assert store.keys("campaigns") == [
        f"campaigns/{created.id}/campaign.yaml",
        f"campaigns/{created.id}/revisions/000001.yaml",
    ]
    assert isinstance(open_store(tmp_path), LocalFolderStore)
    assert isinstance(open_store(f"file://{tmp_path}"), LocalFolderStore)


def test_the_command_line_creates_campaigns_in_the_object_store(s3_env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "campaign", "new", "--title", "Shared"],
        cwd=ROOT,
        env=s3_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    campaign_id, where = result.stdout.split()
    assert where == f"{s3_env['CAMPAIGN_STORE']}/campaigns/{campaign_id}/campaign.yaml"
    assert title(CampaignRepository(open_store(), PACK).load(campaign_id), PACK) == "Shared"


def test_a_revision_copy_cut_off_by_a_crash_is_kept_at_the_next_save(tmp_path: Path) -> None:
    repository = CampaignRepository(LocalFolderStore(tmp_path), PACK)
    base = repository.create(Campaign(id=""))
    mine = base.copy()
    mine.set_answer("profile", "name", "Before the crash")
    saved = repository.save(mine, base).campaign
    (tmp_path / f"campaigns/{base.id}/revisions/000002.yaml").unlink()  # as if killed right after the save
    restarted = CampaignRepository(LocalFolderStore(tmp_path), PACK)  # a killed server starts again, knowing nothing
    restarted.save(saved.copy(), saved)
    assert repository.revisions(base.id) == [1, 2, 3]
    assert repository.load_revision(base.id, 2).answer("profile", "name") == "Before the crash"


def test_text_is_cleaned_before_it_is_stored(repository: CampaignRepository) -> None:
    base = repository.create(Campaign(id=""))
    mine = base.copy()
    mine.set_answer("profile", "name", "Cafe\u0301\x00 \x1bplan\ud800")
    saved = repository.save(mine, base).campaign
    assert saved.answer("profile", "name") == "Café plan"
    assert repository.load(base.id).answer("profile", "name") == "Café plan"


def test_a_change_that_breaks_a_worksheet_rule_is_refused_and_nothing_changes(repository: CampaignRepository) -> None:
    base = repository.create(Campaign(id=""))
    mine = base.copy()
    mine.set_answer("profile", "level", "galactic")
    with pytest.raises(CampaignInvalid, match="breaks a rule of the worksheet"):
        repository.save(mine, base)
    assert repository.load(base.id) == base


def test_an_upload_cannot_choose_its_id_workshop_or_owner(repository: CampaignRepository) -> None:
    victim = repository.create(Campaign(id=""), workshop="W" * 22, owner="amina@example.org")
    forged = example_campaign(PACK)
    forged.id, forged.workshop, forged.owner = victim.id, victim.workshop, victim.owner
    created = repository.create(forged)  # what the upload page does with a file
    assert created.id != victim.id and created.workshop is None and created.owner is None
    assert repository.load(victim.id).answers == {}  # the victim's campaign is untouched


def test_a_save_cannot_change_the_owner_or_workshop(repository: CampaignRepository) -> None:
    base = repository.create(Campaign(id=""), owner="amina@example.org")
    mine = base.copy()
    mine.owner, mine.workshop = "mallory@example.org", "W" * 22
    mine.set_answer("profile", "name", "Taken over?")
    saved = repository.save(mine, base).campaign
    assert (saved.owner, saved.workshop) == ("amina@example.org", None)
    assert repository.load(base.id).owner == "amina@example.org"


def test_an_owned_campaign_opens_only_for_its_owner() -> None:
    owned = Campaign(id="A" * 22, owner="amina@example.org")
    assert owned.may_be_opened_by("amina@example.org")
    assert not owned.may_be_opened_by("mallory@example.org") and not owned.may_be_opened_by(None)
    assert Campaign(id="B" * 22).may_be_opened_by(None)
