"""Several crawler processes on one shared queue store what one process stores.

One local site of status articles, many about each production, is crawled
twice: by one `newsmon crawl` into one PostgreSQL database, and by one
seeding crawl plus two `newsmon crawl --worker` processes sharing a Redis
queue into another. The claims, the production state and the change events
must come out the same, and the events must be exactly one per production
and facet: concurrent writers to one production neither lose a change nor
announce it twice.
"""

from __future__ import annotations

import json
import os
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

from newsmon.storage.db import open_database
from newsmon.storage.models import Article, ChangeEvent, ClaimRow, ProductionState
from tests.conftest import create_postgres_database, drop_postgres_database
from tests.service.conftest import RedisSpace
from tests.service.statussite import STORIES, StatusSite, status_path

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
PAGES = 60  # ten articles about each of six productions


class _PacedSite(StatusSite):
    """Article pages take a moment, and the first few can be held until all have been asked for.

    Held back together and answered at once, they reach their crawler
    processes at the same moment: the processes write the same productions
    concurrently, from an empty state, which is where writers collide.
    """

    def __init__(self, count: int):
        super().__init__(count)
        self._lock = threading.Lock()
        self._holding = 0
        self._waiting = 0
        self._released = threading.Event()

    def hold(self, requests: int) -> None:
        """Keep the next ``requests`` article requests waiting until the last of them arrives."""
        self._holding, self._waiting = requests, 0
        self._released.clear()

    def waiting(self) -> int:
        """How many article requests are being held now."""
        with self._lock:
            return self._waiting if not self._released.is_set() else 0

    def respond(self, path: str) -> tuple[int, str, bytes]:
        if path.startswith("/status/"):
            with self._lock:
                held = self._waiting < self._holding
                if held:
                    self._waiting += 1
                    if self._waiting == self._holding:
                        self._released.set()
            if held:
                # Released by the last held request; the timeout only ends a broken run.
                self._released.wait(timeout=120)
            time.sleep(0.05)
        return super().respond(path)


@pytest.fixture
def two_databases(postgres_admin_url: str) -> Iterator[tuple[str, str]]:
    urls = (
        create_postgres_database(postgres_admin_url),
        create_postgres_database(postgres_admin_url),
    )
    try:
        yield urls
    finally:
        for url in urls:
            drop_postgres_database(postgres_admin_url, url)


def _config(
    path: Path, database_url: str, site: StatusSite, catalog: Path, redis: RedisSpace | None
) -> Path:
    settings: dict[str, Any] = {
        "database_url": database_url,
        "catalog": str(catalog),
        "sources": [{"name": "status", "sitemaps": [site.sitemap_url], "since": 400 * 86400}],
        "crawl": {
            "autothrottle": False,
            "concurrent_requests_per_domain": 8,
            "retry_times": 0,
            # Held requests wait for the slowest process to start (a loaded machine).
            "download_timeout": 120,
        },
    }
    if redis is not None:
        settings["redis_url"] = redis.url
        settings["service"] = {"redis_key_prefix": redis.prefix}
    path.write_text(yaml.safe_dump(settings))
    return path


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}


def _newsmon(config: Path, *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(config), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE if log is None else log.open("wb"),
        env=_env(),
    )


def _wait_until_held(site: _PacedSite, seconds: float = 90) -> None:
    """Until the seeding crawl has queued the articles and its first requests are held."""
    deadline = time.monotonic() + seconds
    while not site.waiting():
        assert time.monotonic() < deadline, "the seeding crawl never asked for an article"
        time.sleep(0.05)


def _finish(process: subprocess.Popen[bytes], timeout: float = 120) -> str:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    assert process.returncode == 0, (err or b"").decode()[-3000:]
    return out.decode()


def _pages_read(stdout: str) -> int:
    summary = json.loads(stdout.strip().splitlines()[-1])
    return int(sum(source["pages"] for source in summary["sources"]))


