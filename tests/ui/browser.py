"""A real app server and a real headless Chromium for the browser tests (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.s3_server import free_port

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREEN = {"width": 1366, "height": 768}


def require_chromium() -> str:
    """Return Chromium's path; fail in CI (it must be installed there), skip on a developer's machine."""
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if path:
        return path
    message = f"Chromium is needed for the browser tests: install it with `apt-get install -y chromium` ({CHROMIUM})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


_RUNNING: dict[str, object] = {}  # this process' one Playwright and its Chromium


def shared_chromium() -> Browser:
    """Return this test process' headless Chromium, started on first use.

    Playwright's sync API runs one instance per thread: a second `sync_playwright()` while another is open
    fails ("using Playwright Sync API inside the asyncio loop"), so every test folder shares this one.
    """
    if "browser" not in _RUNNING:
        path = require_chromium()
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _RUNNING["playwright"] = playwright
        _RUNNING["browser"] = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    return _RUNNING["browser"]  # type: ignore[return-value]


def stop_shared_chromium() -> None:
    """Close the shared Chromium and Playwright, if they were started."""
    browser, playwright = _RUNNING.pop("browser", None), _RUNNING.pop("playwright", None)
    if browser is not None:
        browser.close()  # type: ignore[attr-defined]
    if playwright is not None:
        playwright.stop()  # type: ignore[attr-defined]


def streamlit_command(port: int, *extra: str) -> list[str]:
    """Return the command line that serves the app on 127.0.0.1:`port` as the tests run it (plus `extra`)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "streamlit_app.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",  # files edited during a test run must not prompt a rerun
        *extra,
    ]


@contextmanager
def app_server(data_dir: Path, log: Path) -> Iterator[str]:
    """Run `streamlit run streamlit_app.py` on a free local port with its own data folder; yield its address."""
    port = free_port()
    env = {**os.environ, "CAMPAIGN_DATA_DIR": str(data_dir)}
    env.pop("ADVOCACY_MODE", None)
    command = streamlit_command(port)
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process, log)
            yield url
        finally:
            stop_process(process)


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, path: str = "/_stcore/health") -> None:
    """Return once `url + path` answers 200; fail the test with the end of `log` if the process stops first."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url} stopped at start-up:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url + path, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer {path} within 60 s")


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Stop a server the tests started: politely, then at once after 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
