"""Several app servers behind HAProxy, sharing one S3 bucket: the deployment of deploy/compose.yaml, on loopback."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.s3_server import free_port
from tests.ui.browser import stop_process, streamlit_command, wait_healthy

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
            stack.callback(stop_process, process)
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
        stack.callback(stop_process, proxy)
        running.proxy = f"http://127.0.0.1:{port}"
        wait_healthy(running.proxy, proxy, log)
        yield running
