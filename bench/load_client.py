"""bench/load.py's clients: one browser tab as Streamlit's server sees it (BackMsg/ForwardMsg over its WebSocket)."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

TIMEOUT = 30.0  # seconds before an interaction counts as an error
BAD_WORDS = ("not saved", "not kept", "could not", "cannot")
RUN_DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


@dataclass
class Widget:
    id: str
    kind: str
    options: list[str] = field(default_factory=list)
    max_chars: int = 0  # a browser cannot type more; the server would cut the value silently


@dataclass
class Tally:
    """What every client measured, for one N."""

    actions: list[float] = field(default_factory=list)  # ms, edits and step changes
    edits: list[float] = field(default_factory=list)
    moves: list[float] = field(default_factory=list)
    joins: list[float] = field(default_factory=list)
    refreshes: list[float] = field(default_factory=list)  # group banners rerunning by themselves
    dashboard: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    written: dict[tuple[str, str], str] = field(default_factory=dict)  # (campaign id, "sheet.field") -> value
    rss: float = float("nan")  # the server's resident MB near the end, every session still connected
    reruns: int = 0  # every rerun the clients asked for (whole pages and fragments)


class Session:
    """One browser tab, as the server sees it: a WebSocket, the URL's query, the widgets on the page."""

    def __init__(self, url: str, tally: Tally) -> None:
        self.url, self.tally = url, tally
        self.query = ""
        self.widgets: dict[str, Widget] = {}
        self.fragments: dict[str, float] = {}  # fragment id -> seconds between automatic reruns
        self.socket: websockets.ClientConnection | None = None

    async def open(self) -> None:
        address = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.socket = await websockets.connect(address, subprotocols=["streamlit"], max_size=None)  # type: ignore[list-item]

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def run(self, states: list[WidgetState] = (), fragment: str = "") -> float:  # type: ignore[assignment]
        """Ask for a rerun (with changed widget values, or of one fragment); return its time in ms."""
        assert self.socket is not None
        back = BackMsg()
        client = back.rerun_script
        client.query_string = self.query
        client.context_info.url = f"{self.url}/"
        client.widget_states.widgets.extend(states)
        if fragment:
            client.fragment_id, client.is_auto_rerun = fragment, True
        else:
            self.widgets, self.fragments = {}, {}
        start = time.perf_counter()
        self.tally.reruns += 1
        await self.socket.send(back.SerializeToString())
        await asyncio.wait_for(self._until_finished(), TIMEOUT)
        return (time.perf_counter() - start) * 1000

    async def _until_finished(self) -> None:
        assert self.socket is not None
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.socket.recv())
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self._element(message.delta.new_element)
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "auto_rerun":
                self.fragments[message.auto_rerun.fragment_id] = message.auto_rerun.interval
            elif kind == "script_finished":
                if message.script_finished in RUN_DONE:
                    return
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("the script did not compile")

    def _element(self, element) -> None:  # type: ignore[no-untyped-def]
        kind = element.WhichOneof("type")
        body = getattr(element, kind)
        if kind == "exception":
            self.tally.errors.append(f"exception: {body.message[:120]}")
        elif kind == "alert" and any(word in body.body.lower() for word in BAD_WORDS):
            self.tally.errors.append(f"message: {body.body[:120]}")
        widget_id = getattr(body, "id", "")
        if widget_id.startswith("$$ID-"):
            key = widget_id.split("-", 2)[2]
            self.widgets[key] = Widget(
                widget_id, kind, list(getattr(body, "options", [])), getattr(body, "max_chars", 0)
            )

    def param(self, name: str) -> str | None:
        pairs = dict(part.split("=", 1) for part in self.query.split("&") if "=" in part)
        return pairs.get(name)


def text_state(widget: Widget, value: str) -> WidgetState:
    return WidgetState(id=widget.id, string_value=value)


def typed_state(widget: Widget, value: str, number: int) -> WidgetState:
    """Return what a browser sends when `value` is typed into an answer box (ui/answer_box.py) or a text widget."""
    if widget.kind == "bidi_component":  # the box reports its state as JSON: the text and a fresh report id
        return WidgetState(id=widget.id, json_value=json.dumps({"typed": {"text": value, "id": f"load-{number}"}}))
    return text_state(widget, value)


def trigger_state(widget: Widget) -> WidgetState:
    return WidgetState(id=widget.id, trigger_value=True)
