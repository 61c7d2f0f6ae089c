"""``newsmon serve`` as a child process on 127.0.0.1, with what it printed kept."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass
class Served:
    """A running server's address; its output once it has stopped."""

    base: str
    stdout: str = ""
    stderr: str = ""


def newsmon_env(**extra: str) -> dict[str, str]:
    """The test's environment without NEWSMON_* variables, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    return {**env, **extra}


@contextmanager
def serving(config: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """Run ``newsmon [options] --config CONFIG serve --port 0`` until the block ends."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsmon",
            *options,
            "--config",
            str(config),
            "serve",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or newsmon_env(),
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", first)
    if not match:
        process.kill()
        raise AssertionError(first + process.stderr.read())
    served = Served(base=f"http://127.0.0.1:{match.group(1)}")
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(served.base + "/static/style.css", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield served
    finally:
        process.terminate()
        rest, served.stderr = process.communicate(timeout=20)
        served.stdout = first + rest
