"""How many versions a typing session leaves: saves, listed versions, files and bytes kept, before and after
editing bursts, on a local folder; then what the retention rule keeps of a year of such sessions.

A scripted session types an answer one key at a time, one save a second (166 saves, as measured in issue 16),
the way the page saves. "Before" saves without naming the writer (every save its own version, as before
bursts); "after" names it, as the page does. The year: one such session a day for 365 days, thinned.
Figures only, no pass or fail.  Usage: python -m bench.history [SAVES]   (default 166; about 4 minutes)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from campaign import Campaign, CampaignRepository, load_worksheets
from campaign.history import thin
from campaign.storage import LocalFolderStore

PACK = load_worksheets()
TEXT = "Every social worker in Copperbelt Province has a caseload of at most 60 children by the end of 2027. "


def _at(moment: dt.datetime) -> Callable[[], dt.datetime]:
    """Return a clock stopped at `moment`."""
    return lambda: moment


def _session(repository: CampaignRepository, base: Campaign, saves: int, by: str | None) -> Campaign:
    for key in range(1, saves + 1):
        repository.clock = _at(repository.clock() + dt.timedelta(seconds=1))
        mine = base.copy()
        mine.set_answer("objectives", "goal", (TEXT * 3)[:key])
        base = repository.save(mine, base, by=by).campaign
    return base


def _kept(folder: Path, campaign: Campaign, repository: CampaignRepository) -> tuple[int, int, int]:
    files = list((folder / f"campaigns/{campaign.id}/revisions").iterdir())
    return len(repository.revisions(campaign.id)), len(files), sum(f.stat().st_size for f in files)


def main(saves: int) -> None:
    print(f"one typing session, {saves} saves (one a second):")
    print(f"{'':8}{'versions listed':>16}{'files kept':>12}{'bytes kept':>12}")
    for label, by in (("before", None), ("after", "")):
        with tempfile.TemporaryDirectory() as folder:
            repository = CampaignRepository(LocalFolderStore(Path(folder)), PACK)
            repository.clock = _at(dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC))
            campaign = _session(repository, repository.create(Campaign(id=""), by=by), saves, by)
            listed, files, size = _kept(Path(folder), campaign, repository)
            print(f"{label:8}{listed:>16}{files:>12}{size:>12}")
    with tempfile.TemporaryDirectory() as folder:
        repository = CampaignRepository(LocalFolderStore(Path(folder)), PACK)
        day = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)
        repository.clock = _at(day)
        campaign = repository.create(Campaign(id=""), by="")
        for number in range(365):
            repository.clock = _at(day + dt.timedelta(days=number))
            campaign = _session(repository, campaign, 20, "")
        before = _kept(Path(folder), campaign, repository)
        thin(repository, campaign.id, now=repository.clock())
        after = _kept(Path(folder), campaign, repository)
    print(f"a year of daily sessions (20 saves each, {365 * 20} saves): {before[0]} versions before thinning,")
    print(f"{after[0]} after it ({after[1]} files, {after[2]} bytes): the last 14 days, one a day to 90, one a month")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 166)
