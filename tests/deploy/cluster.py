"""Several app servers behind HAProxy, sharing one S3 bucket: the deployment of deploy/compose.yaml, on loopback."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.s3_server import free_port
from tests.ui.browser import streamlit_command

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Cluster:
    proxy: str  # the address users open
    servers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)  # cookie value -> process
    addresses: dict[str, str] = field(default_factory=dict)

    def stop(self, name: str) -> None:
        """Stop one app server at once, as a crash or a restart would."""
        process = self.servers[name]
        process.kill()
        process.wait(timeout=10)


def require_haproxy() -> str:
    path = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if path:
        return path
    message = "HAProxy is needed for the deployment tests: `apt-get install -y haproxy`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path, path: str = "/_stcore/health") -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{url} stopped at start-up:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + path, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not become healthy")


@contextmanager
def cluster(environment: dict[str, str], folder: Path, servers: int = 2) -> Iterator[Cluster]:
    """Start `servers` app servers with `environment` and HAProxy (deploy/haproxy.cfg) in front of them."""
    haproxy = require_haproxy()
    with ExitStack() as stack:
        running = Cluster(proxy="")
        for number in range(1, servers + 1):
            port, name = free_port(), f"app{number}"
            log = folder / f"{name}.log"
            process = subprocess.Popen(
                streamlit_command(port),
                cwd=ROOT,
                env={**os.environ, **environment},
                stdout=stack.enter_context(log.open("wb")),
                stderr=subprocess.STDOUT,
            )
            stack.callback(_stop, process)
            running.servers[name], running.addresses[name] = process, f"127.0.0.1:{port}"
            wait_healthy(f"http://127.0.0.1:{port}", process, log)
        port = free_port()
        proxy_env = {
            **os.environ,
            "LISTEN": f"127.0.0.1:{port}",
            **{k.upper(): v for k, v in running.addresses.items()},
        }
        log = folder / "haproxy.log"
        proxy = subprocess.Popen(
            [haproxy, "-db", "-f", str(ROOT / "deploy" / "haproxy.cfg")],
            env=proxy_env,
            stdout=stack.enter_context(log.open("wb")),
            stderr=subprocess.STDOUT,
        )
        stack.callback(_stop, proxy)
        running.proxy = f"http://127.0.0.1:{port}"
        wait_healthy(running.proxy, proxy, log)
        yield running


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
