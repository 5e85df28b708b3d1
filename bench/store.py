"""Save and load cost on a local folder and on S3 (moto), ours / floor / ratio in one interleaved run; then many
writers, each a process of its own, saving into one campaign on S3: refused saves and lost answers.

- Save: `CampaignRepository.save` of a one-answer edit of the example (validation, YAML, the conditional write
  and the revision copy; over the file this process stored last, so no read first) against the floor: the same
  edit put into the file's data, dumped with PyYAML's C dumper and written twice (the campaign, its revision)
  the way the store writes: on a folder a temporary file, fsync and rename; on S3 two PutObject.
- Save after another's: the same, but another repository (another server) saved an edit just before each one
  (not timed): the save then reads the stored file, parses and checks what changed in it (the worksheets the
  other left as they were are those of the file this one wrote: campaign/file_sections.py), merges with it
  and writes (on S3 a GET, a HEAD of the other's revision copy, the two PUTs), against the floor of that job:
  read the stored bytes, parse them whole with PyYAML's C loader, then the save floor above.
- Load: a fresh `CampaignRepository` per load (another server, or a restart: its parse cache is empty), so the
  bytes come from the store and are parsed and validated, against the floor: read the bytes, parse them with
  PyYAML's C loader.
- Writers: N processes (default 40), started together, each saving edits of its own row of one table of one
  campaign. Each writer's last acknowledged edit must be what the stored campaign holds at the end.
Figures only, no pass or fail.  Usage: python bench/store.py [ROUNDS] [WRITERS]   (default 30, 40)
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from campaign.blobs import BlobStore, StorageError
from campaign.campaign_file import campaign_to_data
from campaign.example import example_campaign
from campaign.model import Campaign
from campaign.object_store import ObjectStore
from campaign.repository import MANY_AT_ONCE, SAVE_PATIENCE_SECONDS, CampaignRepository
from campaign.storage import LocalFolderStore
from campaign.worksheet import load_worksheets
from tests.s3_server import new_bucket, s3_options, s3_server

PACK = load_worksheets()
SAVES_PER_WRITER = 5


def interleaved(jobs: dict[str, Callable[[int], object]], rounds: int) -> dict[str, float]:
    """Return each job's median ms over `rounds` rounds, the jobs in a rotated order each round (one warm-up)."""
    for job in jobs.values():
        job(-1)
    names = list(jobs)
    times: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        for name in names[number % len(names) :] + names[: number % len(names)]:
            start = time.perf_counter()
            timed = jobs[name](number)  # a job that prepares untimed returns the seconds it timed itself
            elapsed = timed if isinstance(timed, float) else time.perf_counter() - start
            times[name].append(elapsed * 1000)
    return {name: statistics.median(values) for name, values in times.items()}


def _floor_folder_write(root: Path, key: str, data: bytes) -> None:
    path = root / key
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def save_and_load(name: str, store: BlobStore, floor_put: Callable[[str, bytes], None], rounds: int) -> None:
    repository = CampaignRepository(store, PACK)
    state = {"base": repository.create(example_campaign(PACK))}
    data = campaign_to_data(state["base"])
    campaign_id = state["base"].id

    def ours(number: int) -> None:
        mine = state["base"].copy()
        mine.set_answer("objectives", "goal", f"Goal, version {number}")
        state["base"] = repository.save(mine, state["base"]).campaign

    def floor(number: int) -> None:
        data["answers"]["objectives"]["goal"] = f"Goal, version {number}"
        data["revision"] += 1
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False).encode()
        floor_put(f"floor/{campaign_id}/campaign.yaml", text)
        floor_put(f"floor/{campaign_id}/revisions/{data['revision']:06d}.yaml", text)

    other = CampaignRepository(store, PACK)  # another server saving the same campaign

    def ours_after_another(number: int) -> float:
        theirs = other.load(campaign_id)
        theirs.set_answer("profile", "name", f"Name, version {number}")
        other.save(theirs, other.load(campaign_id))
        mine = state["base"].copy()
        mine.set_answer("objectives", "goal", f"Goal after theirs, version {number}")
        start = time.perf_counter()
        state["base"] = repository.save(mine, state["base"]).campaign
        return time.perf_counter() - start

    def floor_after_another(number: int) -> None:
        blob = store.get(f"campaigns/{campaign_id}/campaign.yaml")
        assert blob is not None
        yaml.load(blob.data, Loader=yaml.CSafeLoader)  # noqa: TID251  # the floor: PyYAML's C parser, bare
        floor(number)

    def ours_load(_: int) -> None:
        CampaignRepository(store, PACK).load(campaign_id)

    def floor_load(_: int) -> None:
        blob = store.get(f"campaigns/{campaign_id}/campaign.yaml")
        assert blob is not None
        yaml.load(blob.data, Loader=yaml.CSafeLoader)  # noqa: TID251  # the floor: PyYAML's C parser, bare

    saves = interleaved({"ours": ours, "floor": floor}, rounds)
    after = interleaved({"ours": ours_after_another, "floor": floor_after_another}, rounds)
    loads = interleaved({"ours": ours_load, "floor": floor_load}, rounds)
    for measure, medians in (("one save", saves), ("save after another's", after), ("one load", loads)):
        ours, floor = medians["ours"], medians["floor"]
        print(f"{measure + ', ' + name:<32}{ours:>7.1f} ms{floor:>9.1f} ms{ours / floor:>7.2f}x")


