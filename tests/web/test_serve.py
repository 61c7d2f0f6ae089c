"""``newsmon serve``: a real server process, its token, and refusing unsafe starts."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import yaml

from tests.web.conftest import TOKEN


def _config(tmp_path: Path, **extra: object) -> Path:
    path = tmp_path / "newsmon.yaml"
    path.write_text(yaml.safe_dump({"database_url": f"sqlite:///{tmp_path / 'store.db'}", **extra}))
    return path


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    return {**env, **extra}


def _run(config: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsmon", "--config", str(config), "serve", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=_env(**env),
    )


@contextmanager
def _serving(config: Path, **env: str) -> Iterator[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(config), "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(**env),
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + (process.stderr.read() if process.stderr else "")
        base = f"http://127.0.0.1:{match.group(1)}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                httpx.get(base + "/static/style.css", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_answers_over_http_on_loopback_without_a_token(tmp_path: Path) -> None:
    with _serving(_config(tmp_path)) as base:
        shows = httpx.get(base + "/api/v1/shows", timeout=10)
        assert shows.status_code == 200
        assert shows.json() == {"items": [], "total": 0, "limit": 100, "offset": 0}
        page = httpx.get(base + "/", timeout=10)
        assert page.status_code == 200
        assert "Nothing is stored yet" in page.text


def test_newsmon_api_token_is_required_once_set(tmp_path: Path) -> None:
    with _serving(_config(tmp_path), NEWSMON_API_TOKEN=TOKEN) as base:
        assert httpx.get(base + "/api/v1/shows", timeout=10).status_code == 401
        authorised = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.get(base + "/api/v1/shows", headers=authorised, timeout=10).status_code == 200
        feed = httpx.get(base + f"/feeds/events.atom?token={TOKEN}", timeout=10)
        assert feed.status_code == 200


def test_serve_refuses_a_public_address_without_a_token(tmp_path: Path) -> None:
    result = _run(_config(tmp_path), "--host", "0.0.0.0")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "api.token" in result.stderr
    assert "NEWSMON_API_TOKEN" in result.stderr
    from_config = _run(_config(tmp_path, api={"host": "0.0.0.0"}))
    assert from_config.returncode == 2
    assert "api.token" in from_config.stderr


def test_serve_reports_a_busy_port_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run(_config(tmp_path), "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.strip().startswith(
        f"newsmon: error: --port: cannot listen on 127.0.0.1:{port}"
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("token", ["short", "x" * 15])
def test_a_short_token_is_a_config_error(tmp_path: Path, token: str) -> None:
    result = _run(_config(tmp_path, api={"token": token}))
    assert result.returncode == 2
    assert "api.token: must be at least 16 characters" in result.stderr
