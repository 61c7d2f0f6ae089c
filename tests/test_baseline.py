"""A new monitor tells what changes from now on: a source's first poll and old news stay quiet.

Real `newsmon crawl` child processes read a local news site; a real webhook
receiver counts the alerts. A source's first poll stores, reads and fills
history but alerts nobody; later polls alert as before; a change older than
``alerts.max_age`` when found is history, marked so in the store, the API,
the web page and the Atom feed.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from newsmon.config import load_settings
from newsmon.localsite.receivers import WebhookReceiver
from newsmon.localsite.site import NewsSite, SiteArticle
from newsmon.storage.db import open_database
from newsmon.web.app import create_app
from tests.crawler.crawlkit import REPO, child_env, prose

pytestmark = pytest.mark.slow

SECRET = "whsec_" + base64.b64encode(b"baseline test secret, 32 bytes!!").decode()
TODAY = dt.datetime.now(dt.UTC).date()
ARCHIVED = 60
_ADJECTIVES = ["Quiet", "Salt", "Glass", "Iron", "Silver", "Winter", "Hollow", "Amber", "Cedar"]
_NOUNS = ["Ledger", "Harbour", "Road", "Lantern", "Orchard", "Signal", "Tide"]
TITLES = [f"The {a} {n}" for a in _ADJECTIVES for n in _NOUNS][: ARCHIVED + 3]
FRESH_SHOW, RECAP_SHOW, LATE_SHOW = TITLES[ARCHIVED:]
_NEWS = [
    'Filming has wrapped on the second season of "{title}", the network said on Monday.',
    'Cameras are rolling on "{title}" in Leith.',
    '"{title}" has been cancelled after two seasons.',
]
ATOM = "{http://www.w3.org/2005/Atom}"


def _article(slug: str, published: dt.date, title: str, news: str) -> SiteArticle:
    return SiteArticle(
        slug=slug,
        published=published,
        headline=f"News about {title}",
        paragraphs=(prose(title)[0], news.format(title=title), *prose(slug)),
    )


def _archive() -> list[SiteArticle]:
    """Sixty articles of 2016 to 2024, one show each."""
    return [
        _article(
            f"archive-{n:02d}",
            dt.date(2016, 1, 10) + dt.timedelta(days=55 * n),
            TITLES[n],
            _NEWS[n % len(_NEWS)],
        )
        for n in range(ARCHIVED)
    ]


def _recent(slug: str, title: str, days_ago: int = 0) -> SiteArticle:
    """An article of ``days_ago`` days ago saying the show started filming."""
    return _article(slug, TODAY - dt.timedelta(days=days_ago), title, _NEWS[1])


FRESH = _article("fresh", TODAY, FRESH_SHOW, _NEWS[0])
"""Published after the first poll: the second season of FRESH_SHOW wrapped (as of Monday)."""
RECAP = _article(
    "recap",
    TODAY,
    RECAP_SHOW,
    'Filming on the first season of "{title}" wrapped in March 2019, the network recalled.',
)
"""A new article that recalls 2019: old news."""


@pytest.fixture
def site() -> Iterator[NewsSite]:
    served = NewsSite(name="Archive News").start()
    yield served
    served.stop()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    hooks = WebhookReceiver(secret=SECRET).start()
    yield hooks
    hooks.stop()


class Monitor:
    """One user's configuration and store, driven through the `newsmon` command."""

    def __init__(self, tmp_path: Path, site: NewsSite, receiver: WebhookReceiver, **options: Any):
        self.tmp_path = tmp_path
        self.database_url = f"sqlite:///{tmp_path / 'store.db'}"
        catalog = tmp_path / "catalog.yaml"
        catalog.write_text(yaml.safe_dump([{"title": title} for title in TITLES]))
        source: dict[str, Any] = {"name": "archive-news", "feeds": [site.feed_url]}
        source.update(options.pop("source", {}))
        alerts: dict[str, Any] = {"webhooks": [{"url": receiver.url, "secret": SECRET}]}
        alerts.update(options.pop("alerts", {}))
        settings = {
            "database_url": self.database_url,
            "catalog": str(catalog),
            "sources": [source],
            "alerts": alerts,
            "crawl": {"autothrottle": False, **options.pop("crawl", {})},
        }
        self.config = tmp_path / "newsmon.yaml"
        self.config.write_text(yaml.safe_dump(settings))
        self.receiver = receiver

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "newsmon", "--config", str(self.config), *args]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            self.command(*args),
            cwd=REPO,
            env=child_env(self.tmp_path),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    def crawl(self, *args: str) -> None:
        """Crawl once and send what it caused, as a user does."""
        self.run("crawl", *args)

    def rows(self, *args: str) -> list[dict[str, Any]]:
        out = self.run(*args, "--jsonl").stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def events(self) -> list[dict[str, Any]]:
        return self.rows("events")

    def deliveries(self) -> int:
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as conn:
                return int(conn.execute(text("SELECT count(*) FROM deliveries")).scalar_one())
        finally:
            engine.dispose()

    def alerted(self) -> list[dict[str, Any]]:
        """The events the webhook received, once the sending has had time to land."""
        time.sleep(0.3)
        return [hook.payload["data"] for hook in self.receiver.received]

    def client(self) -> TestClient:
        settings = load_settings(self.config)
        engine, sessions = open_database(self.database_url)
        self._engine = engine
        return TestClient(create_app(settings, sessions), base_url="http://127.0.0.1")


