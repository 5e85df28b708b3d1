"""An app server that can be killed and started again on the same port, and a network cable that can be pulled."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import threading
from pathlib import Path

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


class Cable:
    """A TCP relay between the browser and the app: `unplug()` drops every open connection (WebSockets too)
    and refuses new ones until `plug()`, as a lost Wi-Fi does. Chromium's own offline mode keeps open
    WebSockets alive, so it cannot show what a real drop does to Streamlit."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def plug(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def unplug(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            connections, self._open = self._open, set()
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            connection.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._open |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
