"""The object store goes away during a save: refused, reset, 5xx, frozen, stopped. Nothing typed is lost.

Every fault is real: a moto S3 server in its own process, reached through a TCP relay that can refuse, reset,
answer 503 or stop passing bytes; the moto process itself is stopped or frozen with SIGSTOP. The code under test
is the app's own storage: ObjectStore (s3fs/botocore) and CampaignRepository, as the app opens them.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from campaign.model import Campaign
from campaign.object_store import ObjectStore
from campaign.repository import CampaignInvalid, CampaignRepository
from campaign.storage import StorageError
from campaign.worksheet import load_worksheets
from tests.campaign.store_relay import StoreRelay
from tests.s3_server import new_bucket, s3_options, s3_server_process

PACK = load_worksheets()
NEVER_HANGS_SECONDS = 120  # far above the store's own bound (object_store.CALL_SECONDS): only a real hang fails
ANSWERS = [("profile", "name"), ("profile", "country"), ("profile", "owner"), ("objectives", "goal")]


@pytest.fixture(scope="module")
def moto() -> Iterator[tuple[str, Any]]:
    """A moto server of this module's own, since these tests stop and freeze it."""
    with s3_server_process() as (url, process):
        yield url, process


@pytest.fixture
def relay(moto: tuple[str, Any]) -> Iterator[StoreRelay]:
    relay = StoreRelay(int(moto[0].rsplit(":", 1)[1]))
    yield relay
    relay.close()


def repository_behind(relay: StoreRelay, moto_url: str) -> CampaignRepository:
    """Return the repository on a fresh bucket of `moto_url`, reached only through `relay`."""
    return CampaignRepository(ObjectStore(new_bucket(moto_url), **s3_options(relay.url)), PACK)


def finishes(call: Callable[[], Any]) -> Any:
    """Return what `call` returned or raised (as an exception object); fail if it never comes back."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as error:  # handed to the test to judge
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(NEVER_HANGS_SECONDS)
    assert not thread.is_alive(), "the save hung: a store that hangs must be bounded"
    return outcome[0]


def assert_plain_failure(outcome: Any, *addresses: str) -> None:
    """The failure is the app's StorageError in plain words, naming no address of the store."""
    assert isinstance(outcome, StorageError) and not isinstance(outcome, CampaignInvalid), repr(outcome)
    assert "not saved" in outcome.message or "could not be read" in outcome.message
    for address in addresses:
        assert address not in outcome.message


def type_during_outage(repository: CampaignRepository, base: Campaign, count: int, *addresses: str) -> Campaign:
    """Type `count` answers as the page does while the store fails: each edit is kept and every save fails."""
    mine = base.copy()
    for number, (sheet, field) in enumerate(ANSWERS[:count]):
        mine.set_answer(sheet, field, f"typed during the outage, answer {number}")
        failure = finishes(lambda: repository.save(mine, base))
        assert_plain_failure(failure, *addresses)
        assert failure.message.startswith("your answer was not saved: the campaign store ")
    return mine


def lost_answers(stored: Campaign, mine: Campaign) -> list[str]:
    return [f"{s}.{f}" for s, f in ANSWERS if stored.answer(s, f) != mine.answer(s, f)]


@pytest.mark.parametrize("mode", ["refuse", "reset", "error", "freeze"])
def test_answers_typed_while_the_store_fails_are_all_stored_when_it_returns(
    mode: str, relay: StoreRelay, moto: tuple[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    repository = repository_behind(relay, moto[0])
    base = repository.create(Campaign(id=""))
    relay.set(mode)  # type: ignore[arg-type]
    addresses = ("127.0.0.1", str(relay.port), moto[0])
    with caplog.at_level(logging.DEBUG, logger="campaign"):
        mine = type_during_outage(repository, base, 2 if mode == "freeze" else 4, *addresses)
        assert_plain_failure(finishes(lambda: repository.load(base.id)), *addresses)
    assert relay.faulted > 0 or mode == "refuse", "the fault was really met (a refused connection is never accepted)"
    relay.set("forward")
    result = repository.save(mine, base)
    assert lost_answers(repository.load(base.id), mine) == []
    assert result.campaign.revision == base.revision + 1 and result.conflicts == []
    logged = [record.getMessage() for record in caplog.records]
    assert logged and not [line for line in logged if any(address in line for address in addresses)]


def test_a_stopped_store_fails_plainly_and_a_restored_one_takes_every_answer(relay: StoreRelay) -> None:
    with s3_server_process() as (first_url, first):
        relay.target_port = int(first_url.rsplit(":", 1)[1])
        repository = repository_behind(relay, first_url)
        base = repository.create(Campaign(id=""))
        store = repository.store
        assert isinstance(store, ObjectStore)
        backup = {key: store.get(key) for key in store.keys("campaigns")}
        first.terminate()  # the store is gone, as a crashed or stopped server is
        first.wait(timeout=10)
        mine = type_during_outage(repository, base, 3, "127.0.0.1", str(relay.port), first_url)
    with s3_server_process() as (second_url, _):  # the store comes back, its objects restored
        relay.target_port = int(second_url.rsplit(":", 1)[1])
        bucket = store.root.split("/", 1)[0]
        ObjectStore(f"s3://{bucket}/x", **s3_options(second_url)).fs.mkdir(bucket, region_name="eu-west-1")
        for key, blob in backup.items():
            assert blob is not None
            store.put(key, blob.data)
        repository.save(mine, repository.load(base.id))
        assert lost_answers(repository.load(base.id), mine) == []


def test_a_store_frozen_mid_save_is_bounded_and_every_answer_is_stored_after(
    relay: StoreRelay, moto: tuple[str, Any]
) -> None:
    url, process = moto
    repository = repository_behind(relay, url)
    base = repository.create(Campaign(id=""))
    mine = base.copy()
    for sheet, field in ANSWERS:
        mine.set_answer(sheet, field, f"typed before the freeze: {field}")
    started = relay.forwarded
    saving = threading.Thread(target=lambda: outcome.append(finishes(lambda: repository.save(mine, base))))
    outcome: list[Any] = []
    saving.start()
    while relay.forwarded == started and saving.is_alive():
        threading.Event().wait(0.001)  # the save has sent its first bytes: freeze the store now
    process.send_signal(signal.SIGSTOP)
    try:
        saving.join()
    finally:
        process.send_signal(signal.SIGCONT)
    if isinstance(outcome[0], BaseException):  # frozen before the campaign was written
        assert_plain_failure(outcome[0], "127.0.0.1", str(relay.port), url)
        repository.save(mine, base)  # the page's next try, once the store answers
    assert lost_answers(repository.load(base.id), mine) == []