def _source_line(monitor: Monitor) -> str:
    """The line `newsmon status` prints for the source, under its productions."""
    lines = monitor.run("status").stdout.splitlines()
    (line,) = [line for line in lines if line.startswith("archive-news")]
    return line


def _url(site: NewsSite, article: SiteArticle) -> str:
    return site.url + article.path


def test_a_new_source_baselines_then_alerts_news_and_keeps_old_news_as_history(
    tmp_path: Path, site: NewsSite, receiver: WebhookReceiver
) -> None:
    monitor = Monitor(tmp_path, site, receiver)
    site.publish(*_archive())

    # The first poll stores and reads all sixty and fills history: no alert.
    monitor.crawl()
    assert len(monitor.rows("articles")) == ARCHIVED
    history = monitor.events()
    assert len(history) >= ARCHIVED
    assert {event["quiet"] for event in history} == {"baseline"}
    assert monitor.deliveries() == 0
    assert monitor.alerted() == []
    assert _source_line(monitor).split()[1] == "baselined"

    # An article published afterwards sends exactly its changes.
    site.publish(FRESH)
    assert "baseline" not in monitor.run("crawl").stdout
    fresh = [e for e in monitor.events() if e["article_url"] == _url(site, FRESH)]
    assert [(e["show"], e["season"], e["to"], e["quiet"]) for e in fresh] == [
        (FRESH_SHOW, 2, "wrapped", None)
    ]
    alerted = monitor.alerted()
    assert [(a["show"], a["season"], a["to"]) for a in alerted] == [(FRESH_SHOW, 2, "wrapped")]
    assert all(hook.signature_valid for hook in receiver.received)

    # A recap of 2019 in a new article changes state and history, and sends nothing.
    site.publish(RECAP)
    monitor.crawl()
    recap = [e for e in monitor.events() if e["article_url"] == _url(site, RECAP)]
    assert [(e["show"], e["to"], e["as_of"], e["quiet"]) for e in recap] == [
        (RECAP_SHOW, "wrapped", "2019-03", "old")
    ]
    assert (monitor.rows("status", RECAP_SHOW)[0]["stage"]) == "wrapped"
    assert len(monitor.alerted()) == 1
    assert monitor.deliveries() == 1

    # The timeline, the API, the web page and the Atom feed mark it as history.
    timeline = monitor.rows("history", RECAP_SHOW)
    assert [r["quiet"] for r in timeline if r["kind"] == "event"] == ["old"]
    with monitor.client() as client:
        api = client.get(f"/api/v1/shows/{RECAP_SHOW}/timeline").json()
        assert [e["quiet"] for e in api["entries"] if e["kind"] == "event"] == ["old"]
        events = client.get("/api/v1/events", params={"limit": 200}).json()["items"]
        by_article = {e["article"]["url"]: e["quiet"] for e in events}
        assert by_article[_url(site, FRESH)] is None
        assert by_article[_url(site, RECAP)] == "old"
        assert by_article[_url(site, _archive()[0])] == "baseline"
        page = client.get(f"/shows/{RECAP_SHOW}").text
        assert 'class="tag history"' in page
        assert 'class="tag history"' not in client.get(f"/shows/{FRESH_SHOW}").text
        feed = ET.fromstring(client.get("/feeds/events.atom", params={"limit": 200}).content)
        marked = {
            entry.find(f"{ATOM}link[@rel='related']").get("href"): [  # type: ignore[union-attr]
                c.get("term") for c in entry.findall(f"{ATOM}category")
            ]
            for entry in feed.findall(f"{ATOM}entry")
        }
        assert "history" in marked[_url(site, RECAP)]
        assert "history" not in marked[_url(site, FRESH)]
        sources = client.get("/api/v1/sources").json()
        assert [(s["name"], s["baseline"]) for s in sources] == [("archive-news", "baselined")]
        assert '<p class="baseline baseline-baselined">baselined</p>' in client.get("/sources").text
    monitor._engine.dispose()


