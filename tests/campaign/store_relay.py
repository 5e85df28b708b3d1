"""A TCP relay in front of a test server (the S3 store, or the app itself) that can refuse, reset, answer 503
or freeze, on demand."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from typing import Literal

from tests.s3_server import free_port

Mode = Literal["forward", "refuse", "reset", "error", "freeze"]
_SERVICE_UNAVAILABLE = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/xml\r\nContent-Length: 115\r\n"
    b"Connection: close\r\n\r\n<?xml version='1.0' encoding='UTF-8'?><Error><Code>ServiceUnavailable</Code>"
    b"<Message>Please retry</Message></Error>"
)


class StoreRelay:
    """Listens on a free local port and passes bytes to `target_port`, or fails the way `mode` says.

    refuse: the port is closed (connection refused); reset: each connection is accepted and reset at once;
    error: every request is answered 503 Service Unavailable; freeze: connections are accepted and open
    ones stay open, but nothing is passed on any more (a store that hangs mid-save).
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mode: Mode = "forward"
        self.faulted = 0  # connections that met a fault
        self.forwarded = 0  # bytes passed on, either way
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listen()

    def set(self, mode: Mode) -> None:
        """Fail (or forward) every connection from now on the way `mode` says."""
        if mode == "refuse":
            self._close_listener()
            self._drop_open()
        elif self._listener is None:
            self._listen()
        if mode in {"reset", "error"}:
            self._drop_open()
        self.mode = mode

    def close(self) -> None:
        self._close_listener()
        self._drop_open()

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()

    def _drop_open(self) -> None:
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
            mode = self.mode
            if mode != "forward":
                self.faulted += 1
            if mode == "reset":
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()  # linger 0: the peer sees a reset, not an orderly end
            elif mode == "error":
                threading.Thread(target=self._answer_503, args=(client,), daemon=True).start()
            elif mode == "freeze":
                with self._lock:
                    self._open.add(client)  # kept open, never answered
            else:
                self._forward(client)

    def _answer_503(self, client: socket.socket) -> None:
        with contextlib.suppress(OSError), client:
            client.settimeout(5)
            client.recv(65536)
            client.sendall(_SERVICE_UNAVAILABLE)

    def _forward(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        with self._lock:
            self._open |= {client, upstream}
        for source, sink in ((client, upstream), (upstream, client)):
            threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                if self.mode == "freeze":
                    return  # stop passing bytes on; both ends stay open, so the other side waits
                sink.sendall(data)
                self.forwarded += len(data)
        except OSError:
            pass
        if self.mode != "freeze":
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
