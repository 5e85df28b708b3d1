"""Answers the store did not take, kept by the server process and sent again in the background until stored.

A session keeps its unsaved answers only while its page is open: a reload or a closed tab during a store
outage starts a new session, and the old one never runs again. So each failed save is also handed here: a
thread per session and campaign sends the waiting answers again with back-off until the store takes them,
whether or not the page is still open. The session, when it runs again, adopts what was delivered as its last
save, so its next edit is not taken for a clash with its own answers. (A restart of the server itself loses
this copy; the answer boxes keep theirs in the browser.)
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from campaign import Campaign, CampaignInvalid, CampaignNotFound, CampaignRepository, StorageError

FIRST_SECONDS = 1.0
LAST_SECONDS = 30.0
_log = logging.getLogger(__name__)


@dataclass
class _Waiting:
    mine: Campaign  # every answer the session holds that the store has not taken
    base: Campaign  # the session's last save
    delivered: Campaign | None = None  # what the store holds once the thread has sent `mine`


_lock = threading.Lock()
_waiting: dict[str, _Waiting] = {}
_senders: dict[str, threading.Thread] = {}


def hold(key: str, repository: CampaignRepository, mine: Campaign, base: Campaign) -> None:
    """Keep `mine`, an edit of `base` the store refused, and send it in the background until it is stored."""
    with _lock:
        _waiting[key] = _Waiting(mine.copy(), base.copy())
        sender = _senders.get(key)
        if sender is not None and sender.is_alive():
            return  # it sends the newest answers on its next try
        sender = _senders[key] = threading.Thread(target=_send, args=(key, repository), daemon=True)
    sender.start()


def delivered(key: str) -> Campaign | None:
    """Return what the store holds once the background sender has stored this session's answers (once)."""
    with _lock:
        waiting = _waiting.get(key)
        if waiting is None or waiting.delivered is None:
            return None
        del _waiting[key]
        return waiting.delivered


def has_delivered(key: str) -> bool:
    """Return True when the background sender has stored this session's answers."""
    with _lock:
        waiting = _waiting.get(key)
        return waiting is not None and waiting.delivered is not None


def release(key: str) -> None:
    """Forget the answers kept under `key`: the session has stored them itself."""
    with _lock:
        _waiting.pop(key, None)


def _send(key: str, repository: CampaignRepository) -> None:
    delay = FIRST_SECONDS
    while True:
        time.sleep(delay)
        with _lock:
            waiting = _waiting.get(key)
        if waiting is None or waiting.delivered is not None:
            return
        try:
            result = repository.save(waiting.mine, waiting.base)
        except (CampaignInvalid, CampaignNotFound):
            release(key)  # can never be stored: the session says why on its next save
            return
        except StorageError:
            delay = min(LAST_SECONDS, delay * 2)
            continue
        except Exception:  # a thread's error reaches no page: say it in the log and keep trying
            _log.exception("sending answers again failed")
            delay = min(LAST_SECONDS, delay * 2)
            continue
        with _lock:
            if _waiting.get(key) is waiting:
                waiting.delivered = result.campaign
                return
        # answers typed meanwhile include these: sent against the same last save, the merge finds these
        # stored already, the same on both sides, and adds only the newer ones
        delay = FIRST_SECONDS
