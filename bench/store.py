"""Print save and load latency (median, p95) for the local folder and an S3 protocol server, and saves/s.

The S3 server is moto's standalone server on 127.0.0.1, started here. Writers are threads of one process,
each saving the example campaign through `CampaignRepository.save` (parse, merge, check, conditional write).
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from campaign.example import example_campaign
from campaign.object_store import ObjectStore
from campaign.repository import SAVE_PATIENCE_SECONDS as SAVE_PATIENCE
from campaign.repository import CampaignRepository
from campaign.storage import BlobStore, LocalFolderStore, StorageError
from campaign.worksheet import load_worksheets
from tests.s3_server import REGION, s3_options, s3_server

PACK = load_worksheets()
ROUNDS = 60
FAILURES: list[int] = []


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def latency(repository: CampaignRepository) -> tuple[list[float], list[float], list[float]]:
    """Return (save, load, cold load) seconds for ROUNDS sequential edits of one campaign.

    A load right after this server's own save finds the bytes it wrote in its parse cache; a cold load
    (another server, or a restart) reads and parses them.
    """
    base = repository.create(example_campaign(PACK))
    saves, loads, cold = [], [], []
    for number in range(ROUNDS):
        mine = base.copy()
        mine.set_answer("objectives", "goal", f"Goal, version {number}")
        started = time.perf_counter()
        base = repository.save(mine, base).campaign
        saves.append(time.perf_counter() - started)
        started = time.perf_counter()
        repository.load(base.id)
        loads.append(time.perf_counter() - started)
        other_server = CampaignRepository(repository.store, PACK)
        started = time.perf_counter()
        other_server.load(base.id)
        cold.append(time.perf_counter() - started)
    return saves, loads, cold


def throughput(repository: CampaignRepository, writers: int, same_campaign: bool, seconds: float = 3.0) -> float:
    """Return saves per second with `writers` threads saving for `seconds`."""
    shared = repository.create(example_campaign(PACK))
    stop = time.monotonic() + seconds
    counts = [0] * writers

    def write(index: int) -> None:
        base = shared if same_campaign else repository.create(example_campaign(PACK))
        while time.monotonic() < stop:
            mine = base.copy()
            mine.set_answer("profile", "owner", f"writer {index} edit {counts[index]}")
            try:
                base = repository.save(mine, base).campaign
            except StorageError:
                FAILURES.append(index)
                continue
            counts[index] += 1

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started)


def main() -> None:
    with s3_server() as endpoint:
        options = s3_options(endpoint)
        with tempfile.TemporaryDirectory() as folder:
            s3 = ObjectStore("s3://bench-campaigns/app", **options)
            s3.fs.mkdir("bench-campaigns", region_name=REGION)
            stores: dict[str, Callable[[], BlobStore]] = {
                "local folder": lambda: LocalFolderStore(Path(folder)),
                "S3 (moto, 127.0.0.1)": lambda: s3,
            }
            print(f"{'store':<22}{'save':>16}{'load':>16}{'cold load':>16}   median / p95, ms")
            for name, make in stores.items():
                figures = latency(CampaignRepository(make(), PACK))
                cells = "".join(
                    f"{statistics.median(f) * 1000:>9.1f} /{percentile(f, 0.95) * 1000:>5.1f}" for f in figures
                )
                print(f"{name:<22}{cells}")
            print()
            print(f"{'store':<22}{'writers':>8}{'saves/s, own campaigns':>25}{'saves/s, one campaign':>24}")
            for name, make in stores.items():
                for writers in (1, 10, 40):
                    own = throughput(CampaignRepository(make(), PACK), writers, same_campaign=False)
                    one = throughput(CampaignRepository(make(), PACK), writers, same_campaign=True)
                    print(f"{name:<22}{writers:>8}{own:>25.1f}{one:>24.1f}")
            print(f"\nsaves refused after {SAVE_PATIENCE}s of retries: {len(FAILURES)}")


if __name__ == "__main__":
    main()
