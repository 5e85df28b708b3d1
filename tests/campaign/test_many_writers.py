"""Many writers saving into one campaign on S3 at once (a real moto server): no save is refused, and every
acknowledged save's answer is in the stored campaign."""

from __future__ import annotations

import threading

from campaign.model import Campaign
from campaign.object_store import ObjectStore
from campaign.repository import CampaignRepository
from campaign.storage import StorageError
from campaign.worksheet import load_worksheets
from tests.s3_server import new_bucket, s3_options

PACK = load_worksheets()
WRITERS, SAVES = 20, 2


def test_many_writers_on_one_s3_campaign_are_all_stored(s3_endpoint: str) -> None:
    url, options = new_bucket(s3_endpoint), s3_options(s3_endpoint)
    campaign_id = CampaignRepository(ObjectStore(url, **options), PACK).create().id
    start = threading.Barrier(WRITERS)
    acknowledged: list[str] = []
    refused: list[str] = []

    def writer(number: int) -> None:
        repository = CampaignRepository(ObjectStore(url, **options), PACK)  # a server of its own
        base: Campaign = repository.load(campaign_id)
        start.wait()
        for save in range(SAVES):
            row = f"w{number}-{save}"
            mine = base.copy()
            mine.set_answer(
                "activities", "activities", [*mine.rows("activities", "activities"), {"id": row, "activity": row}]
            )
            try:
                base = repository.save(mine, base).campaign
            except StorageError:
                refused.append(row)
                base = repository.load(campaign_id)
                continue
            acknowledged.append(row)

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    stored = CampaignRepository(ObjectStore(url, **options), PACK).load(campaign_id)
    rows = {row["id"]: row.get("activity") for row in stored.rows("activities", "activities")}
    assert refused == []
    assert sorted(acknowledged) == sorted(f"w{n}-{s}" for n in range(WRITERS) for s in range(SAVES))
    assert all(rows.get(row) == row for row in acknowledged), sorted(set(acknowledged) - set(rows))
    assert stored.revision == 1 + WRITERS * SAVES  # one revision per acknowledged save, none lost or doubled
