"""Second pipeline: tell new articles, new versions and copies of stored stories apart.

An article stored under the same canonical URL with the same text is dropped
(nothing new); with a changed text it passes on, and the store pipeline keeps
it as a new version. A copy of a stored story (another site's canonical URL,
the same text, or a near-duplicate text) passes on marked with the original
and the reason: it is stored and read like any article, so history shows
where the story ran, and the claims it only repeats change nothing.
"""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from sqlalchemy.orm import Session, sessionmaker

from crawler.items import ArticleItem
from pipelines.database import session_factory
from pipelines.normalize import CANONICAL_ELSEWHERE
from pipelines.stats import count
from storage.dedupe import DEFAULT_THRESHOLD, classify

logger = logging.getLogger(__name__)

SIMILARITY = "duplicate_similarity"
"""Key in ``item.extra``: the near-duplicate's similarity to its original, as text."""


class DeduplicatePipeline:
    """Drop unchanged re-fetches; mark copies of stored stories with their original."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        stats: StatsCollector | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
    ):
        self.sessions = sessions
        self.stats = stats
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from NEWSMON_DATABASE_URL and NEWSMON_DEDUPE (``dedupe`` in newsmon.yaml)."""
        settings = crawler.settings
        dedupe = settings.getdict("NEWSMON_DEDUPE")
        threshold = float(dedupe.get("near_duplicate_threshold", DEFAULT_THRESHOLD))
        return cls(
            session_factory(settings["NEWSMON_DATABASE_URL"]), crawler.stats, threshold=threshold
        )

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Raise DropItem for an unchanged re-fetch; mark a copy with its original."""
        assert item.canonical_url is not None, "NormalizePipeline runs first"
        with self.sessions() as session:
            verdict = classify(
                session,
                canonical_url=item.canonical_url,
                text=item.text,
                canonical_elsewhere=item.extra.get(CANONICAL_ELSEWHERE),
                threshold=self.threshold,
            )
        if verdict.kind == "unchanged":
            count(self.stats, item, "already_stored")
            raise DropItem(f"already stored, text unchanged: {item.canonical_url}")
        if verdict.kind == "revised":
            logger.info(
                "%s changed since it was stored as article %s", item.url, verdict.article_id
            )
        elif verdict.kind == "duplicate":
            item.duplicate_of = verdict.article_id
            item.duplicate_reason = verdict.reason
            if verdict.similarity is not None:
                item.extra[SIMILARITY] = f"{verdict.similarity:.4f}"
            count(self.stats, item, "duplicates")
            logger.info(
                "%s repeats article %s (%s, similarity %s)",
                item.url,
                verdict.article_id,
                verdict.reason,
                verdict.similarity,
            )
        return item
