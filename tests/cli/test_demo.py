"""The demo as a new user runs it: it finishes, and the commands it prints run as printed."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # the demo crawls its local sites in child processes


def test_the_demo_finishes_and_its_printed_commands_run_as_printed(tmp_path: Path) -> None:
    # A venv that is not activated: its bin folder is not on PATH.
    env = dict(os.environ, HOME=str(tmp_path), PATH="/usr/bin:/bin")
    demo = subprocess.run(
        [sys.executable, "-m", "newsmon", "demo"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr[-3000:]
    printed = [
        line.strip()
        for line in demo.stdout.splitlines()
        if line.startswith("  ") and "--config" in line
    ]
    assert printed, demo.stdout
    for line in printed:
        result = subprocess.run(
            shlex.split(line), capture_output=True, text=True, env=env, timeout=60, check=False
        )
        assert result.returncode == 0, (line, result.stderr[-2000:])
    assert (
        "Glasswing"
        in subprocess.run(
            shlex.split(printed[0]),
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        ).stdout
    )
