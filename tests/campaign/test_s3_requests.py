"""What a save costs on S3, counted by the server itself (moto's request recorder): over the file this server
stored last, two requests (the PUT with If-Match its ETag, the revision's PUT); after another server's save,
that PUT is refused and the save reads (one GET: the bytes and their ETag together) and writes as before."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

import pytest

from campaign.example import example_campaign
from campaign.object_store import ObjectStore
from campaign.repository import CampaignRepository
from campaign.worksheet import load_worksheets
from tests.s3_server import moto_recorder, new_bucket, recorded_s3_server, s3_options

PACK = load_worksheets()


@pytest.fixture(scope="module")
def recorded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with recorded_s3_server(tmp_path_factory.mktemp("moto") / "recording.jsonl") as url:
        yield url


def _requests_during(url: str, action) -> Counter[str]:  # type: ignore[no-untyped-def]
    moto_recorder(url, "reset-recording")
    moto_recorder(url, "start-recording")
    action()
    moto_recorder(url, "stop-recording")
    lines = moto_recorder(url, "download-recording").decode().splitlines()
    return Counter(json.loads(line)["method"] for line in lines if line.strip())


def test_one_save_costs_two_requests(recorded_server: str) -> None:
    repository = CampaignRepository(ObjectStore(new_bucket(recorded_server), **s3_options(recorded_server)), PACK)
    base = repository.create(example_campaign(PACK))

    def three_saves() -> None:
        nonlocal base
        for number in range(3):
            mine = base.copy()
            mine.set_answer("objectives", "goal", f"Goal, version {number}")
            base = repository.save(mine, base).campaign

    counted = _requests_during(recorded_server, three_saves)
    assert counted == Counter({"PUT": 6}), counted  # nobody else saved: the stored file is the one it wrote


def test_a_save_after_another_servers_save_checks_that_revision_once(recorded_server: str) -> None:
    bucket = new_bucket(recorded_server)
    one = CampaignRepository(ObjectStore(bucket, **s3_options(recorded_server)), PACK)
    other = CampaignRepository(ObjectStore(bucket, **s3_options(recorded_server)), PACK)
    base = one.create(example_campaign(PACK))
    mine = base.copy()
    mine.set_answer("objectives", "goal", "Saved by the other server")
    theirs = other.save(mine, base).campaign

    def save_on_the_first() -> None:
        edit = theirs.copy()
        edit.set_answer("objectives", "goal", "Saved by the first again")
        one.save(edit, theirs)

    counted = _requests_during(recorded_server, save_on_the_first)
    # its write over the file it stored last is refused (412: nothing written), then it reads; the first server
    # did not keep revision 2 itself: it asks once whether that copy exists (a crash between the other server's
    # save and its copy would have left it out)
    assert counted == Counter({"GET": 1, "HEAD": 1, "PUT": 3}), counted
    assert one.revisions(base.id) == [1, 2, 3]


def test_a_save_that_continues_an_editing_burst_costs_two_requests(recorded_server: str) -> None:
    repository = CampaignRepository(ObjectStore(new_bucket(recorded_server), **s3_options(recorded_server)), PACK)
    base = repository.create(example_campaign(PACK), by="")

    def typing() -> None:
        nonlocal base
        for number in range(3):
            mine = base.copy()
            mine.set_answer("objectives", "goal", f"Goal, keystroke {number}")
            base = repository.save(mine, base, by="").campaign

    counted = _requests_during(recorded_server, typing)
    assert counted == Counter({"PUT": 6}), counted  # the burst's one file is overwritten: no more
    assert repository.revisions(base.id) == [1, 2]


def test_a_save_after_another_servers_burst_finds_it_kept(recorded_server: str) -> None:
    bucket = new_bucket(recorded_server)
    one = CampaignRepository(ObjectStore(bucket, **s3_options(recorded_server)), PACK)
    other = CampaignRepository(ObjectStore(bucket, **s3_options(recorded_server)), PACK)
    base = one.create(example_campaign(PACK))
    for number in range(2):  # a burst of two saves on the other server: its file, revisions/000002, holds 3
        mine = base.copy()
        mine.set_answer("objectives", "goal", f"Their goal {number}")
        base = other.save(mine, base, by="Group 2").campaign

    def save_on_the_first() -> None:
        edit = base.copy()
        edit.set_answer("objectives", "goal", "Saved by the first")
        one.save(edit, base, by="Group 1")

    counted = _requests_during(recorded_server, save_on_the_first)
    # revision 3 has no file of its own: the newest burst's file is read once to see that it holds it
    assert counted["PUT"] == 3 and counted["HEAD"] == 1, counted  # a refused PUT, then the two
    assert one.revisions(base.id) == [1, 2, 4], "no copy of revision 3 beside the burst that holds it"
