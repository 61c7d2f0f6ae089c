"""A crawl killed at any moment loses nothing and doubles nothing.

A local news site publishes two articles before each of twelve rounds; each
round is a real `newsmon crawl` child process, SIGKILLed at a random moment
once it has started fetching articles. After every kill each stored article
is fully read (its claims, change events and pending alerts are there);
after one clean crawl the store holds exactly what one uninterrupted crawl
of the whole site stores.
"""

from __future__ import annotations

import base64
import datetime as dt
import random
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, text

from newsmon.localsite.site import NewsSite, SiteArticle
from newsmon.storage.db import open_database
from tests.crawler.crawlkit import REPO, child_env, command, prose

pytestmark = pytest.mark.slow

ROUNDS = 12
PER_ROUND = 2
SECRET = "whsec_" + base64.b64encode(b"crash-safety test secret, 32 b.").decode()
_ADJECTIVES = ["Quiet", "Salt", "Glass", "Iron", "Silver", "Winter", "Hollow", "Amber"]
_NOUNS = ["Ledger", "Harbour", "Road", "Lantern", "Orchard", "Signal"]
_NEWS = [
    'Filming has wrapped on the second season of "{title}", the network said on Monday.',
    'Cameras are rolling on "{title}" in Leith.',
    'The network has greenlit "{title}," a harbor drama. It is expected to premiere in 2026.',
    '"{title}" has been cancelled after two seasons.',
]


def _titles() -> list[str]:
    return [f"The {a} {n}" for a in _ADJECTIVES for n in _NOUNS][: ROUNDS * PER_ROUND]


def _articles() -> list[SiteArticle]:
    """One article per show, so what each changes does not depend on the order read."""
    return [
        SiteArticle(
            slug=f"story-{n:02d}",
            published=dt.date(2021, 5, 1) + dt.timedelta(days=n),
            headline=f"News about {title}",
            paragraphs=(prose(title)[0], _NEWS[n % len(_NEWS)].format(title=title), *prose(f"{n}")),
        )
        for n, title in enumerate(_titles())
    ]


def _config(tmp_path: Path, name: str, database_url: str, site: NewsSite) -> Path:
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(yaml.safe_dump([{"title": title} for title in _titles()]))
    settings = {
        "database_url": database_url,
        "catalog": str(catalog),
        # Every event of every crawl alerts here (news of 2021 on a first poll would be
        # history): what a kill may not lose is an alert.
        "sources": [{"name": "crash-news", "feeds": [site.feed_url], "baseline": False}],
        "alerts": {
            "webhooks": [{"url": "http://127.0.0.1:9/hook", "secret": SECRET}],
            "max_age": None,
        },
        "crawl": {"autothrottle": False, "download_timeout": 5, "retry_times": 1},
    }
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(settings))
    return path


@dataclass
class Store:
    """What a store holds, in terms that do not depend on ids or timing."""

    articles: set[str]
    unread: int
    claims: dict[str, Counter[tuple[Any, ...]]]
    events: Counter[tuple[Any, ...]]
    deliveries: Counter[tuple[Any, ...]]
    state: set[tuple[Any, ...]]


def _store(database_url: str) -> Store:
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            articles = conn.execute(text("SELECT canonical_url, detected_at FROM articles")).all()
            claims: dict[str, Counter[tuple[Any, ...]]] = {url: Counter() for url, _ in articles}
            for url, *claim in conn.execute(
                text(
                    "SELECT a.canonical_url, c.show, c.season, c.facet, c.value, c.certainty,"
                    " c.as_of, c.evidence, c.rule_id FROM claims c JOIN articles a"
                    " ON a.id = c.article_id"
                )
            ):
                claims[url][tuple(claim)] += 1
            events = Counter(
                tuple(row)
                for row in conn.execute(
                    text(
                        "SELECT e.show, e.season, e.facet, e.from_value, e.to_value, e.evidence,"
                        " a.canonical_url FROM change_events e JOIN articles a"
                        " ON a.id = e.article_id"
                    )
                )
            )
            deliveries = Counter(
                tuple(row)
                for row in conn.execute(
                    text(
                        "SELECT e.show, e.facet, e.to_value, d.channel, d.target, d.status"
                        " FROM deliveries d JOIN change_events e ON e.id = d.event_id"
                    )
                )
            )
            state = {
                tuple(row)
                for row in conn.execute(
                    text("SELECT production_key, facet, value, as_of FROM production_state")
                )
            }
    finally:
        engine.dispose()
    return Store(
        articles={url for url, _ in articles},
        unread=sum(1 for _, detected in articles if detected is None),
        claims=claims,
        events=events,
        deliveries=deliveries,
        state=state,
    )


