"""Where the app listens: personal mode (every campaign listed, no sign-in) on this computer only, shared mode where
the operator says, a bare `streamlit run` on loopback too. Each server is really started and really connected to."""

from __future__ import annotations

import ipaddress
import os
import shlex
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from tests.s3_server import free_port
from tests.ui.browser import ROOT, stop_process, streamlit_command, wait_healthy


def outside_address() -> str:
    """Return an IPv4 address of this machine that is not loopback (how another machine on the Wi-Fi reaches it)."""
    found: list[str] = []
    with suppress(OSError):
        found += subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout.split()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:  # no packet is sent: it only picks a route
        try:
            probe.connect(("192.0.2.1", 9))
            found.append(probe.getsockname()[0])
        except OSError:
            pass
    for text in found:
        address = ipaddress.ip_address(text)
        if address.version == 4 and not address.is_loopback and not address.is_unspecified:
            return text
    pytest.skip("this machine has no non-loopback IPv4 address, so nothing outside it could connect anyway")


def accepts(host: str, port: int) -> bool:
    """Return True when a TCP connection to host:port is accepted, False when it is refused."""
    try:
        with socket.create_connection((host, port), timeout=3):
            return True
    except ConnectionRefusedError:
        return False


def make_run_command(port: int, **variables: str) -> list[str]:
    """Return the command `make run` starts (read with `make -n`), for this environment and `variables`."""
    environment = {k: v for k, v in os.environ.items() if k not in ("ADVOCACY_MODE", "ADDRESS", "MAKEFLAGS")}
    environment |= {k: v for k, v in variables.items() if k == "ADVOCACY_MODE"}
    arguments = [f"{k}={v}" for k, v in variables.items() if k != "ADVOCACY_MODE"]
    shown = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", f"PORT={port}", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    line = next(line for line in shown.stdout.splitlines() if " run streamlit_app.py" in line)
    return shlex.split(line)


@contextmanager
def serving(command: list[str], port: int, tmp_path: Path, **environment: str) -> Iterator[None]:
    """Run `command` from the repo root with its own data folder until the app answers on loopback."""
    env = {k: v for k, v in os.environ.items() if k != "ADVOCACY_MODE"}
    env |= {"CAMPAIGN_DATA_DIR": str(tmp_path / "data"), "STREAMLIT_SERVER_HEADLESS": "true", **environment}
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_healthy(f"http://127.0.0.1:{port}", process, log)
            yield
        finally:
            stop_process(process)


def test_make_run_in_personal_mode_is_reachable_from_this_computer_only(tmp_path: Path) -> None:
    outside, port = outside_address(), free_port()
    with serving(make_run_command(port), port, tmp_path):
        assert accepts("127.0.0.1", port)
        assert not accepts(outside, port), f"another machine could open every campaign at {outside}:{port}"


def test_make_run_in_shared_mode_is_reachable_from_other_machines(tmp_path: Path) -> None:
    outside, port = outside_address(), free_port()
    command = make_run_command(port, ADVOCACY_MODE="shared")
    with serving(command, port, tmp_path, ADVOCACY_MODE="shared"):
        assert accepts(outside, port) and accepts("127.0.0.1", port)


def test_an_address_asked_for_wins_in_either_mode(tmp_path: Path) -> None:
    outside, port = outside_address(), free_port()
    with serving(make_run_command(port, ADDRESS="0.0.0.0"), port, tmp_path):
        assert accepts(outside, port)
    shared = make_run_command(port, ADVOCACY_MODE="shared", ADDRESS="127.0.0.1")
    assert shared[shared.index("--server.address") + 1] == "127.0.0.1"


def test_a_bare_streamlit_run_listens_on_loopback_only(tmp_path: Path) -> None:
    outside, port = outside_address(), free_port()
    command = [c for c in streamlit_command(port) if not c.startswith("--server.address")]
    with serving(command, port, tmp_path):
        assert accepts("127.0.0.1", port)
        assert not accepts(outside, port)
