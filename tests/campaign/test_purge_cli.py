"""`python -m campaign purge-deleted` removes what was deleted long enough ago; `history` skips deleted campaigns."""

import datetime as dt
from pathlib import Path

from campaign import keeping
from campaign.repository import CampaignRepository
from campaign.storage import open_store
from campaign.worksheet import load_worksheets
from tests.campaign.test_cli import run


def test_purge_deleted_removes_only_campaigns_past_the_keeping_period(tmp_path: Path) -> None:
    data = tmp_path / "data"
    old, recent, live = (run("new", "--title", name, data_dir=data).stdout.split()[0] for name in "ABC")
    repository = CampaignRepository(open_store(data), load_worksheets())
    keeping.delete(repository, old, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=31))
    keeping.delete(repository, recent)
    result = run("purge-deleted", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [old] and "1 deleted campaign(s) removed for good" in result.stderr
    assert not (data / "campaigns" / old).exists()
    assert keeping.shelf(repository).deleted.keys() == {recent} and repository.campaign_ids() == [live]
    history = run("history", recent, data_dir=data)
    assert history.returncode == 1 and "no campaign" in history.stderr and "Traceback" not in history.stderr
