"""A campaign's kept versions: each save copied into its editing burst's file, and a copy a crash cut off made
good at the next save (the bursts themselves: campaign/history.py)."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import re
import threading
from collections import OrderedDict

from campaign.history import OpenBurst, place, with_note
from campaign.storage import BlobStore, StorageError

KNOWN_KEPT = 256  # the revisions a process remembers having kept itself
_REVISION_LINE = re.compile(rb"^revision: (\d+)$", re.MULTILINE)  # a stored file's own revision number
RESTORING: contextvars.ContextVar[int | None] = contextvars.ContextVar("restoring", default=None)


def revision_key(campaign_id: str, revision: int) -> str:
    """Return the key of the burst file named by its first revision (the id already checked)."""
    return f"campaigns/{campaign_id}/revisions/{revision:06d}.yaml"


def revision_numbers(store: BlobStore, campaign_id: str) -> list[int]:
    """Return the numbers of the kept bursts of a campaign (each its first revision), oldest first."""
    keys = store.keys(f"campaigns/{campaign_id}/revisions")
    return sorted(int(k.rsplit("/", 1)[1].removesuffix(".yaml")) for k in keys if k.endswith(".yaml"))


class RevisionKeeper:
    """Keeps each stored campaign file in its burst's revision file; one per repository."""

    def __init__(self, store: BlobStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._kept: OrderedDict[tuple[str, int], None] = OrderedDict()  # revisions this process saw stored
        self._open: dict[str, OpenBurst] = {}  # campaign id -> the burst this process may continue
        self._burst_locks: dict[str, threading.Lock] = {}

    def keep(self, campaign_id: str, revision: int, data: bytes, by: str | None, moment: dt.datetime) -> bool:
        """Copy a stored campaign file to its burst's revision file (one write: a new burst's, or the open one
        overwritten) and return True; if the store fails now, return False: the next save copies it
        (campaign/history.py)."""
        with self._burst_locks.setdefault(campaign_id, threading.Lock()):  # one writer of a burst file at a time
            start, note, still_open = place(self._open.get(campaign_id), revision, by, moment, RESTORING.get())
            with contextlib.suppress(StorageError):  # the campaign itself is stored: "not saved" would be false
                self.store.put(revision_key(campaign_id, start), with_note(data, note) if note.written else data)
                self._known_kept(campaign_id, revision)
                if still_open is None:
                    self._open.pop(campaign_id, None)
                else:
                    self._open[campaign_id] = still_open
                return True
        return False

    def _known_kept(self, campaign_id: str, revision: int) -> None:
        with self._lock:
            self._kept[(campaign_id, revision)] = None
            while len(self._kept) > KNOWN_KEPT:
                self._kept.popitem(last=False)

    def ensure_kept(self, campaign_id: str, revision: int, data: bytes) -> None:
        """Copy the stored file to its revision if a crash between a save and its copy left it out; the store is
        asked only about revisions this process did not keep itself (a save costs a request less)."""
        if (campaign_id, revision) in self._kept:
            return
        key = revision_key(campaign_id, revision)
        if not self.store.exists(key) and not self._in_newest_burst(campaign_id, revision):
            self.store.put(key, data)
        self._known_kept(campaign_id, revision)

    def _in_newest_burst(self, campaign_id: str, revision: int) -> bool:
        """Return True when the newest burst's file holds `revision`: a burst continued by another server (or
        by this one before it restarted), not a copy a crash cut off (two requests, only after a miss)."""
        earlier = [number for number in revision_numbers(self.store, campaign_id) if number < revision]
        blob = self.store.get(revision_key(campaign_id, earlier[-1])) if earlier else None
        found = _REVISION_LINE.search(blob.data) if blob is not None else None
        return found is not None and int(found[1]) == revision
