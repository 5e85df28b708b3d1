"""Fixtures for the reliability tests: the UI tests' app runner and stores, a small disk, a browser, servers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.campaign.test_faults import small_disk  # noqa: F401 - a real 512 KiB tmpfs
from tests.reliability.servers import RestartableServer
from tests.ui.conftest import app, data_dir, example, pack, repo  # noqa: F401 - the same AppTest runner and stores

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[RestartableServer]:
    """A running app server of this test's own, with its data folder at `server.data_dir`."""
    from tests.ui.browser import require_chromium

    require_chromium()  # no point starting a server for a browser that is not there
    running = RestartableServer(tmp_path / "data", tmp_path / "server.log")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def laptop() -> Iterator[Callable[[], BrowserContext]]:
    """Return a maker of browser contexts (separate laptops: own cookies, own sessions), closed after the test."""
    from tests.ui.browser import SCREEN, shared_chromium

    chromium = shared_chromium()
    contexts: list[BrowserContext] = []

    def make() -> BrowserContext:
        context = chromium.new_context(viewport=SCREEN)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def open_tab(context: BrowserContext) -> Page:
    """Open a tab that records every request leaving this machine in `page.remote_requests`."""
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.remote_requests = []  # type: ignore[attr-defined]

    def note(url: str) -> None:
        if not url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            page.remote_requests.append(url)  # type: ignore[attr-defined]

    page.on("request", lambda request: note(request.url))
    return page
