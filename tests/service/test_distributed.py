"""Beyond one machine: crawler processes sharing one Redis queue and duplicate filter, and
dispatchers sharing one outbox, over one PostgreSQL store.
"""

from __future__ import annotations

import datetime as dt
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
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.routing import Router
from newsmon.config import AlertsConfig, WebhookConfig
from newsmon.localsite.server import LoopbackServer, QuietHandler
from newsmon.storage.db import open_database
from newsmon.storage.models import Article, Delivery, DeliveryStatus
from tests.conftest import create_postgres_database, drop_postgres_database
from tests.factories import read_stage_news
from tests.service.bigsite import BigSite, article_path
from tests.service.conftest import RedisSpace

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
PAGES = 1000
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    url = create_postgres_database(postgres_admin_url)
    try:
        yield url
    finally:
        drop_postgres_database(postgres_admin_url, url)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}


def _newsmon(config: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(config), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )


def _finish(process: subprocess.Popen[bytes], timeout: float = 240) -> tuple[str, str]:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    assert process.returncode == 0, err.decode()[-3000:]
    return out.decode(), err.decode()


def _pages_read(stdout: str) -> int:
    summary = json.loads(stdout.strip().splitlines()[-1])
    return int(sum(source["pages"] for source in summary["sources"]))


def test_three_crawler_processes_fetch_each_of_1000_pages_once_and_store_each_once(
    tmp_path: Path, postgres_url: str, redis_space: RedisSpace
) -> None:
    site = BigSite(PAGES).start()
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": postgres_url,
                "redis_url": redis_space.url,
                "sources": [{"name": "big", "sitemaps": [site.sitemap_url]}],
                "crawl": {
                    "autothrottle": False,
                    "concurrent_requests_per_domain": 16,
                    "retry_times": 0,
                    "download_timeout": 60,
                },
                "service": {"redis_key_prefix": redis_space.prefix},
            }
        )
    )
    try:
        subprocess.run(
            [sys.executable, "-m", "newsmon", "--config", str(config), "db", "upgrade"],
            check=True,
            capture_output=True,
            env=_env(),
        )
        # One poll (what `newsmon run` starts) and two workers on the shared queue. The
        # workers start once the poll has read the sitemap: started on an empty queue, a
        # worker ends after its idle time, and on a loaded machine the poll can take
        # that long to start.
        poll = _newsmon(config, "crawl", "--source", "big", "--no-send", "--json")
        deadline = time.monotonic() + 90
        while not site.hits.get("/sitemap.xml"):
            assert time.monotonic() < deadline, "the poll never read the sitemap"
            time.sleep(0.05)
        workers = [
            _newsmon(config, "crawl", "--worker", "--idle-exit", "10", "--no-send", "--json")
            for _ in range(2)
        ]
        read = [_pages_read(_finish(process)[0]) for process in [poll, *workers]]

        hits = site.article_hits()
        assert len(hits) == PAGES
        assert set(hits.values()) == {1}, Counter(hits.values())
        assert site.hits["/sitemap.xml"] == 1
        assert sum(read) == PAGES + 1  # the sitemap too
        assert all(count > 0 for count in read), read  # every process took its share

        engine, sessions = open_database(postgres_url)
        with sessions() as session:
            total, distinct, copies = session.execute(
                select(
                    func.count(Article.id),
                    func.count(func.distinct(Article.canonical_url)),
                    func.count(Article.duplicate_of_id),
                )
            ).one()
        engine.dispose()
        assert (total, distinct, copies) == (PAGES, PAGES, 0)

        # Polled again: the sitemap is fetched again (never filtered as seen);
        # the stored articles are not.
        again = _newsmon(config, "crawl", "--source", "big", "--no-send", "--json")
        _finish(again)
        assert site.hits["/sitemap.xml"] == 2
        assert set(site.article_hits().values()) == {1}
        assert site.hits[article_path(0)] == 1
    finally:
        site.stop()


