"""Kill a saving process at random moments, over and over; print whether the campaign always loaded.

Each round forks a child that saves the campaign in a loop (growing and shrinking answers), kills it with
SIGKILL after a random delay, then loads the campaign: it must read back as a whole revision, old or new.
Usage: python bench/kill.py [ROUNDS]   (default 1000)
"""

from __future__ import annotations

import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

from campaign.example import example_campaign
from campaign.repository import CampaignRepository
from campaign.storage import LocalFolderStore
from campaign.worksheet import load_worksheets


def save_until_killed(repository: CampaignRepository, campaign_id: str, seed: int) -> None:
    rng = random.Random(seed)
    base = repository.load(campaign_id)
    while True:
        mine = base.copy()
        mine.set_answer("objectives", "goal", f"goal {rng.random()} " + "word " * rng.randrange(600))
        base = repository.save(mine, base).campaign


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    pack = load_worksheets()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        repository = CampaignRepository(LocalFolderStore(Path(folder)), pack)
        campaign = repository.create(example_campaign(pack))
        first_goal = campaign.answer("objectives", "goal")
        loaded, failures, revisions_seen = 0, [], set()
        started = time.perf_counter()
        for number in range(rounds):
            child = os.fork()
            if child == 0:  # the saver: never returns
                try:
                    save_until_killed(repository, campaign.id, number)
                finally:
                    os._exit(1)
            time.sleep(rng.uniform(0.001, 0.1))
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            try:
                current = repository.load(campaign.id)
                goal = current.answer("objectives", "goal")
                assert goal == first_goal or goal.startswith("goal "), "the answer is neither the old nor a new one"
                revisions_seen.add(current.revision)
                loaded += 1
            except Exception as error:
                failures.append(f"round {number}: {type(error).__name__}: {error}")
        elapsed = time.perf_counter() - started
        stray = list(Path(folder).rglob("*.tmp"))
        removed = LocalFolderStore(Path(folder)).remove_stale_temporary_files(max_age=0)
        left = list(Path(folder).rglob("*.tmp"))
        final = repository.load(campaign.id)
        last = repository.save(final.copy(), final).campaign  # one more save repairs a revision copy cut off by a kill
        revisions = repository.revisions(campaign.id)
        gaps = sorted(set(range(1, last.revision + 1)) - set(revisions))
        print(f"saver processes killed: {rounds:,} in {elapsed:.0f} s")
        print(f"campaign loaded after the kill: {loaded:,} of {rounds:,}; failures: {len(failures)}")
        print(f"distinct revisions found after kills: {len(revisions_seen):,}; revisions saved: {last.revision:,}")
        print(f"revision copies kept: {len(revisions):,}; missing: {len(gaps)} {gaps[:10]}")
        print(f"stray temporary files after the kills: {len(stray)}; cleaned up: {removed}; left: {len(left)}")
        for failure in failures[:10]:
            print("  " + failure)


if __name__ == "__main__":
    main()
