"""Crawler processes writing the same productions at once take turns and drop nothing.

Three writers (threads, each with its own sessions and connections) ingest
articles about the same few productions into one PostgreSQL store at the
same time. Every claim is kept, every article is read, each facet's events
chain from one value to the next, and the final state is the state of one
writer ingesting the same articles one after the other.
"""

from __future__ import annotations

import datetime as dt
import queue
import random
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from newsmon.detector.model import FACETS, ArticleInput, Certainty, Claim, Facet
from newsmon.storage.articles import NewArticle
from newsmon.storage.corroboration import Corroborated
from newsmon.storage.db import open_database
from newsmon.storage.ingest import Reading, ingest
from tests.conftest import create_postgres_database, drop_postgres_database

pytestmark = pytest.mark.postgres

PRODUCTIONS = [("Harrow Point", 1), ("Harrow Point", 2), ("Salt Road", 1), ("Glass Harbour", None)]
STAGES = ["announced", "pre_production", "filming", "wrapped", "post_production", "released"]
WINDOWS = ["2026", "2026-06", "2026-06-12", "2026-09", "2027/..", "tba", "2026-05/2026-07"]
WRITERS = 3
ARTICLES = 90


def _workload(seed: int) -> tuple[list[NewArticle], dict[str, list[Claim]]]:
    """Articles each claiming two to four facets of the shared productions, dates all distinct."""
    rng = random.Random(seed)
    days = rng.sample(range(1000), ARTICLES * 4)
    articles, claims = [], {}
    for n in range(ARTICLES):
        url = f"http://127.0.0.1/news/{n}"
        said = []
        for show, season in rng.sample(PRODUCTIONS, rng.randint(2, 4)):
            facet: Facet = rng.choice(FACETS)
            said.append(
                Claim(
                    show=show,
                    season=season,
                    facet=facet,
                    value=rng.choice(STAGES if facet == "stage" else WINDOWS),
                    certainty=rng.choice(list(Certainty)),
                    as_of=(dt.date(2024, 1, 1) + dt.timedelta(days=days.pop())).isoformat(),
                    evidence=f"{show} {season} {facet}, article {n}.",
                    rule_id="test.concurrent",
                )
            )
        claims[url] = said
        articles.append(
            NewArticle(
                source_name="local",
                url=url,
                canonical_url=url,
                headline=f"Article {n}",
                text=f"Article {n} about {', '.join(c.show for c in said)}; {rng.random()}.",
                published=dt.date(2025, 1, 1),
                published_raw=None,
                published_source="page",
            )
        )
    return articles, claims


def _reader(claims: dict[str, list[Claim]]) -> Any:
    def read(article: ArticleInput) -> Reading:
        return Reading(claims=claims[article.url])

    return read


def _route(event: Corroborated) -> list[tuple[str, str]]:
    return [("webhook", "http://127.0.0.1:9/hook")]


def _run(sessions: sessionmaker[Session], articles: list[NewArticle], read: Any) -> None:
    for article in articles:
        ingest(sessions, article, read=read, route=_route)


def _run_concurrently(
    sessions: sessionmaker[Session], articles: list[NewArticle], read: Any
) -> list[BaseException]:
    todo: queue.Queue[NewArticle] = queue.Queue()
    for article in articles:
        todo.put(article)
    failures: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer() -> None:
        start.wait()
        while True:
            try:
                article = todo.get_nowait()
            except queue.Empty:
                return
            try:
                ingest(sessions, article, read=read, route=_route)
            except Exception as exc:  # reported by the test
                failures.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def _contents(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        claims = Counter(
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT a.url, c.show, c.season, c.facet, c.value, c.certainty, c.as_of"
                    " FROM claims c JOIN articles a ON a.id = c.article_id"
                )
            )
        )
        state = {
            (row.show, row.season, row.facet): (row.value, row.as_of)
            for row in conn.execute(
                text("SELECT show, season, facet, value, as_of FROM production_state")
            )
        }
        events = conn.execute(
            text(
                "SELECT e.show, e.season, e.facet, e.from_value, e.to_value,"
                " (SELECT count(*) FROM deliveries d WHERE d.event_id = e.id) AS deliveries"
                " FROM change_events e ORDER BY e.id"
            )
        ).all()
        unread = conn.execute(text("SELECT count(*) FROM articles WHERE detected_at IS NULL"))
        return {"claims": claims, "state": state, "events": events, "unread": unread.scalar_one()}


@pytest.fixture
def two_stores(postgres_admin_url: str) -> Iterator[tuple[str, str]]:
    urls = [create_postgres_database(postgres_admin_url) for _ in range(2)]
    yield urls[0], urls[1]
    for url in urls:
        drop_postgres_database(postgres_admin_url, url)


@pytest.mark.parametrize("seed", [1, 2])
def test_concurrent_writers_keep_every_claim_and_reach_the_sequential_state(
    two_stores: tuple[str, str], seed: int
) -> None:
    articles, claims = _workload(seed)
    read = _reader(claims)
    one_by_one, together = two_stores
    engine, sessions = open_database(one_by_one)
    _run(sessions, articles, read)
    expected = _contents(engine)
    engine.dispose()

    engine, sessions = open_database(together)
    shuffled = random.Random(seed).sample(articles, len(articles))
    assert _run_concurrently(sessions, shuffled, read) == []
    found = _contents(engine)
    engine.dispose()

    assert sum(found["claims"].values()) == sum(len(c) for c in claims.values())
    assert found["claims"] == expected["claims"]
    assert found["unread"] == 0
    assert found["state"] == expected["state"]
    # No writer folded from a stale state: each event starts where the previous one ended.
    last: dict[tuple[Any, ...], str | None] = {}
    for show, season, facet, old, new, deliveries in found["events"]:
        assert old == last.get((show, season, facet)), (show, season, facet)
        assert deliveries == 1
        last[(show, season, facet)] = new
    assert {key: value for key, (value, _as_of) in found["state"].items()} == last
