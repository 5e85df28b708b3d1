"""A disconnected session finishes its last run and the rerun waiting (ui/last_report.py), on Streamlit's own queue.

The browser side is `tests/ui/test_typing_browser.py`'s `close` cases: a tab closed a quarter second after the
last key press, the stored YAML read back. Those pass most of the time even without the rule, because the race
needs the closing frame to reach the server before the script runner takes the rerun; these tests pin the rule
itself on Streamlit's own request queue, so a change in either direction fails here every time.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData, ScriptRequests, ScriptRequestType
from streamlit.runtime.websocket_session_manager import WebsocketSessionManager
from streamlit.testing.v1 import AppTest

from ui import last_report

APP = Path(__file__).resolve().parents[2] / "streamlit_app.py"


def _streamlit_stop() -> Callable[[ScriptRequests], None]:
    """Return Streamlit's own `request_stop`, whether or not the app has wrapped it in this process."""
    stop = ScriptRequests.request_stop
    return getattr(stop, "__wrapped__", stop)


def _waiting_rerun(typed: str) -> ScriptRequests:
    """Return a real request queue holding a rerun whose widget states carry one report, as a closing tab sends."""
    states = WidgetStates()
    state = states.widgets.add()
    state.id = "$$ID-answer-box-f:profile.name"
    state.json_value = f'{{"typed": {{"text": "{typed}", "id": "1"}}}}'
    requests = ScriptRequests()  # a runner's queue, as it is while the runner starts or runs
    assert requests.request_rerun(RerunData(widget_states=states))
    return requests


def _taken(requests: ScriptRequests) -> str | None:
    """Return the report the runner takes next, or None when the queue says stop."""
    request = requests.on_scriptrunner_ready()
    if request.type is not ScriptRequestType.RERUN:
        return None
    assert request.rerun_data.widget_states is not None
    return request.rerun_data.widget_states.widgets[0].json_value


def test_streamlit_drops_a_waiting_rerun_on_stop() -> None:
    """The loss this module exists for: Streamlit's plain stop throws the waiting rerun (and its report) away."""
    requests = _waiting_rerun("Kavre")
    _streamlit_stop()(requests)
    assert _taken(requests) is None


def test_a_disconnect_keeps_the_waiting_rerun_and_then_stops() -> None:
    stop = last_report._request_stop(_streamlit_stop())
    requests = _waiting_rerun("Kavre")
    with last_report.disconnecting():
        stop(requests)
    assert _taken(requests) == '{"typed": {"text": "Kavre", "id": "1"}}'
    assert _taken(requests) is None  # after that run, nothing more: the runner stops as after any run


def test_a_disconnect_lets_a_run_that_has_started_finish_then_the_runner_stops() -> None:
    """A run just started (its callbacks not yet run) is not stopped at its first check; after it, nothing runs."""
    stop = last_report._request_stop(_streamlit_stop())
    requests = _waiting_rerun("Kavre")
    assert _taken(requests) is not None  # the runner has taken the rerun: its script is running
    with last_report.disconnecting():
        stop(requests)
    check = requests.on_scriptrunner_ready  # what the runner asks when its run ends
    assert requests._state is ScriptRequestType.CONTINUE  # the checks inside the run find nothing to stop for
    assert check().type is ScriptRequestType.STOP


def test_any_other_stop_is_unchanged() -> None:
    stop = last_report._request_stop(_streamlit_stop())
    requests = _waiting_rerun("Kavre")
    stop(requests)  # not a disconnect (a rerun replacing this one, a closed session, a shut-down server)
    assert _taken(requests) is None
    running = _waiting_rerun("Kavre")
    _taken(running)
    stop(running)
    assert running._state is ScriptRequestType.STOP  # a running script is stopped at its next check


def test_the_app_installs_the_rule_once_and_streamlit_still_stops_through_it() -> None:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.run()
    assert not at.exception
    assert last_report.installed()
    wrapped = WebsocketSessionManager.disconnect_session
    last_report.let_runs_finish_on_disconnect()
    assert WebsocketSessionManager.disconnect_session is wrapped  # a second run wraps nothing again
    original = inspect.getsource(wrapped.__wrapped__)  # type: ignore[attr-defined]
    assert "request_script_stop()" in original  # the call the rule catches is still where Streamlit makes it