def _load(repository: CampaignRepository, campaign_id: str) -> Campaign:
    """Load the campaign, trying again while the store is too busy to answer (setting up is not measured)."""
    while True:
        try:
            return repository.load(campaign_id)
        except StorageError:
            time.sleep(0.5)


def _writer(url: str, options: dict[str, Any], campaign_id: str, number: int, start_at: float, results: Any) -> None:
    """One writer process: wait for the common start, then save SAVES_PER_WRITER edits of its own activity row."""
    repository = CampaignRepository(ObjectStore(url, **options), PACK)
    base = _load(repository, campaign_id)
    last, refused, failed, waits = "", 0, 0, []
    time.sleep(max(0.0, start_at - time.time()))
    for save in range(SAVES_PER_WRITER):
        label = f"writer {number} save {save}"
        mine = base.copy()
        rows = [row for row in mine.rows("activities", "activities") if row["id"] != f"w{number}"]
        mine.set_answer("activities", "activities", [*rows, {"id": f"w{number}", "activity": label}])
        started = time.perf_counter()
        try:
            base = repository.save(mine, base).campaign
        except StorageError as error:  # refused after the patience, or the store did not answer in time
            refused, failed = refused + (error.template == MANY_AT_ONCE), failed + (error.template != MANY_AT_ONCE)
            base = _load(repository, campaign_id)
            continue
        waits.append(time.perf_counter() - started)
        last = label
    results.put((number, last, refused, failed, waits))


def many_writers(endpoint: str, writers: int) -> None:
    url, options = new_bucket(endpoint), s3_options(endpoint)
    repository = CampaignRepository(ObjectStore(url, **options), PACK)
    campaign_id = repository.create().id  # an empty campaign: room for one activity per writer (the table holds 40)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    start_at = time.time() + 10 + writers * 0.4  # time for every process to start and import
    processes = [
        context.Process(target=_writer, args=(url, options, campaign_id, n, start_at, results)) for n in range(writers)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=900) for _ in processes]
    for process in processes:
        process.join()
    stored = {row["id"]: row.get("activity") for row in repository.load(campaign_id).rows("activities", "activities")}
    refused = sum(count for _, _, count, _, _ in outcomes)
    failed = sum(count for _, _, _, count, _ in outcomes)
    acknowledged = writers * SAVES_PER_WRITER - refused - failed
    lost = [n for n, last, *_ in outcomes if last and stored.get(f"w{n}") != last]  # its last acknowledged edit
    waits = sorted(wait for *_, ws in outcomes for wait in ws)
    print(f"\n{writers} writer processes, {SAVES_PER_WRITER} saves each, one campaign on S3 (moto):")
    print(f"  saves acknowledged {acknowledged}, refused after {SAVE_PATIENCE_SECONDS:.0f} s of retries {refused}")
    print(f"  saves failed because the store did not answer in time (an overloaded machine): {failed}")
    print(f"  writers whose last acknowledged answer is not the stored one: {len(lost)}")
    if waits:
        print(f"  a save's wait: median {statistics.median(waits):.2f} s, slowest {waits[-1]:.2f} s")


def main(rounds: int, writers: int) -> None:
    print(f"{'measure':<30}{'ours':>12}{'floor':>12}{'ratio':>8}   median of {rounds} interleaved rounds")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        save_and_load("folder", LocalFolderStore(root), lambda key, data: _floor_folder_write(root, key, data), rounds)
    with s3_server() as endpoint:
        store = ObjectStore(new_bucket(endpoint), **s3_options(endpoint))
        save_and_load("S3 (moto)", store, lambda key, data: store.fs.pipe_file(f"{store.root}/{key}", data), rounds)
        many_writers(endpoint, writers)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30, int(sys.argv[2]) if len(sys.argv) > 2 else 40)
