"""Second pipeline: an article already stored is dropped; an exact copy is linked."""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import ArticleItem
from pipelines.database import session_factory
from storage.articles import find_by_canonical_url, find_original_by_text, text_fingerprint

logger = logging.getLogger(__name__)


class DeduplicatePipeline:
    """Drop articles whose canonical URL is stored; link exact text copies to the original."""

    def __init__(self, sessions: sessionmaker[Session], stats: StatsCollector | None = None):
        self.sessions = sessions
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from NEWSMON_DATABASE_URL."""
        return cls(session_factory(crawler.settings["NEWSMON_DATABASE_URL"]), crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Raise DropItem for a stored URL; mark an exact text copy as a duplicate."""
        assert item.canonical_url is not None, "NormalizePipeline runs first"
        with self.sessions() as session:
            if find_by_canonical_url(session, item.canonical_url) is not None:
                self._count(item, "already_stored")
                raise DropItem(f"already stored: {item.canonical_url}")
            original = find_original_by_text(session, text_fingerprint(item.text))
        if original is not None:
            item.duplicate_of = original.id
            item.duplicate_reason = "text-hash"
            self._count(item, "duplicates")
            logger.info("%s repeats article %s word for word", item.url, original.id)
        return item

    def _count(self, item: ArticleItem, what: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newsmon/{what}")
            self.stats.inc_value(f"newsmon/source/{item.source}/{what}")
