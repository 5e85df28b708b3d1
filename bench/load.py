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
Figures print as a table; nothing is asserted. The clients are in bench/load_client.py, what they do in
bench/load_crowd.py, the server and its /proc figures in bench/load_server.py.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.bare_layout import bare_folder
from bench.load_client import Tally
from bench.load_crowd import DASHBOARD_SECONDS, Think, crowd, groups, warm_up
from bench.load_server import app_server, cpu_seconds, rss_mb
from campaign import CampaignRepository, load_worksheets, open_store
from campaign.example import example_campaign
from campaign.workshops import WorkshopRepository


def measure(
    size: int, seconds: float, members: int, nodelay: bool, filled: bool, bare: bool = False, think: Think = (3.0, 8.0)
) -> dict[str, float | int | str]:
    """Run one workshop of `size` participants against a fresh server (the app, or the bare app); return its
    figures."""
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    data = folder / "data"
    pack = load_worksheets()
    campaigns = CampaignRepository(open_store(data), pack)
    workshops = WorkshopRepository(campaigns.store, campaigns)
    groups.clear()
    if bare:
        code, token = "BARE00", "bare"
        bare_folder(data, pack, groups, -(-size // members) if filled else 0)
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
            asyncio.run(crowd(url, code, token, size, members, seconds, think, tally, pid))
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


def _fill_groups(workshops: WorkshopRepository, code: str, count: int, pack) -> None:  # type: ignore[no-untyped-def]
    """Join every group beforehand with the worked example's answers: the room late in the day."""
    example = example_campaign(pack)
    for number in range(count):
        _, joined = workshops.join(code, f"Table {number + 1}")
        full = joined.copy()
        full.answers = copy.deepcopy(example.answers)
        workshops.campaigns.save(full, joined)
        groups[f"Table {number + 1}"] = f"c={joined.id}&step=profile"


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
            row = measure(size, args.seconds, args.members, args.nodelay, args.filled, bare, (low, high))
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
