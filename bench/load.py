"""A workshop under load: N groups editing at once over Streamlit's own WebSocket protocol, plus one dashboard.

Run: `.venv/bin/python bench/load.py [--sizes 10,20,40,80] [--seconds 45] [--think 3:8] [--members 1]
[--filled] [--nodelay] [--no-bare]` (about ten minutes with the defaults, the bare baseline included).

For each N a fresh `streamlit run` (shared mode, temporary data folder) serves the app on a free local port.
Each participant is a WebSocket client speaking the browser's protocol (BackMsg/ForwardMsg protobufs on
`/_stcore/stream`): it joins the workshop by its code through the join form, then, after a think time drawn
from `--think` seconds, either types a new answer into a text field of its step (75%) or jumps to another
step in the sidebar (25%); like a browser, it also reruns the banner fragment every time it asks to. One
more client keeps the facilitator's dashboard open and reruns its progress table every 5 seconds.
`--members` laptops share each group's campaign (each types into its own fields, so merges are exercised).
`--filled` starts every group with the worked example's answers (the heavier pages of late in the day)
instead of joining by code; `--nodelay` serves the app with TCP_NODELAY on (see NODELAY_LAUNCHER).

Latency is from sending an interaction to the server's "script finished": the whole rerun, including the
save to disk. Errors are exceptions drawn on a page, "not saved" or "not kept" messages, refused joins,
timeouts and dropped connections. After the run every campaign is read back from disk: an answer the
server acknowledged that is not there is lost. Memory is the server's resident set (VmRSS) two seconds
before the end, every session still connected, minus the resident set after a warm-up (one join, one
dashboard), divided by the sessions (participants + dashboard). The clients share the machine's cores
with the server. `STREAMLIT_RUNNER_POST_SCRIPT_GC=true` in the environment measures Streamlit's default.

Each N runs twice, the same way: against the app, then against a bare Streamlit app with the same widgets under
the same keys (bench/bare_app.py: the join form, a group's step with one widget per field, the dashboard with
its refreshing table; a plain PyYAML save, no checks). Both rows report the server's CPU per rerun: the CPU time
of the `streamlit run` process (user + system, /proc/PID/stat) over the crowd's minutes, divided by every rerun
the clients asked for (page opens, joins, edits, step changes, fragment refreshes, the dashboard's). The last
table prints ours / bare / ratio per N. `--no-bare` skips the baseline.
Figures print as a table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.bare_layout import bare_folder
from campaign import CampaignRepository, load_worksheets, open_store
from campaign.example import example_campaign
from campaign.workshops import WorkshopRepository

ROOT = Path(__file__).resolve().parents[1]

TIMEOUT = 30.0  # seconds before an interaction counts as an error
EDIT_SHARE = 0.75
DASHBOARD_SECONDS = 5.0
TEXT_FIELDS = {  # "sheet.field" -> its length limit, of every top-level text answer (a date box refuses words)
    f"{sheet.id}.{field.id}": getattr(field, "max_length", None) or 10_000
    for sheet in load_worksheets().worksheets
    for field in sheet.fields
    if field.type in ("text", "long_text")
}
TEXT_KINDS = ("text_input", "text_area", "bidi_component")  # the answer boxes are components (ui/answer_box.py)
BAD_WORDS = ("not saved", "not kept", "could not", "cannot")
RUN_DONE = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
# Streamlit 1.67 binds its listening socket with proto 0, so asyncio never sets TCP_NODELAY on accepted
# connections (uvicorn#3149): each burst of a rerun after the first waits for the browser's delayed ACK.
# `--nodelay` serves the app through this launcher, which sets it, to show what that costs.
NODELAY_LAUNCHER = """
import asyncio.base_events, socket, sys
def _set_nodelay(sock):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
asyncio.base_events._set_nodelay = _set_nodelay
from streamlit.web.cli import main
sys.argv[0] = "streamlit"
main()
"""


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


async def participant(url: str, code: str, name: str, member: int, members: int, tally: Tally, until: float) -> None:
    """Join (or, for a second laptop, open the group's link), then edit and move until `until`."""
    session = Session(url, tally)
    try:
        await session.open()
        if member == 0 and name not in _groups:
            session.query = f"join={code}"
            await session.run()
            form = session.widgets
            submit = next(w for k, w in form.items() if k.startswith("FormSubmitter:join-workshop"))
            tally.joins.append(
                await session.run([_text(form["join-code"], code), _text(form["join-name"], name), _trigger(submit)])
            )
            if session.param("c") is None:
                tally.errors.append(f"join refused for {name}")
                return
            _groups[name] = session.query
        else:
            while name not in _groups:
                await asyncio.sleep(0.2)
            session.query = _groups[name]
            await session.run()
        await _work(session, member, members, tally, until)
    except (TimeoutError, websockets.ConnectionClosed, RuntimeError, StopIteration, KeyError) as error:
        tally.errors.append(f"{type(error).__name__}: {error}"[:160])
    finally:
        await session.close()


_groups: dict[str, str] = {}  # group name -> its query string (the private link), for second laptops


async def _work(session: Session, member: int, members: int, tally: Tally, until: float) -> None:
    low, high = _think
    counter = 0
    last_refresh = time.monotonic()
    while time.monotonic() < until:
        await asyncio.sleep(random.uniform(low, high))
        for fragment, interval in list(session.fragments.items()):
            if time.monotonic() - last_refresh >= interval:
                tally.refreshes.append(await session.run(fragment=fragment))
                last_refresh = time.monotonic()
        fields = sorted(k for k, w in session.widgets.items() if _own_field(k, w, member, members))
        if fields and random.random() < EDIT_SHARE:
            counter += 1
            key = random.choice(fields)
            limit = session.widgets[key].max_chars or TEXT_FIELDS[key[2:]]  # a box has no max_chars: the field's
            value = f"m{member} #{counter}: typed under load"[:limit]
            elapsed = await session.run([_typed(session.widgets[key], value, counter)])
            tally.edits.append(elapsed)
            tally.actions.append(elapsed)
            tally.written[(session.param("c") or "", key[2:])] = value
        else:
            nav = session.widgets["nav-step"]
            step = random.choice(nav.options)
            elapsed = await session.run([WidgetState(id=nav.id, string_value=step)])
            tally.moves.append(elapsed)
            tally.actions.append(elapsed)


def _own_field(key: str, widget: Widget, member: int, members: int) -> bool:
    # a top-level text answer ("f:profile.area"), shared out between the laptops of one group
    if not key.startswith("f:") or key[2:] not in TEXT_FIELDS or widget.kind not in TEXT_KINDS:
        return False
    return sum(map(ord, key)) % members == member


async def dashboard(url: str, token: str, tally: Tally, until: float) -> None:
    """Keep the facilitator's dashboard open, rerunning its progress table as the browser does."""
    session = Session(url, tally)
    try:
        await session.open()
        session.query = f"f={token}"
        tally.dashboard.append(await session.run())
        while time.monotonic() < until:
            await asyncio.sleep(DASHBOARD_SECONDS)
            for fragment in list(session.fragments):
                tally.dashboard.append(await session.run(fragment=fragment))
    except (TimeoutError, websockets.ConnectionClosed, RuntimeError) as error:
        tally.errors.append(f"dashboard {type(error).__name__}: {error}"[:160])
    finally:
        await session.close()


def _text(widget: Widget, value: str) -> WidgetState:
    return WidgetState(id=widget.id, string_value=value)


def _typed(widget: Widget, value: str, number: int) -> WidgetState:
    """Return what a browser sends when `value` is typed into an answer box (ui/answer_box.py) or a text widget."""
    if widget.kind == "bidi_component":  # the box reports its state as JSON: the text and a fresh report id
        return WidgetState(id=widget.id, json_value=json.dumps({"typed": {"text": value, "id": f"load-{number}"}}))
    return _text(widget, value)


def _trigger(widget: Widget) -> WidgetState:
    return WidgetState(id=widget.id, trigger_value=True)


_think = (3.0, 8.0)


@contextmanager
def app_server(data: Path, nodelay: bool = False, bare: bool = False) -> Iterator[tuple[str, int]]:
    """Serve the app (or, `bare`, bench/bare_app.py) with `streamlit run` on a free port; yield its address and
    process id."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CAMPAIGN_DATA_DIR": str(data), "ADVOCACY_MODE": "shared", "BARE_DATA": str(data)}
    launcher = ["-c", NODELAY_LAUNCHER] if nodelay else ["-m", "streamlit"]
    script = "bench/bare_app.py" if bare else "streamlit_app.py"
    command = [sys.executable, *launcher, "run", script, "--server.headless=true"]
    command += ["--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false"]
    log = (data.parent / "server.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def cpu_seconds(pid: int) -> float:
    """Return the CPU time a process has used so far (user + system), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime: fields 14 and 15


def rss_mb(pid: int, field_name: str = "VmRSS") -> float:
    """Return a process's resident memory in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def warm_up(url: str, code: str, token: str) -> None:
    """Load every module and cache once (a join, a step, the dashboard), so memory growth is the sessions'."""
    tally = Tally()
    await participant(url, code, "Warm-up table", 0, 1, tally, time.monotonic())
    await dashboard(url, token, tally, time.monotonic())


def measure(
    size: int, seconds: float, members: int, nodelay: bool, filled: bool, bare: bool = False
) -> dict[str, float | int | str]:
    """Run one workshop of `size` participants against a fresh server (the app, or the bare app); return its
    figures."""
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    data = folder / "data"
    pack = load_worksheets()
    campaigns = CampaignRepository(open_store(data), pack)
    workshops = WorkshopRepository(campaigns.store, campaigns)
    _groups.clear()
    if bare:
        code, token = "BARE00", "bare"
        bare_folder(data, pack, _groups, -(-size // members) if filled else 0)
    else:
        workshop, token = workshops.create("Load test", "2027-03-16", "Bench")
        code = workshop.join_code
        if filled:
            _fill_groups(workshops, code, -(-size // members), pack)
    try:
        with app_server(data, nodelay, bare) as (url, pid):
            asyncio.run(warm_up(url, code, token))
            time.sleep(1)
            before = rss_mb(pid)
            tally = Tally()
            cpu = cpu_seconds(pid)
            asyncio.run(_crowd(url, code, token, size, members, seconds, tally, pid))
            cpu = cpu_seconds(pid) - cpu
            after, peak = tally.rss, rss_mb(pid, "VmHWM")
        written = {} if bare else tally.written
        lost = sum(1 for (cid, path), value in written.items() if _stored(campaigns, cid, path) != value)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "app": "bare" if bare else "ours",
        "N": size,
        "actions": len(tally.actions),
        "p50": _pct(tally.actions, 50),
        "p95": _pct(tally.actions, 95),
        "edit p95": _pct(tally.edits, 95),
        "step p95": _pct(tally.moves, 95),
        "join p95": _pct(tally.joins, 95),
        "banner p95": _pct(tally.refreshes, 95),
        "board p95": _pct(tally.dashboard, 95),
        "errors": len(tally.errors),
        "lost": "-" if bare else lost,
        "MB/session": (after - before) / (size + 1),
        "RSS MB": after,
        "peak MB": peak,
        "reruns": tally.reruns,
        "CPU/rerun": cpu * 1000 / max(tally.reruns, 1),
        "first error": tally.errors[0] if tally.errors else "",
    }


def _fill_groups(workshops: WorkshopRepository, code: str, groups: int, pack) -> None:  # type: ignore[no-untyped-def]
    """Join every group beforehand with the worked example's answers: the room late in the day."""
    example = example_campaign(pack)
    for number in range(groups):
        _, joined = workshops.join(code, f"Table {number + 1}")
        full = joined.copy()
        full.answers = copy.deepcopy(example.answers)
        workshops.campaigns.save(full, joined)
        _groups[f"Table {number + 1}"] = f"c={joined.id}&step=profile"


async def _crowd(
    url: str, code: str, token: str, size: int, members: int, seconds: float, tally: Tally, pid: int
) -> None:
    arrive = min(10.0, size / 4)  # groups join over a few seconds, as a room does after the code is shown
    until = time.monotonic() + arrive + seconds
    board = asyncio.create_task(dashboard(url, token, tally, until))

    async def sample_memory() -> None:
        await asyncio.sleep(until - time.monotonic() - 2)
        tally.rss = rss_mb(pid)

    async def one(number: int) -> None:
        await asyncio.sleep(random.uniform(0, arrive))
        group = number // members
        await participant(url, code, f"Table {group + 1}", number % members, members, tally, until)

    await asyncio.gather(*(one(n) for n in range(size)), board, sample_memory())


def _stored(campaigns: CampaignRepository, campaign_id: str, path: str) -> object:
    sheet, field_id = path.split(".")
    return campaigns.load(campaign_id).answer(sheet, field_id)


def _pct(values: list[float], percent: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def main() -> None:
    global _think
    # a plain `kill` must still stop the app server: turn SIGTERM into an exit that runs the `finally` blocks
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,20,40,80", help="participant counts, comma-separated")
    parser.add_argument("--seconds", type=float, default=45, help="steady-state seconds per size")
    parser.add_argument("--think", default="3:8", help="seconds between one participant's interactions, low:high")
    parser.add_argument("--members", type=int, default=1, help="laptops per group sharing one campaign")
    parser.add_argument("--nodelay", action="store_true", help="serve with TCP_NODELAY set (see NODELAY_LAUNCHER)")
    parser.add_argument("--filled", action="store_true", help="groups start with the worked example's answers")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare app's baseline")
    args = parser.parse_args()
    low, high = (float(x) for x in args.think.split(":"))
    _think = (low, high)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{os.cpu_count()} cores; think time {low:g}-{high:g} s; {args.seconds:g} s per size after joining; "
        f"{args.members} laptop(s) per group; one dashboard refreshing every {DASHBOARD_SECONDS:g} s; "
        f"TCP_NODELAY {'on' if args.nodelay else 'off (as Streamlit serves it)'}; "
        f"groups start {'with the worked example filled in' if args.filled else 'empty and join by code'}"
    )
    parser_bare = not args.no_bare
    columns = ["app", "N", "actions", "p50", "p95", "edit p95", "step p95", "join p95", "banner p95", "board p95"]
    columns += ["errors", "lost", "MB/session", "RSS MB", "peak MB", "reruns", "CPU/rerun"]
    print("".join(f"{c:>11}" for c in columns) + "   (times in ms)")
    errors, cpu = [], []
    for size in sizes:
        pair = {}
        for bare in (False, True) if parser_bare else (False,):
            row = measure(size, args.seconds, args.members, args.nodelay, args.filled, bare)
            print("".join(_cell(row[c]) for c in columns), flush=True)
            pair[row["app"]] = float(row["CPU/rerun"])
            if row["first error"]:
                errors.append(f"N={size} ({row['app']}): {row['first error']}")
        cpu.append((size, pair))
    for line in errors:
        print("first error at", line)
    if parser_bare:
        print("\nserver CPU per rerun (ms): ours / bare Streamlit with the same widgets / ratio")
        for size, pair in cpu:
            print(f"N={size:<5} {pair['ours']:>8.2f} / {pair['bare']:>8.2f} / {pair['ours'] / pair['bare']:>5.2f}x")


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:>11.1f}"
    return f"{value!s:>11}"


if __name__ == "__main__":
    main()
