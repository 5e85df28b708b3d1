"""Coming back after a lost connection: make the browser redraw the page, so no edit is dropped silently.

Streamlit's browser client, once reconnected, asks for a rerun only when the page has a fragment that reruns
on a timer; otherwise it assumes the server kept its session. After a server restart, or a laptop asleep
longer than `server.disconnectedSessionTTL` (120 s), the server has a brand-new session that has never
drawn the page: the first answer typed then reaches no `on_change` callback, is replaced by the stored
value and is lost without a word (measured in tests/reliability/test_restart.py). A timed fragment that
draws nothing makes the client rerun the whole page on every reconnection, so the new session knows every
widget before the next answer is typed.
"""

from __future__ import annotations

import streamlit as st

WATCH_SECONDS = 600  # its own reruns do nothing; only its existence matters to the client


def redraw_after_reconnecting() -> None:
    """Make the browser rerun the whole page whenever its connection to the server comes back."""
    _watch()


@st.fragment(run_every=WATCH_SECONDS)
def _watch() -> None:
    pass
