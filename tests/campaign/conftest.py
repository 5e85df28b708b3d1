"""Stores for the storage tests: a local folder, and a real S3 protocol server (moto) on 127.0.0.1."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from campaign.object_store import ObjectStore
from campaign.storage import BlobStore, LocalFolderStore

REGION = "eu-west-1"  # creating a bucket in us-east-1 through s3fs fails against moto


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """Start moto's standalone S3 server in its own process; yield its URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("moto's S3 server did not start") from None
            time.sleep(0.1)
    yield url
    server.terminate()
    server.wait(timeout=10)


def s3_environment(endpoint: str) -> dict[str, str]:
    """Return the environment variables that point the app at the test S3 server."""
    return {
        "CAMPAIGN_STORE_ENDPOINT": endpoint,
        "CAMPAIGN_STORE_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }


def new_bucket(endpoint: str) -> str:
    """Create a fresh bucket on the test server and return its s3:// URL with a prefix."""
    store = ObjectStore("s3://placeholder/x", **_options(endpoint))
    bucket = f"campaigns-{secrets.token_hex(4)}"
    store.fs.mkdir(bucket, region_name=REGION)
    return f"s3://{bucket}/app"


def _options(endpoint: str) -> dict:
    return {"key": "test", "secret": "test", "client_kwargs": {"endpoint_url": endpoint, "region_name": REGION}}


@pytest.fixture(params=["folder", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    """Each storage test runs against both stores the app can use."""
    if request.param == "folder":
        return LocalFolderStore(tmp_path / "data")
    endpoint = request.getfixturevalue("s3_endpoint")
    return ObjectStore(new_bucket(endpoint), **_options(endpoint))


@pytest.fixture
def s3_env(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point `open_store()` at a fresh bucket on the test server; return the environment used."""
    environment = {**s3_environment(s3_endpoint), "CAMPAIGN_STORE": new_bucket(s3_endpoint)}
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return {**os.environ, **environment}
