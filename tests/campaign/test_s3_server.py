"""The test S3 server keeps S3's promise for conditional writes: of many `PutObject`s with `If-Match` one ETag,
sent at once, exactly one is stored. (moto checks the condition and then writes, with its server's threads in
between: two writers could both win, and a test would see an acknowledged save lost where S3 loses none.)"""

from __future__ import annotations

import threading

from campaign.object_store import ObjectStore
from campaign.storage import PreconditionFailed
from tests.s3_server import new_bucket, s3_options

WRITERS, ROUNDS = 16, 25


def test_of_many_writes_with_one_if_match_exactly_one_is_stored(s3_endpoint: str) -> None:
    url, options = new_bucket(s3_endpoint), s3_options(s3_endpoint)
    stores = [ObjectStore(url, **options) for _ in range(WRITERS)]  # each its own connections, as servers have
    etag = stores[0].put("races/race.yaml", b"start")
    for round_number in range(ROUNDS):
        won, refused = _race(stores, etag, round_number)
        assert len(won) == 1 and len(refused) == WRITERS - 1, (round_number, won, refused)
        blob = stores[0].get("races/race.yaml")
        assert blob is not None and blob.data == f"{round_number} {won[0][0]}".encode()
        etag = won[0][1]


def _race(stores: list[ObjectStore], etag: str, round_number: int) -> tuple[list[tuple[int, str]], list[int]]:
    """Send one `PutObject` with `If-Match: etag` from every store at once; return who won (with the new ETag)
    and who was refused."""
    start, won, refused = threading.Barrier(len(stores)), [], []

    def write(number: int, store: ObjectStore) -> None:
        start.wait()
        try:
            won.append((number, store.put("races/race.yaml", f"{round_number} {number}".encode(), if_match=etag)))
        except PreconditionFailed:
            refused.append(number)

    threads = [threading.Thread(target=write, args=(n, s)) for n, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return won, refused
