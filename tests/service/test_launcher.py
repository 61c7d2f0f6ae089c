"""Polls forked from the crawl launcher: the same crawl and the same process, without start-up.

Real `newsmon crawl` children forked by a real launcher, against local
sites: what they store equals what a `newsmon crawl` process stores; SIGTERM
and SIGKILL reach them as they reach a process; and a launcher that dies
takes no crawl with it and is replaced.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.service import launcher as launcher_module
from newsmon.service.crawls import CrawlResult, CrawlRunner
from newsmon.service.launcher import (
    CRAWL_NAME,
    NEWSMON,
    CrawlLauncher,
    LauncherUnavailable,
    newsmon_arguments,
)
from newsmon.service.lifeline import Lifeline
from newsmon.storage.db import open_database
from newsmon.storage.models import (
    Article,
    ChangeEvent,
    ClaimRow,
    Delivery,
    ProductionState,
    SourcePoll,
)
from tests.service.silent import SilentServer, alive, children, wait_until
from tests.service.statussite import STORIES, StatusSite

pytestmark = pytest.mark.slow
PAGES = 12  # two articles about each of six productions
SECRET = "whsec_" + "A" * 32


@pytest.fixture
def clean_env() -> Iterator[None]:
    """The children read no NEWSMON_* variable from outside the test."""
    before = dict(os.environ)
    for key in [k for k in os.environ if k.startswith("NEWSMON_")]:
        del os.environ[key]
    yield
    os.environ.clear()
    os.environ.update(before)


@pytest.fixture
def launcher(clean_env: None) -> Iterator[CrawlLauncher]:
    launcher = CrawlLauncher()
    if not launcher.start():
        pytest.skip("no child subreaper here (Linux only): polls run as processes")
    yield launcher
    launcher.close()


@pytest.fixture
def silent() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.stop()


def _config(path: Path, database: Path, sources: list[dict[str, Any]], **extra: Any) -> Path:
    settings = {
        "database_url": f"sqlite:///{database}",
        "sources": sources,
        "crawl": {"autothrottle": False, "retry_times": 0, "concurrent_requests_per_domain": 8},
        **extra,
    }
    path.write_text(yaml.safe_dump(settings))
    return path


def _runner(
    config: Path, sessions: sessionmaker[Session], launcher: CrawlLauncher | None, **limits: float
) -> CrawlRunner:
    return CrawlRunner(
        [*NEWSMON, "--config", str(config)],
        sessions,
        time_limit=limits.get("time_limit", 120),
        grace=limits.get("grace", 10),
        launcher=launcher,
    )


def _stored(sessions: sessionmaker[Session]) -> dict[str, Any]:
    """Everything a crawl leaves in the store, as comparable values."""
    with sessions() as session:
        polls = session.execute(
            select(SourcePoll.finish_reason, SourcePoll.pages, SourcePoll.stored)
        ).all()
        return {
            "articles": sorted(
                session.execute(
                    select(Article.canonical_url, Article.headline, Article.text, Article.published)
                ).all()
            ),
            "claims": Counter(
                session.execute(
                    select(
                        ClaimRow.show,
                        ClaimRow.season,
                        ClaimRow.facet,
                        ClaimRow.value,
                        ClaimRow.as_of,
                    )
                ).all()
            ),
            "state": set(
                session.execute(
                    select(
                        ProductionState.show,
                        ProductionState.season,
                        ProductionState.facet,
                        ProductionState.value,
                    )
                ).all()
            ),
            "events": Counter(
                session.execute(
                    select(ChangeEvent.show, ChangeEvent.facet, ChangeEvent.to_value)
                ).all()
            ),
            "deliveries": len(session.scalars(select(Delivery.id)).all()),
            "polls": [tuple(row) for row in polls],
        }


def _crawl_in_thread(runner: CrawlRunner, source: str) -> tuple[threading.Thread, list[Any]]:
    results: list[CrawlResult] = []
    thread = threading.Thread(target=lambda: results.append(runner.crawl(source)))
    thread.start()
    return thread, results


def _launched_crawl() -> int:
    """The crawl this test process has forked through its launcher, once it runs."""
    found: list[int] = []

    def named() -> bool:
        found[:] = [pid for pid in children(os.getpid()) if _comm(pid) == CRAWL_NAME]
        return bool(found)

    wait_until(named, 60, "a launched crawl runs")
    (pid,) = found
    return pid


def _wait_for_request(silent: SilentServer, before: int) -> None:
    """Until the crawl has connected (its signal handlers are in place by then)."""
    wait_until(lambda: silent.connections > before, 60, "the crawl connects")


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def test_a_poll_through_the_launcher_stores_what_a_crawl_process_stores(
    tmp_path: Path, launcher: CrawlLauncher
) -> None:
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(yaml.safe_dump([{"title": story.show} for story in STORIES]))
    site = StatusSite(PAGES).start()
    try:
        stores = {}
        for way in ("launched", "process"):
            database = tmp_path / f"{way}.db"
            config = _config(
                tmp_path / f"{way}.yaml",
                database,
                [{"name": "status", "sitemaps": [site.sitemap_url], "baseline": False}],
                catalog=str(catalog),
                alerts={"webhooks": [{"url": "http://127.0.0.1:9/hook", "secret": SECRET}]},
            )
            engine, sessions = open_database(f"sqlite:///{database}")
            if way == "launched":
                result = _runner(config, sessions, launcher).crawl("status")
                assert result.outcome == "ok", result
                assert result.cpu_seconds is not None  # forked, and waited for here
            else:
                command = ["--config", str(config), "crawl", "--source", "status", "--no-send"]
                done = subprocess.run(
                    [*NEWSMON, *command, "--json"],
                    capture_output=True,
                    check=False,
                    timeout=180,
                )
                assert done.returncode == 0, done.stderr.decode()[-3000:]
            stores[way] = _stored(sessions)
            engine.dispose()
    finally:
        site.stop()
    launched, process = stores["launched"], stores["process"]
    assert len(launched["articles"]) == PAGES
    assert launched["events"] == Counter((s.show, "stage", s.stage) for s in STORIES)
    assert launched["deliveries"] == len(STORIES)
    assert launched["polls"] == [("finished", PAGES + 1, PAGES)]
    assert launched == process


def test_sigterm_and_sigkill_reach_a_launched_crawl_as_they_reach_a_process(
    tmp_path: Path, launcher: CrawlLauncher, silent: SilentServer
) -> None:
    database = tmp_path / "store.db"
    config = _config(
        tmp_path / "newsmon.yaml",
        database,
        [{"name": "silent", "feeds": [f"{silent.url}/feed.xml"]}],
    )
    engine, sessions = open_database(f"sqlite:///{database}")
    runner = _runner(config, sessions, launcher)

    # SIGTERM from outside (an operator, a container runtime): it stops gracefully.
    thread, results = _crawl_in_thread(runner, "silent")
    crawl = _launched_crawl()
    _wait_for_request(silent, 0)
    os.kill(crawl, signal.SIGTERM)
    thread.join(60)
    (stopped,) = results
    assert (stopped.outcome, stopped.returncode) == ("ok", 0)
    assert stopped.summary is not None
    assert stopped.summary.finish_reason == "shutdown"
    assert not alive(crawl)

    # SIGKILL (the OOM killer): the service sees the signal and records the lost poll.
    thread, results = _crawl_in_thread(runner, "silent")
    crawl = _launched_crawl()
    os.kill(crawl, signal.SIGKILL)
    thread.join(60)
    (killed,) = results
    assert (killed.outcome, killed.returncode, killed.summary) == ("failed", -9, None)

    # The service's own stop: SIGTERM forwarded, the crawl interrupted, nothing lost.
    held = silent.connections
    thread, results = _crawl_in_thread(runner, "silent")
    crawl = _launched_crawl()
    _wait_for_request(silent, held)
    runner.stop()
    thread.join(60)
    (interrupted,) = results
    assert (interrupted.outcome, interrupted.returncode) == ("interrupted", 0)

    with sessions() as session:
        polls = session.execute(
            select(SourcePoll.finish_reason, SourcePoll.message).order_by(SourcePoll.id)
        ).all()
    engine.dispose()
    assert [reason for reason, _ in polls] == ["shutdown", "crashed", "shutdown"]
    assert "exit code -9" in str(polls[1].message)


def test_a_dead_launcher_takes_no_crawl_with_it_and_is_replaced(
    tmp_path: Path, launcher: CrawlLauncher, silent: SilentServer
) -> None:
    site = StatusSite(1).start()
    database = tmp_path / "store.db"
    config = _config(
        tmp_path / "newsmon.yaml",
        database,
        [
            {"name": "silent", "feeds": [f"{silent.url}/feed.xml"]},
            {"name": "status", "sitemaps": [site.sitemap_url]},
        ],
    )
    engine, sessions = open_database(f"sqlite:///{database}")
    try:
        runner = _runner(config, sessions, launcher)
        thread, results = _crawl_in_thread(runner, "silent")
        crawl = _launched_crawl()
        _wait_for_request(silent, 0)
        first = launcher.pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        time.sleep(0.5)
        assert alive(crawl)  # the crawl is this process's child, not the launcher's

        # The next poll finds the launcher dead: it runs as a process, and a new launcher starts.
        fallback = runner.crawl("status")
        assert fallback.outcome == "ok"
        assert fallback.cpu_seconds is None
        assert launcher.pid not in (None, first)
        forked = runner.crawl("status")
        assert forked.outcome == "ok"
        assert forked.cpu_seconds is not None
        # An unchanged re-poll: about 0.1 CPU s forked, 2.4 as a process (imports, set-up).
        assert forked.cpu_seconds < 1.0, forked.cpu_seconds

        runner.stop()  # the orphaned crawl still answers to the service
        thread.join(60)
        (interrupted,) = results
        assert (interrupted.outcome, interrupted.returncode) == ("interrupted", 0)
        assert interrupted.summary is not None
        assert not alive(crawl)
    finally:
        site.stop()
        engine.dispose()


def test_without_a_subreaper_every_poll_is_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(launcher_module, "_become_subreaper", lambda: False)
    launcher = CrawlLauncher()
    assert launcher.start() is False
    assert (launcher.running, launcher.pid) == (False, None)
    lifeline = Lifeline()
    try:
        with pytest.raises(LauncherUnavailable):
            launcher.launch(["crawl"], lifeline.child_fd)
    finally:
        lifeline.close()


def test_only_newsmon_itself_is_forked() -> None:
    assert newsmon_arguments([sys.executable, "-m", "newsmon", "-v", "crawl"]) == ["-v", "crawl"]
    assert newsmon_arguments([sys.executable, "stub.py", "crawl"]) is None
    runner = CrawlRunner(
        [sys.executable, "stub.py"], sessionmaker(), time_limit=1, grace=1, launcher=CrawlLauncher()
    )
    assert runner.launcher is None


def test_a_launched_crawl_prints_its_summary_as_json(
    tmp_path: Path, launcher: CrawlLauncher
) -> None:
    # Nothing listens on port 9: the crawl fails, and says so on stdout and in its exit code.
    config = _config(
        tmp_path / "newsmon.yaml",
        tmp_path / "store.db",
        [{"name": "closed", "feeds": ["http://127.0.0.1:9/feed.xml"]}],
    )
    lifeline = Lifeline()
    try:
        child = launcher.launch(
            ["--config", str(config), "crawl", "--no-send", "--json"], lifeline.child_fd
        )
        lifeline.started()
        stdout, _ = child.communicate(timeout=120)
    finally:
        lifeline.close()
    assert child.returncode == 1
    summary = json.loads(stdout.decode().strip().splitlines()[-1])
    assert summary["sources"][0]["errors"]


def test_a_lifeline_never_closes_a_file_that_took_its_closed_end_s_number(tmp_path: Path) -> None:
    """Once the child has its end, the number is free; a status request's socket may get it."""
    lifeline = Lifeline()
    number = lifeline.child_fd
    lifeline.started()
    other = os.open(tmp_path / "other.txt", os.O_CREAT | os.O_WRONLY)
    if other != number:
        os.dup2(other, number)  # another thread's file now holds that number
        os.close(other)
    try:
        lifeline.close()
        os.fstat(number)  # still open: the lifeline closed only its own ends
    finally:
        os.close(number)
