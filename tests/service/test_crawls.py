"""Crawl children: a time limit that holds, a deadline on shutdown, and every poll recorded."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.cli import main
from newsmon.localsite.server import LoopbackServer, QuietHandler
from newsmon.service.crawls import CrawlRunner
from newsmon.storage.db import open_database
from newsmon.storage.models import SourcePoll

# Stands in for `newsmon crawl` where the test needs a child that misbehaves.
STUBBORN = """
import signal, sys, time
mode = sys.argv[1]
if mode == "ignores-sigterm":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
elif mode == "stops-on-sigterm":
    def stop(*_):
        print('{"sources": [], "finish_reason": "shutdown"}', flush=True)
        sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
print("ready", flush=True)
time.sleep(60)
"""


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine, factory = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    yield factory
    engine.dispose()


def _stub(tmp_path: Path, mode: str) -> list[str]:
    script = tmp_path / "stub.py"
    script.write_text(STUBBORN)
    return [sys.executable, str(script), mode]


def _polls(sessions: sessionmaker[Session]) -> list[SourcePoll]:
    with sessions() as session:
        rows = list(session.scalars(select(SourcePoll).order_by(SourcePoll.id)))
        session.expunge_all()
        return rows


def test_a_child_deaf_to_sigterm_is_killed_and_its_poll_recorded_as_failed(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    runner = CrawlRunner(_stub(tmp_path, "ignores-sigterm"), sessions, time_limit=1, grace=1)
    started = time.monotonic()
    result = runner.crawl("slow-site")
    assert time.monotonic() - started < 10
    assert result.outcome == "failed"
    assert result.returncode == -9
    (poll,) = _polls(sessions)
    assert poll.finish_reason == "killed"
    assert poll.message is not None
    assert "overran its time limit of 1 s" in poll.message
    assert runner.running == []


def test_shutdown_forwards_sigterm_and_records_no_failure(
    tmp_path: Path, sessions: sessionmaker[Session]
) -> None:
    runner = CrawlRunner(_stub(tmp_path, "stops-on-sigterm"), sessions, time_limit=60, grace=5)
    results = []
    thread = threading.Thread(target=lambda: results.append(runner.crawl("site")))
    thread.start()
    deadline = time.monotonic() + 10
    while not runner.running and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # let the stub install its handler
    runner.stop()
    thread.join(10)
    (result,) = results
    assert result.outcome == "interrupted"
    assert result.returncode == 0
    assert _polls(sessions) == []
    # Once stopping, no new crawl starts.
    assert runner.crawl("site").outcome == "skipped"


@pytest.mark.slow
def test_a_real_crawl_that_overruns_stops_itself_and_says_so(tmp_path: Path) -> None:
    class SlowPages(QuietHandler):
        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                items = "".join(
                    f"<item><link>{site.base_url}/slow/{n}.html</link></item>" for n in range(3)
                )
                body = f"<rss version='2.0'><channel><title>s</title>{items}</channel></rss>"
                data = body.encode()
            else:
                time.sleep(4)  # a page that takes longer than the crawl may
                data = b"<html><body><p>slow</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    site = LoopbackServer(SlowPages)
    database = f"sqlite:///{tmp_path / 'store.db'}"
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": database,
                "sources": [{"name": "slow", "feeds": [f"{site.base_url}/feed.xml"]}],
                "crawl": {"autothrottle": False, "obey_robots_txt": False, "retry_times": 0},
            }
        )
    )
    engine, sessions = open_database(database)
    env_before = dict(os.environ)
    os.environ.pop("NEWSMON_CONFIG", None)
    try:
        runner = CrawlRunner(
            [sys.executable, "-m", "newsmon", "--config", str(config)],
            sessions,
            time_limit=2,
            grace=30,
        )
        result = runner.crawl("slow")
    finally:
        os.environ.clear()
        os.environ.update(env_before)
        site.stop()
    assert result.outcome == "overrun"
    assert result.summary is not None
    assert result.summary.finish_reason == "closespider_timeout"
    (poll,) = _polls(sessions)
    assert poll.finish_reason == "closespider_timeout"
    engine.dispose()


def _cli_config(tmp_path: Path, **extra: object) -> Path:
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": f"sqlite:///{tmp_path / 'store.db'}",
                "sources": [{"name": "tv", "feeds": ["http://127.0.0.1:9/feed.xml"]}],
                **extra,
            }
        )
    )
    return config


def test_a_worker_needs_the_shared_queue_and_takes_every_source(tmp_path: Path) -> None:
    runner = CliRunner()
    plain = _cli_config(tmp_path)
    result = runner.invoke(main, ["--config", str(plain), "crawl", "--worker"])
    assert result.exit_code == 2
    assert "--worker: set redis_url" in result.output
    shared = _cli_config(tmp_path, redis_url="redis://127.0.0.1:6379/0")
    result = runner.invoke(main, ["--config", str(shared), "crawl", "--worker", "--source", "tv"])
    assert result.exit_code == 2
    assert "leave out --source" in result.output


def test_an_unreachable_shared_queue_is_one_line_and_a_failed_poll(tmp_path: Path) -> None:
    # Nothing listens on port 9 of the loopback interface.
    config = _cli_config(tmp_path, redis_url="redis://127.0.0.1:9/0")
    result = CliRunner().invoke(main, ["--config", str(config), "crawl", "--no-send", "--json"])
    assert result.exit_code == 1
    first = json.loads(result.stdout.splitlines()[0])
    assert first["finish_reason"] == "error"
    assert first["message"].startswith("redis_url: cannot use the shared queue at redis://")
    assert "Traceback" not in result.output
    engine, sessions = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    (poll,) = _polls(sessions)
    assert poll.finish_reason == "error"
    assert poll.message == first["message"]
    engine.dispose()
