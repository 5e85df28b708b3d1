"""Fixtures shared by every test folder."""

import os
import tempfile
from collections.abc import Iterator

import pytest

from tests.s3_server import s3_server


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """A real S3 protocol server (moto) on 127.0.0.1 for the whole test session."""
    with s3_server() as url:
        yield url


def pytest_configure(config: pytest.Config) -> None:
    """Keep the command line's worksheet pack cache (campaign/pack_cache.py) in a folder of this test run, not
    in the home folder: commands the tests run, in this process or as subprocesses, inherit it."""
    os.environ.setdefault("ADVOCACY_CACHE", tempfile.mkdtemp(prefix="pack-cache-"))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Close the Chromium the browser tests share (tests/ui/browser.py), if any test started it."""
    from tests.ui.browser import stop_shared_chromium

    stop_shared_chromium()
