"""A tab closed right after typing still stores what was typed: a disconnect lets the last run finish.

When a tab closes, the answer boxes send what they hold (static/answer_box.js, on `beforeunload` and
`pagehide`), and the socket closes a moment later. Streamlit 1.67 then disconnects the session, and
disconnecting asks the script runner to stop. Two runs could be lost that way, and with them the callbacks
that store the last answers: a rerun requested but not yet started is thrown away with its widget states, and
a run that has just started (Streamlit starts a new runner for every rerun) is stopped at its first check,
before its callbacks run. Measured in Chromium by clicking from one box into another, typing five letters and
closing the tab at once: the second answer was lost in 2 or 3 closes out of 12.

`let_runs_finish_on_disconnect()` changes only that one path: while a session is being disconnected, a stop request is
ignored. The runner finishes the run it has (or runs the one waiting), finds nothing more to do and stops, as
every runner does after a run: a closed tab costs at most one page run of the server's time. Every other stop
(a rerun replacing the last one, a closed session, the Stop menu, a shut-down server) is unchanged. The private
names this relies on are checked at start-up and by `tests/ui/test_last_report.py`, so a Streamlit that moves
them fails a test instead of losing answers quietly.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from streamlit.runtime.scriptrunner_utils.script_requests import ScriptRequests
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

_disconnecting = threading.local()  # set on the event loop thread while a session is being disconnected
_MARK = "_advocacy_lets_runs_finish"


def _request_stop(original: Callable[[ScriptRequests], None]) -> Callable[[ScriptRequests], None]:
    @functools.wraps(original)
    def request_stop(self: ScriptRequests) -> None:
        if getattr(_disconnecting, "active", False):
            return  # the run (or the rerun waiting) carries the closed tab's last reports: it ends by itself
        original(self)

    return request_stop


@contextmanager
def disconnecting() -> Iterator[None]:
    """Within this block (on this thread), a stop request leaves the script runner to finish its runs."""
    _disconnecting.active = True
    try:
        yield
    finally:
        _disconnecting.active = False


def _disconnect_session(original: Callable[..., None]) -> Callable[..., None]:
    @functools.wraps(original)
    def disconnect_session(self: WebsocketSessionManager, session_id: str, *args: Any, **kwargs: Any) -> None:
        with disconnecting():
            original(self, session_id, *args, **kwargs)

    return disconnect_session


def installed() -> bool:
    """Return True when a disconnect lets the last run finish (the rule is in place)."""
    return bool(getattr(WebsocketSessionManager.disconnect_session, _MARK, False))


def let_runs_finish_on_disconnect() -> None:
    """Make a session's disconnect let its last run finish (idempotent; safe to call on every run)."""
    if installed():
        return
    stop = _request_stop(ScriptRequests.request_stop)
    disconnect = _disconnect_session(WebsocketSessionManager.disconnect_session)
    setattr(disconnect, _MARK, True)
    ScriptRequests.request_stop = stop  # type: ignore[method-assign,assignment]
    WebsocketSessionManager.disconnect_session = disconnect  # type: ignore[method-assign]