def test_a_source_with_baseline_false_alerts_on_its_first_poll(
    tmp_path: Path, site: NewsSite, receiver: WebhookReceiver
) -> None:
    monitor = Monitor(tmp_path, site, receiver, source={"baseline": False})
    assert _source_line(monitor).split()[1] == "off"
    site.publish(_recent("first", FRESH_SHOW, days_ago=3), _recent("second", LATE_SHOW))
    monitor.crawl()
    assert sorted(a["show"] for a in monitor.alerted()) == sorted([FRESH_SHOW, LATE_SHOW])
    assert {e["quiet"] for e in monitor.events()} == {None}


def test_the_first_poll_is_quiet_however_recent_its_news(
    tmp_path: Path, site: NewsSite, receiver: WebhookReceiver
) -> None:
    monitor = Monitor(tmp_path, site, receiver)
    assert _source_line(monitor).split()[1] == "pending"
    site.publish(_recent("first", FRESH_SHOW, days_ago=3))
    said = monitor.run("crawl").stdout
    assert "archive-news: first poll (baseline): what it read is history" in said
    assert monitor.alerted() == []
    assert [e["quiet"] for e in monitor.events()] == ["baseline"]


def test_crawl_baseline_reseeds_without_alerting_then_news_alerts_again(
    tmp_path: Path, site: NewsSite, receiver: WebhookReceiver
) -> None:
    monitor = Monitor(tmp_path, site, receiver, source={"baseline": False})
    site.publish(_recent("first", FRESH_SHOW))
    monitor.crawl()
    assert [a["show"] for a in monitor.alerted()] == [FRESH_SHOW]

    site.publish(_recent("reseed", LATE_SHOW))
    said = monitor.run("crawl", "--baseline").stdout
    assert "archive-news: --baseline: what it read is history; no alert was sent" in said
    assert len(monitor.alerted()) == 1
    late = [e for e in monitor.events() if e["show"] == LATE_SHOW]
    assert [e["quiet"] for e in late] == ["baseline"]

    site.publish(_article("later", TODAY, LATE_SHOW, _NEWS[0]))
    monitor.crawl()
    assert [(a["show"], a["to"]) for a in monitor.alerted()[1:]] == [(LATE_SHOW, "wrapped")]


def test_max_age_null_alerts_a_recap_of_2019(
    tmp_path: Path, site: NewsSite, receiver: WebhookReceiver
) -> None:
    monitor = Monitor(tmp_path, site, receiver, alerts={"max_age": None})
    site.publish(_archive()[0])
    monitor.crawl()
    assert monitor.alerted() == []

    site.publish(RECAP)
    monitor.crawl()
    assert [(a["show"], a["to"], a["as_of"]) for a in monitor.alerted()] == [
        (RECAP_SHOW, "wrapped", "2019-03")
    ]
    recap = [e for e in monitor.events() if e["show"] == RECAP_SHOW]
    assert [e["quiet"] for e in recap] == [None]


def test_a_first_poll_killed_midway_is_still_a_baseline_when_retried(
    tmp_path: Path, site: NewsSite, receiver: WebhookReceiver
) -> None:
    # One request at a time, slowly: the kill lands while articles are still coming in.
    monitor = Monitor(
        tmp_path,
        site,
        receiver,
        crawl={"download_delay": 0.05, "concurrent_requests_per_domain": 1},
    )
    site.publish(*_archive())
    child = subprocess.Popen(
        monitor.command("crawl", "--no-send"),
        cwd=REPO,
        env=child_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while _stored(monitor) < 5:
        assert child.poll() is None, "the crawl ended before it could be killed"
        assert time.monotonic() < deadline, "the crawl stored nothing"
        time.sleep(0.02)
    child.kill()
    child.wait()
    assert 0 < _stored(monitor) < ARCHIVED

    monitor.crawl()
    assert len(monitor.rows("articles")) == ARCHIVED
    assert {e["quiet"] for e in monitor.events()} == {"baseline"}
    assert monitor.deliveries() == 0
    assert monitor.alerted() == []

    site.publish(FRESH)
    monitor.crawl()
    assert [(a["show"], a["to"]) for a in monitor.alerted()] == [(FRESH_SHOW, "wrapped")]


def _stored(monitor: Monitor) -> int:
    if not (monitor.tmp_path / "store.db").exists():
        return 0
    engine = create_engine(monitor.database_url)
    try:
        with engine.connect() as conn:
            try:
                return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
            except Exception:
                return 0  # not migrated yet
    finally:
        engine.dispose()