def _slow_receiver(received: list[str], lock: threading.Lock) -> LoopbackServer:
    class Handler(QuietHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                received.append(self.headers["webhook-id"])
            time.sleep(0.05)  # long enough for both dispatchers to be busy at once
            self.send_response(204)
            self.end_headers()

    return LoopbackServer(Handler)


def _produce_events(sessions: sessionmaker[Session], url: str, count: int) -> None:
    hook = WebhookConfig(url=url, secret=SECRET)
    router = Router.from_config(AlertsConfig(webhooks=[hook], max_age=None))  # news of Feb 2026
    day = dt.date(2026, 2, 1)
    with sessions() as session, session.begin():
        for number in range(count):
            read_stage_news(
                session,
                number=number,
                stage="filming",
                day=day,
                route=router,
                site="https://local.example",
            )


def _sent_by(stderr: str) -> int:
    sent = 0
    for line in stderr.splitlines():
        try:
            record: dict[str, Any] = json.loads(line)
        except ValueError:
            continue
        if record.get("logger") == "newsmon.scheduler" and "sent" in record:
            sent += int(record["sent"])
    return sent


def test_two_dispatchers_share_the_outbox_and_send_each_delivery_once(
    tmp_path: Path, postgres_url: str
) -> None:
    received: list[str] = []
    lock = threading.Lock()
    receiver = _slow_receiver(received, lock)
    url = f"{receiver.base_url}/hook"
    engine, sessions = open_database(postgres_url)
    events = 120
    _produce_events(sessions, url, events)
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": postgres_url,
                "alerts": {"webhooks": [{"url": url, "secret": SECRET}]},
                "service": {"dispatch_interval": 1, "metrics_port": 0},
            }
        )
    )
    dispatchers = [
        _newsmon(config, "--log-format", "json", "run", "--dispatch-only") for _ in range(2)
    ]
    try:
        deadline = time.monotonic() + 60
        while len(received) < events and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.5)  # anything sent twice would arrive by now
    finally:
        for dispatcher in dispatchers:
            dispatcher.send_signal(signal.SIGTERM)
        logs = [_finish(dispatcher, timeout=60)[1] for dispatcher in dispatchers]
        receiver.stop()
    assert len(received) == events
    assert len(set(received)) == events
    with sessions() as session:
        rows = list(session.scalars(select(Delivery)))
        assert len(rows) == events
        assert {row.status for row in rows} == {DeliveryStatus.sent}
        assert {row.attempts for row in rows} == {1}
    engine.dispose()
    shares = [_sent_by(log) for log in logs]
    assert sum(shares) == events
    assert all(share > 0 for share in shares), shares


class _SlowSite(BigSite):
    """A BigSite whose article pages take a moment, so a crawl can be caught halfway."""

    def respond(self, path: str) -> tuple[int, str, bytes]:
        if path.startswith("/news/"):
            time.sleep(0.02)
        return super().respond(path)


def test_a_worker_killed_mid_crawl_loses_no_request(
    tmp_path: Path, postgres_url: str, redis_space: RedisSpace
) -> None:
    pages = 300
    site = _SlowSite(pages).start()
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": postgres_url,
                "redis_url": redis_space.url,
                "sources": [{"name": "big", "sitemaps": [site.sitemap_url]}],
                "crawl": {
                    "autothrottle": False,
                    "concurrent_requests_per_domain": 4,
                    "retry_times": 0,
                    "download_timeout": 10,  # leases expire 20 s after they were taken
                },
                "service": {"redis_key_prefix": redis_space.prefix},
            }
        )
    )
    try:
        subprocess.run(
            [sys.executable, "-m", "newsmon", "--config", str(config), "db", "upgrade"],
            check=True,
            capture_output=True,
            env=_env(),
        )
        workers = [
            _newsmon(config, "crawl", "--worker", "--idle-exit", "15", "--no-send", "--json")
            for _ in range(3)
        ]
        time.sleep(8)  # every worker waits on the queue before there is anything in it
        poll = _newsmon(config, "crawl", "--source", "big", "--no-send", "--json")
        deadline = time.monotonic() + 120
        while sum(site.article_hits().values()) < pages // 4:
            assert time.monotonic() < deadline, "the crawl never got going"
            time.sleep(0.05)
        victim = workers[0]
        victim.kill()  # SIGKILL: no chance to give anything back
        victim.communicate()
        logs = [_finish(process)[1] for process in [poll, *workers[1:]]]
        assert not any("failed:" in log for log in logs), logs

        assert set(site.article_hits()) == {article_path(n) for n in range(pages)}
        engine, sessions = open_database(postgres_url)
        with sessions() as session:
            total, distinct = session.execute(
                select(func.count(Article.id), func.count(func.distinct(Article.canonical_url)))
            ).one()
        engine.dispose()
        assert (total, distinct) == (pages, pages)
    finally:
        site.stop()


def test_a_plain_scrapy_crawl_uses_the_shared_queue_of_redis_url(
    tmp_path: Path, redis_space: RedisSpace
) -> None:
    import redis

    pages = 20
    site = BigSite(pages).start()
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": f"sqlite:///{tmp_path / 'store.db'}",
                "redis_url": redis_space.url,
                "sources": [{"name": "big", "sitemaps": [site.sitemap_url]}],
                "crawl": {"autothrottle": False},
                "service": {"redis_key_prefix": redis_space.prefix},
            }
        )
    )
    env = {**_env(), "NEWSMON_CONFIG": str(config)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "scrapy", "crawl", "news"],
            cwd=Path(__file__).resolve().parents[2],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        site.stop()
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(site.article_hits()) == pages
    client = redis.Redis.from_url(redis_space.url)
    seen = list(client.scan_iter(match=f"{redis_space.prefix}:seen:*", count=1000))
    client.close()
    assert len(seen) == pages  # every article went through the shared filter
