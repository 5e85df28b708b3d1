"""bench/load.py's server: the app (or the bare app) under `streamlit run` on a free port, and its CPU and memory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

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
