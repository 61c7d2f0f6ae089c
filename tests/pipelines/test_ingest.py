"""An article's way in is one unit of work: all of it is stored, or none of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.detector.catalog import Catalog
from newsmon.detector.model import ArticleInput
from newsmon.pipelines.ingest import IngestPipeline, catalog_reader
from newsmon.pipelines.normalize import NormalizePipeline
from newsmon.storage.articles import add_article
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.ingest import Reading
from newsmon.storage.models import Article, ChangeEvent, ClaimRow, Delivery
from tests.pipelines.conftest import corpus_item

HOOK = ("webhook", "http://127.0.0.1:9/hook")


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine, factory = open_database(database_url)
    yield factory
    engine.dispose()


def _counts(sessions: sessionmaker[Session]) -> tuple[int, ...]:
    with sessions() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (Article, ClaimRow, ChangeEvent, Delivery)
        )


def test_a_failure_while_reading_stores_nothing_and_the_next_fetch_does_it_all(
    sessions: sessionmaker[Session], catalog: Catalog, shared_dir: Path
) -> None:
    detector = catalog_reader(catalog)
    calls: list[str] = []

    def fails_once(article: ArticleInput) -> Reading:
        calls.append(article.url)
        if len(calls) == 1:
            raise RuntimeError("the reader dies halfway")
        return detector(article)

    pipeline = IngestPipeline(sessions, fails_once, lambda _event: [HOOK])
    item = NormalizePipeline().process_item(corpus_item(shared_dir, "seed-004"))
    with pytest.raises(RuntimeError):
        pipeline.process_item(item)
    assert _counts(sessions) == (0, 0, 0, 0)

    stored = pipeline.process_item(
        NormalizePipeline().process_item(corpus_item(shared_dir, "seed-004"))
    )
    articles, claims, events, deliveries = _counts(sessions)
    assert articles == 1
    assert stored.article_id is not None
    assert claims > 0
    assert events > 0
    assert deliveries == events
    assert len(calls) == 2


def test_an_article_stored_but_never_read_is_read_when_fetched_again(
    sessions: sessionmaker[Session], catalog: Catalog, shared_dir: Path
) -> None:
    item = NormalizePipeline().process_item(corpus_item(shared_dir, "seed-004"))
    assert item.canonical_url is not None
    with unit_of_work(sessions) as session:  # as a store from before one unit of work left it
        add_article(
            session,
            source_name="corpus",
            url=item.url,
            canonical_url=item.canonical_url,
            headline=item.headline,
            text=item.text,
            published=dt.date.fromisoformat(item.published or ""),
            published_raw=None,
            published_source="page",
        )
    pipeline = IngestPipeline(sessions, catalog_reader(catalog), lambda _event: [HOOK])
    with pytest.raises(DropItem, match="already stored"):
        pipeline.process_item(item)
    articles, claims, events, deliveries = _counts(sessions)
    assert (articles, deliveries) == (1, events)
    assert claims > 0
    assert events > 0
    with sessions() as session:
        assert session.scalars(select(Article.detected_at)).one() is not None
    # Read once: fetching it again changes nothing.
    with pytest.raises(DropItem):
        pipeline.process_item(NormalizePipeline().process_item(corpus_item(shared_dir, "seed-004")))
    assert _counts(sessions) == (articles, claims, events, deliveries)


def test_a_copy_carries_its_similarity_as_a_number_not_on_the_item(
    sessions: sessionmaker[Session], catalog: Catalog, shared_dir: Path
) -> None:
    pipeline = IngestPipeline(sessions, catalog_reader(catalog))
    normalize = NormalizePipeline()
    pipeline.process_item(normalize.process_item(corpus_item(shared_dir, "dev-024")))
    copy = pipeline.process_item(
        normalize.process_item(
            corpus_item(shared_dir, "dev-025", url="https://www.elsewhere.test/ninefold")
        )
    )
    assert copy.duplicate_reason == "near-duplicate"
    assert copy.extra == {}
    with sessions() as session:
        similarity = session.get_one(Article, copy.article_id).duplicate_similarity
    assert isinstance(similarity, float)
    assert 0.6 <= similarity < 1.0
