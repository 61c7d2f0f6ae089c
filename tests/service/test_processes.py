"""Crawl processes stop when told to, and never outlive the service that started them.

Real `newsmon crawl` and `newsmon run` processes against a local server that
accepts connections and never answers: the worst case for a graceful stop,
which waits for requests in flight.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select

from newsmon.storage.db import open_database
from newsmon.storage.models import SourcePoll
from tests.service.silent import (
    SilentServer,
    alive,
    children,
    crawl_children,
    newsmon,
    wait_until,
)

pytestmark = pytest.mark.slow
DRAIN = 5.0
"""NEWSMON_STOP_DRAIN's default: how long requests in flight may still take when stopping."""


def _communicate(process: subprocess.Popen[str], timeout: float = 60) -> tuple[str, str]:
    try:
        return process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
        pytest.fail(f"still running after {timeout} s: {stderr[-3000:]}")


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.stop()


def _config(tmp_path: Path, server: SilentServer, **service: Any) -> Path:
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": f"sqlite:///{tmp_path / 'store.db'}",
                "sources": [{"name": "silent", "feeds": [f"{server.url}/feed.xml"]}],
                # Nothing but a stop can end these requests.
                "crawl": {"download_timeout": 600, "retry_times": 0},
                "service": {"metrics_port": 0, "dispatch_interval": 1, **service},
            }
        )
    )
    return config


def _summary(stdout: str) -> dict[str, Any]:
    summary: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    return summary


def _polls(tmp_path: Path) -> list[SourcePoll]:
    engine, sessions = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    with sessions() as session:
        rows = list(session.scalars(select(SourcePoll)))
        session.expunge_all()
    engine.dispose()
    return rows


def test_a_crawl_stuck_on_a_silent_server_stops_at_its_time_limit(
    tmp_path: Path, silent: SilentServer
) -> None:
    crawl = newsmon(_config(tmp_path, silent), "crawl", "--no-send", "--json", "--time-limit", "2")
    # Timed from the first request: start-up is not part of the limit's promise,
    # and a loaded machine can stretch it.
    silent.wait_for_connection()
    started = time.monotonic()
    stdout, stderr = _communicate(crawl)
    took = time.monotonic() - started
    assert crawl.returncode == 0, stderr[-3000:]
    assert took < 2 + DRAIN + 10, took
    summary = _summary(stdout)
    assert summary["finish_reason"] == "closespider_timeout"
    (source,) = summary["sources"]
    assert source["errors"] == {}  # cut off by the stop: not the site's fault
    assert source["skipped"]["stopped"] >= 1
    (poll,) = _polls(tmp_path)
    assert poll.finish_reason == "closespider_timeout"


def test_sigterm_stops_a_crawl_stuck_on_a_silent_server_within_seconds(
    tmp_path: Path, silent: SilentServer
) -> None:
    crawl = newsmon(_config(tmp_path, silent), "crawl", "--no-send", "--json")
    silent.wait_for_connection()
    crawl.send_signal(signal.SIGTERM)
    started = time.monotonic()
    stdout, stderr = _communicate(crawl)
    assert time.monotonic() - started < DRAIN + 10
    assert crawl.returncode == 0, stderr[-3000:]
    assert _summary(stdout)["finish_reason"] == "shutdown"
    (poll,) = _polls(tmp_path)
    assert poll.finish_reason == "shutdown"


def test_a_second_sigterm_reports_the_real_duration_and_records_the_reason(
    tmp_path: Path, silent: SilentServer
) -> None:
    crawl = newsmon(_config(tmp_path, silent), "crawl", "--no-send", "--json")
    silent.wait_for_connection()
    started = time.monotonic()
    time.sleep(1.5)
    crawl.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    crawl.send_signal(signal.SIGTERM)
    forced_after = time.monotonic() - started
    stdout, stderr = _communicate(crawl)
    assert crawl.returncode == 0, stderr[-3000:]
    summary = _summary(stdout)
    assert summary["finish_reason"] == "shutdown_forced"
    # The crawl began before its first request, so it ran at least this long.
    assert summary["elapsed_seconds"] >= forced_after - 0.1
    (poll,) = _polls(tmp_path)
    assert poll.finish_reason == "shutdown_forced"
    assert (poll.finished_at - poll.started_at).total_seconds() > 1


def _crawl_child(service_pid: int) -> int:
    found: list[int] = []

    def started() -> bool:
        found[:] = crawl_children(service_pid)
        return bool(found)

    wait_until(started, 60, "the service starts a crawl child")
    (child,) = found
    return child


def test_the_crawls_of_a_killed_service_stop_by_themselves(
    tmp_path: Path, silent: SilentServer
) -> None:
    service = newsmon(_config(tmp_path, silent), "run")
    try:
        child = _crawl_child(service.pid)
        launchers = [pid for pid in children(service.pid) if pid != child]
        silent.wait_for_connection()
        os.kill(service.pid, signal.SIGKILL)
        service.communicate(timeout=30)
        # The child sees its pipe from the service close, and stops as on SIGTERM.
        wait_until(lambda: not alive(child), DRAIN + 15, "the orphaned crawl ends")
        # The crawl launcher (if this system has one) reads the end of its socket and exits.
        wait_until(lambda: not any(map(alive, launchers)), 15, "the crawl launcher ends")
    finally:
        if service.poll() is None:
            service.kill()
            service.communicate()
    (poll,) = _polls(tmp_path)
    assert poll.finish_reason == "shutdown"  # it recorded its own poll on the way out


def test_sighup_stops_the_service_and_its_crawls_gracefully(
    tmp_path: Path, silent: SilentServer
) -> None:
    service = newsmon(_config(tmp_path, silent, shutdown_grace=60), "run")
    try:
        child = _crawl_child(service.pid)
        silent.wait_for_connection()
        service.send_signal(signal.SIGHUP)
        started = time.monotonic()
        _, stderr = service.communicate(timeout=90)
    finally:
        if service.poll() is None:
            service.kill()
            service.communicate()
    assert service.returncode == 0, stderr[-3000:]
    assert time.monotonic() - started < DRAIN + 15  # not the 60 s grace: the crawl stopped
    assert "received SIGHUP" in stderr
    assert not alive(child)
    assert "killed" not in stderr
