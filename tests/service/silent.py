"""A server on 127.0.0.1 that accepts connections and never answers, and process helpers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from newsmon.service.launcher import LAUNCHER_NAME


class SilentServer:
    """Accepts every connection and holds it open without a byte in reply."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._held: list[socket.socket] = []
        self._lock = threading.Lock()
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        host, port = self._socket.getsockname()[:2]
        return f"http://{host}:{port}"

    @property
    def connections(self) -> int:
        """Connections accepted so far."""
        with self._lock:
            return len(self._held)

    def wait_for_connection(self, timeout: float = 60) -> None:
        """Block until a client has connected."""
        deadline = time.monotonic() + timeout
        while self.connections == 0:
            if time.monotonic() > deadline:
                raise AssertionError("nothing connected to the silent server")
            time.sleep(0.05)

    def _accept(self) -> None:
        while not self._stopped:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            with self._lock:
                self._held.append(connection)

    def stop(self) -> None:
        """Close the listening socket and every held connection."""
        self._stopped = True
        self._socket.close()
        with self._lock:
            for connection in self._held:
                connection.close()


def newsmon(config: Path, *args: str) -> subprocess.Popen[str]:
    """Start ``newsmon --config CONFIG ARGS...`` with no NEWSMON_* variables from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    return subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(config), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux ``/proc``), from every thread."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return [child for child in found if alive(child)]


def crawl_children(pid: int) -> list[int]:
    """The live children of ``pid`` that are crawls: all but the crawl launcher."""
    found = []
    for child in children(pid):
        try:
            name = Path(f"/proc/{child}/comm").read_text().strip()
        except OSError:
            continue
        if name != LAUNCHER_NAME:
            found.append(child)
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until(condition: object, timeout: float, what: str) -> float:
    """Poll ``condition()`` until true; return the seconds it took, or fail naming ``what``."""
    assert callable(condition)
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.1)
    return time.monotonic() - started
