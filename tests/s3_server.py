"""A real S3 protocol server (moto's standalone server) on 127.0.0.1, for tests and benchmarks."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from campaign.object_store import ObjectStore

REGION = "eu-west-1"  # creating a bucket in us-east-1 through s3fs fails against moto


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def s3_server() -> Iterator[str]:
    """Run moto's S3 server in its own process; yield its URL."""
    with s3_server_process() as (url, _):
        yield url


@contextmanager
def s3_server_process() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run moto's S3 server (tests/moto_server.py: conditional writes atomic, as on S3) in its own process; yield
    its URL and the process (to stop or freeze it)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("moto_server.py")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("moto's S3 server did not start") from None
                time.sleep(0.1)
        yield url, server
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGCONT)  # a test may have frozen it
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


def s3_options(endpoint: str) -> dict:
    """Return s3fs options for the test server."""
    return {"key": "test", "secret": "test", "client_kwargs": {"endpoint_url": endpoint, "region_name": REGION}}


def new_bucket(endpoint: str) -> str:
    """Create a fresh bucket on the test server and return its s3:// URL with a prefix."""
    store = ObjectStore("s3://placeholder/x", **s3_options(endpoint))
    bucket = f"campaigns-{secrets.token_hex(4)}"
    store.fs.mkdir(bucket, region_name=REGION)
    return f"s3://{bucket}/app"


@contextmanager
def recorded_s3_server(recording: Path) -> Iterator[str]:
    """Run moto's S3 server with its request recorder writing into `recording`; yield its URL (see
    `moto_recorder`: the server itself counts the requests it is sent)."""
    before = os.environ.get("MOTO_RECORDER_FILEPATH")
    with ExitStack() as stack:
        os.environ["MOTO_RECORDER_FILEPATH"] = str(recording)  # read by the server process at its start, and only it
        try:
            url = stack.enter_context(s3_server())
        finally:
            if before is None:
                os.environ.pop("MOTO_RECORDER_FILEPATH", None)
            else:
                os.environ["MOTO_RECORDER_FILEPATH"] = before
        yield url


def moto_recorder(url: str, action: str) -> bytes:
    """Send `action` (reset-recording, start-recording, stop-recording, download-recording) to the recorder."""
    method = "GET" if action == "download-recording" else "POST"
    with urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/recorder/{action}", method=method)) as reply:
        return reply.read()