def _upgrade(config: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "newsmon", "--config", str(config), "db", "upgrade"],
        check=True,
        capture_output=True,
        env=_env(),
    )


Row = tuple[Any, ...]


def _stored(database_url: str) -> tuple[set[str], Counter[Row], Counter[Row], set[Row]]:
    """Article URLs, claims, change events and production state, as comparable rows."""
    engine, sessions = open_database(database_url)
    with sessions() as session:
        urls = set(session.scalars(select(Article.canonical_url)))
        claims = Counter(
            tuple(row)
            for row in session.execute(
                select(
                    ClaimRow.show, ClaimRow.season, ClaimRow.facet, ClaimRow.value, ClaimRow.as_of
                )
            )
        )
        events = Counter(
            tuple(row)
            for row in session.execute(
                select(
                    ChangeEvent.show,
                    ChangeEvent.season,
                    ChangeEvent.facet,
                    ChangeEvent.from_value,
                    ChangeEvent.to_value,
                )
            )
        )
        state = {
            tuple(row)
            for row in session.execute(
                select(
                    ProductionState.show,
                    ProductionState.season,
                    ProductionState.facet,
                    ProductionState.value,
                    ProductionState.as_of,
                )
            )
        }
    engine.dispose()
    return urls, claims, events, state


def test_one_seeding_crawl_and_two_workers_store_the_claims_and_events_of_one_process(
    tmp_path: Path, shared_dir: Path, two_databases: tuple[str, str], redis_space: RedisSpace
) -> None:
    catalog = shared_dir / "corpus" / "catalog.yaml"
    single_db, shared_db = two_databases
    site = _PacedSite(PAGES)
    site.start()
    try:
        single = _config(tmp_path / "single.yaml", single_db, site, catalog, None)
        shared = _config(tmp_path / "shared.yaml", shared_db, site, catalog, redis_space)
        _upgrade(single)
        _upgrade(shared)

        _finish(_newsmon(single, "crawl", "--source", "status", "--no-send", "--json"))
        assert set(site.article_hits()) == {status_path(n) for n in range(PAGES)}
        site.hits.clear()

        # The seeding crawl goes first and its first article requests are held,
        # so the shared queue has work in it before any worker opens: a worker
        # started on an empty queue would end after its idle time if the seed
        # were slow to start (as on a loaded machine), and take no share at all.
        # At most 8 requests per process are in flight (a site's limit, which
        # crawler/downloader.py keeps), so the held 20 are only answered once
        # all three processes are waiting for them.
        site.hold(20)
        seed = _newsmon(shared, "crawl", "--source", "status", "--no-send", "--json")
        _wait_until_held(site)
        logs = [tmp_path / f"worker-{n}.log" for n in range(2)]
        workers = [
            _newsmon(
                shared,
                "-v",
                "crawl",
                "--worker",
                "--idle-exit",
                "10",
                "--no-send",
                "--json",
                log=log,
            )
            for log in logs
        ]
        read = [_pages_read(_finish(process)) for process in [seed, *workers]]
        assert set(site.article_hits().values()) == {1}
        assert len(site.article_hits()) == PAGES
        assert sum(read) == PAGES + 1  # the sitemap too
        assert all(pages > 0 for pages in read), read
    finally:
        site.stop()

    urls_a, claims_a, events_a, state_a = _stored(single_db)
    urls_b, claims_b, events_b, state_b = _stored(shared_db)
    assert len(urls_a) == PAGES
    assert urls_b == urls_a
    assert sum(claims_a.values()) >= PAGES  # every article says something
    assert claims_b == claims_a
    assert state_b == state_a
    # Every article about a production repeats the same news, so whatever the
    # order of reading, each production's stage changes once, from nothing.
    expected = Counter((s.show, s.season, "stage", None, s.stage) for s in STORIES)
    assert events_a == expected
    assert events_b == expected
