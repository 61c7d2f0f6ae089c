"""Stores for the web tests, made once per session.

``crawled``: a local news site publishes the two seed articles one after the
other (plus a syndicated copy and an article quoting a ``<script>`` tag), and
``newsmon crawl`` runs twice in child processes, sending alerts to a local
webhook receiver and to a closed port. ``synthetic``: a store filled through
the storage functions with many productions and events, for paging and
filters, independent of the detector.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from newsmon.config import Settings, load_settings
from newsmon.localsite.receivers import WebhookReceiver
from newsmon.localsite.site import NewsSite, SiteArticle
from newsmon.storage.db import open_database
from newsmon.web.app import create_app

SECRET = "whsec_" + base64.b64encode(b"web tests webhook secret, 32 byt").decode()
TOKEN = "web-tests-token-0123456789abcdef"
LOCAL = "http://127.0.0.1"
SCRIPT = '<script>alert("owned")</script>'


@dataclass
class Store:
    """A filled store and what made it."""

    config: Path
    settings: Settings
    sessions: sessionmaker[Session]
    site_url: str = ""
    articles: dict[str, SiteArticle] | None = None

    def app(self, **updates: Any) -> FastAPI:
        """An app on this store; ``updates`` replace top-level settings (e.g. ``api``)."""
        settings = self.settings.model_copy(update=updates) if updates else self.settings
        return create_app(settings, self.sessions)

    def client(self, **updates: Any) -> TestClient:
        """An HTTP client on the app, addressed as 127.0.0.1."""
        return TestClient(self.app(**updates), base_url=LOCAL)


def seed_article(shared: Path, seed_id: str) -> SiteArticle:
    data = json.loads((shared / "corpus" / "articles" / f"{seed_id}.json").read_text())
    return SiteArticle(
        slug=seed_id,
        published=dt.date.fromisoformat(data["published"]),
        headline=data["headline"],
        paragraphs=tuple(p for p in data["text"].split("\n\n") if p.strip()),
    )


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _newsmon(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    return subprocess.run(
        [sys.executable, "-m", "newsmon", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=env,
    )


@pytest.fixture(scope="session")
def crawled(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The store after two real crawls of the seed articles (in order)."""
    workdir = tmp_path_factory.mktemp("crawled")
    site = NewsSite(name="Seed News").start()
    receiver = WebhookReceiver(secret=SECRET).start()
    try:
        config = workdir / "newsmon.yaml"
        values: dict[str, Any] = {
            "database_url": f"sqlite:///{workdir / 'store.db'}",
            "catalog": str(shared_dir / "corpus" / "catalog.yaml"),
            # The seeds are news of 2017; the pages show what their alerts became.
            "sources": [{"name": "seed-news", "feeds": [site.feed_url], "baseline": False}],
            "alerts": {
                "max_age": None,
                "webhooks": [
                    {"url": receiver.url, "secret": SECRET},
                    {"url": f"http://127.0.0.1:{_closed_port()}/hook", "secret": SECRET},
                ],
                "subscriptions": [{"shows": ["Marvel's The Defenders", "Jessica Jones"]}],
            },
        }
        config.write_text(yaml.safe_dump(values))
        first = seed_article(shared_dir, "seed-000")
        second = seed_article(shared_dir, "seed-004")
        copy = SiteArticle(
            slug="syndicated-copy",
            published=first.published,
            headline=first.headline,
            paragraphs=first.paragraphs,
        )
        quoting = SiteArticle(
            slug="markup-in-articles",
            published=dt.date(2017, 2, 1),
            headline=f"Why {SCRIPT} tags end up in articles",
            paragraphs=(
                f"Some sites paste code into their stories, such as {SCRIPT} in a paragraph.",
                "A reader of this article should see that code as text, never run it.",
            ),
        )
        for batch in ((first, quoting), (second, copy)):
            site.publish(*batch)
            crawl = _newsmon(config, "crawl")
            assert crawl.returncode == 0, crawl.stderr[-3000:]
        # A second source, configured after the crawls: crawling a closed port only
        # costs retries, and the sources' errors are tested on recorded polls.
        gone = {"name": "gone-news", "feeds": [f"http://127.0.0.1:{_closed_port()}/feed"]}
        config.write_text(yaml.safe_dump({**values, "sources": [*values["sources"], gone]}))
        settings = load_settings(config)
        _engine, sessions = open_database(settings.database_url)
        yield Store(
            config=config,
            settings=settings,
            sessions=sessions,
            site_url=site.url,
            articles={"first": first, "second": second, "copy": copy, "quoting": quoting},
        )
    finally:
        site.stop()
        receiver.stop()


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store of 60 shows, ~150 events, polls and deliveries, made without crawling."""
    from tests.web import synthetic as data

    workdir = tmp_path_factory.mktemp("synthetic")
    settings = data.settings_for(workdir)
    data.fill(settings)
    _engine, sessions = open_database(settings.database_url)
    return Store(config=workdir / "none.yaml", settings=settings, sessions=sessions)
