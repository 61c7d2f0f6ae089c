"""Third pipeline: save the article, or a new version of the stored one."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import ArticleItem
from pipelines.database import session_factory
from pipelines.deduplicate import SIMILARITY
from pipelines.stats import count
from storage.articles import NewArticle, Outcome, store_article
from storage.db import unit_of_work

logger = logging.getLogger(__name__)


def new_article(item: ArticleItem) -> NewArticle:
    """Return what ``item`` stores: the fields of a normalised, deduplicated item."""
    assert item.canonical_url is not None
    assert item.published is not None
    similarity = item.extra.get(SIMILARITY)
    return NewArticle(
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
        duplicate_similarity=float(similarity) if similarity else None,
    )


class StorePipeline:
    """Store each article in its own unit of work and note its id on the item.

    An article already stored under the same canonical URL gets a new
    version when its text changed; the detect pipeline then reads the new text.
    """

    def __init__(self, sessions: sessionmaker[Session], stats: StatsCollector | None = None):
        self.sessions = sessions
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from NEWSMON_DATABASE_URL."""
        return cls(session_factory(crawler.settings["NEWSMON_DATABASE_URL"]), crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Store ``item`` and set ``item.article_id``; drop it if the store already had it."""
        new = new_article(item)
        try:
            outcome = self._store(item, new)
        except IntegrityError:
            # Another crawler process stored the same canonical URL meanwhile:
            # look again, now as a re-fetch of that article.
            logger.info("%s was stored concurrently; storing it again as a re-fetch", item.url)
            outcome = self._store(item, new)
        if outcome == "unchanged":
            count(self.stats, item, "already_stored")
            raise DropItem(f"already stored, text unchanged: {new.canonical_url}")
        if outcome == "revised":
            logger.info("stored a new version of article %s: %s", item.article_id, item.headline)
            count(self.stats, item, "new_versions")
        else:
            logger.info("stored article %s: %s", item.article_id, item.headline or item.url)
            count(self.stats, item, "new_articles")
        return item

    def _store(self, item: ArticleItem, new: NewArticle) -> Outcome:
        with unit_of_work(self.sessions) as session:
            article, outcome = store_article(session, new)
            item.article_id = article.id
        return outcome
