"""An app server that can be killed and started again on the same port, and a network cable that can be pulled."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.campaign.store_relay import StoreRelay
from tests.s3_server import free_port
from tests.ui.browser import ROOT, stop_process, streamlit_command, wait_healthy


class RestartableServer:
    """`streamlit run` on a fixed local port with one data folder; `kill()` is a crash, `start()` a restart."""

    def __init__(self, data_dir: Path, log: Path, environment: dict[str, str] | None = None) -> None:
        self.data_dir, self.log = data_dir, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.environment = environment or {}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        env = {**os.environ, "CAMPAIGN_DATA_DIR": str(self.data_dir), **self.environment}
        if "ADVOCACY_MODE" not in self.environment:
            env.pop("ADVOCACY_MODE", None)
        command = streamlit_command(self.port)
        with self.log.open("ab") as output:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
        wait_healthy(self.url, self.process, self.log)
        return self.url

    def kill(self) -> None:
        """Stop the server at once (SIGKILL): no shutdown code runs, as in a crash or a pulled plug."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)


class Cable(StoreRelay):
    """A TCP relay between the browser and the app: `unplug()` drops every open connection (WebSockets too)
    and refuses new ones until `plug()`, as a lost Wi-Fi does. Chromium's own offline mode keeps open
    WebSockets alive, so it cannot show what a real drop does to Streamlit."""

    def plug(self) -> None:
        self.set("forward")

    def unplug(self) -> None:
        self.set("refuse")