def _crawl(config: Path, tmp_path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command(config),
        cwd=REPO,
        env=child_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _article_hits(site: NewsSite) -> int:
    return sum(count for path, count in list(site.hits.items()) if path.endswith(".html"))


def _stored_count(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    finally:
        engine.dispose()


def _kill_at_a_random_moment(
    child: subprocess.Popen[str],
    site: NewsSite,
    database_url: str,
    rng: random.Random,
    *,
    mid_ingest: bool,
) -> None:
    """SIGKILL ``child`` once it fetches articles: anywhere in the next 0.4 s, or, with
    ``mid_ingest``, within 30 ms of storing its first article (amid the next one).

    The windows are short because an idle machine crawls a round in well under a second:
    a kill after the crawl ended tests nothing.
    """
    hits, stored = _article_hits(site), _stored_count(database_url)
    deadline = time.monotonic() + 60
    while _article_hits(site) == hits and child.poll() is None:
        assert time.monotonic() < deadline, "the crawl never fetched an article"
        time.sleep(0.005)
    if mid_ingest:
        while _stored_count(database_url) == stored and child.poll() is None:
            assert time.monotonic() < deadline, "the crawl never stored an article"
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.03))
    else:
        time.sleep(rng.uniform(0, 0.4))
    child.kill()
    child.wait()


def _finish(child: subprocess.Popen[str]) -> None:
    _out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err[-3000:]


@pytest.fixture(scope="module")
def site() -> Iterator[NewsSite]:
    served = NewsSite(name="Crash News").start()
    yield served
    served.stop()


@pytest.fixture(scope="module")
def expected(site: NewsSite, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """What one uninterrupted crawl of the whole site stores (the same on every backend)."""
    tmp_path = tmp_path_factory.mktemp("reference")
    articles = _articles()
    site.published[:] = articles
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    _finish(_crawl(_config(tmp_path, "reference", reference, site), tmp_path))
    stored = _store(reference)
    assert stored.articles == {site.url + a.path for a in articles}
    assert stored.unread == 0
    assert sum(stored.events.values()) >= len(articles)
    assert sum(stored.deliveries.values()) == sum(stored.events.values())
    return stored


def test_crawls_killed_at_random_moments_end_as_one_uninterrupted_crawl(
    tmp_path: Path, database_url: str, site: NewsSite, expected: Store
) -> None:
    articles = _articles()
    site.published.clear()
    config = _config(tmp_path, "killed", database_url, site)
    engine, _sessions = open_database(database_url)  # an empty store to watch from the start
    engine.dispose()
    rng = random.Random()
    partial = interrupted = before = 0
    for round_number in range(ROUNDS):
        published = (round_number + 1) * PER_ROUND
        site.publish(*articles[published - PER_ROUND : published])
        child = _crawl(config, tmp_path)
        _kill_at_a_random_moment(child, site, database_url, rng, mid_ingest=round_number % 2 == 1)
        now = _store(database_url)
        interrupted += len(now.articles) < published
        partial += 0 < len(now.articles) - before < published - before
        before = len(now.articles)
        # Whatever the kill interrupted, every stored article was read in full.
        assert now.unread == 0
        assert now.claims == {url: expected.claims[url] for url in now.articles}
        assert now.events == Counter(
            {event: n for event, n in expected.events.items() if event[-1] in now.articles}
        )
        assert sum(now.deliveries.values()) == sum(now.events.values())

    _finish(_crawl(config, tmp_path))
    assert _store(database_url) == expected
    assert interrupted >= ROUNDS // 4, f"only {interrupted} kills interrupted a crawl"
    assert partial > 0, "no kill landed between two articles of one crawl"
