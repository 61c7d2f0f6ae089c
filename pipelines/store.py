"""Third pipeline: save the article."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import ArticleItem
from pipelines.database import session_factory
from storage.articles import add_article
from storage.db import unit_of_work

logger = logging.getLogger(__name__)


class StorePipeline:
    """Insert each article in its own unit of work and note its id on the item."""

    def __init__(self, sessions: sessionmaker[Session], stats: StatsCollector | None = None):
        self.sessions = sessions
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from NEWSMON_DATABASE_URL."""
        return cls(session_factory(crawler.settings["NEWSMON_DATABASE_URL"]), crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Store ``item`` and set ``item.article_id``."""
        assert item.canonical_url is not None and item.published is not None
        with unit_of_work(self.sessions) as session:
            article = add_article(
                session,
                source_name=item.source,
                url=item.url,
                canonical_url=item.canonical_url,
                headline=item.headline,
                text=item.text,
                published=dt.date.fromisoformat(item.published),
                published_raw=item.published_raw,
                published_source=item.published_source or "first-seen",
                modified=item.modified,
                author=item.author,
                site_name=item.site_name,
                language=item.language,
                duplicate_of_id=item.duplicate_of,
                duplicate_reason=item.duplicate_reason,
            )
            item.article_id = article.id
        logger.info("stored article %s: %s", item.article_id, item.headline or item.url)
        if self.stats is not None:
            self.stats.inc_value("newsmon/new_articles")
            self.stats.inc_value(f"newsmon/source/{item.source}/new_articles")
        return item
