"""Pipelines over a real store: corpus articles in, stored articles and events out."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.crawler.items import ArticleItem
from newsmon.detector.catalog import Catalog
from newsmon.pipelines.ingest import IngestPipeline, catalog_reader
from newsmon.pipelines.normalize import NormalizePipeline
from newsmon.storage.db import open_database
from newsmon.storage.models import ChangeEvent


def corpus_article(shared: Path, article_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (shared / "corpus" / "articles" / f"{article_id}.json").read_text()
    )
    return data


def corpus_item(shared: Path, article_id: str, **changes: Any) -> ArticleItem:
    """The item a spider would yield for a corpus article; ``changes`` override fields."""
    data = corpus_article(shared, article_id)
    fields = {
        "source": "corpus",
        "url": data["url"],
        "headline": data["headline"],
        "text": data["text"],
        "published": data["published"],
    }
    return ArticleItem(**{**fields, **changes})


@dataclass
class Crawl:
    """The pipelines in Scrapy's order over one store."""

    sessions: sessionmaker[Session]
    pipelines: list[Any]

    def feed(self, item: ArticleItem) -> ArticleItem | None:
        """Pass ``item`` through the pipelines; ``None`` when one drops it."""
        try:
            for pipeline in self.pipelines:
                item = pipeline.process_item(item)
        except DropItem:
            return None
        return item

    def events(self) -> list[tuple[str, int | None, str, str | None, str, int]]:
        with self.sessions() as session:
            return [
                (e.show, e.season, e.facet, e.from_value, e.to_value, e.article_id)
                for e in session.scalars(select(ChangeEvent).order_by(ChangeEvent.id))
            ]


@pytest.fixture(scope="session")
def catalog(shared_dir: Path) -> Catalog:
    return Catalog.load(shared_dir / "corpus" / "catalog.yaml")


@pytest.fixture
def make_crawl(tmp_path: Path, catalog: Catalog) -> Iterator[Callable[..., Crawl]]:
    engines = []

    def make(name: str = "store", threshold: float | None = None) -> Crawl:
        engine, sessions = open_database(f"sqlite:///{tmp_path / name}.db")
        engines.append(engine)
        read = catalog_reader(catalog)
        ingest = (
            IngestPipeline(sessions, read)
            if threshold is None
            else IngestPipeline(sessions, read, threshold=threshold)
        )
        return Crawl(sessions, [NormalizePipeline(), ingest])

    yield make
    for engine in engines:
        engine.dispose()
