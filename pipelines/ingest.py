"""Second pipeline: an article's way into the store, one unit of work per article.

Thin over :func:`storage.ingest.ingest`: it classifies the article (new, a
copy of a stored story, a new version of a stored article, or unchanged),
stores it, reads it with the detector, applies the claims and writes change
events with their pending deliveries, all committed together. An unchanged
re-fetch is dropped; a copy passes on marked with its original, and the
claims it only repeats change nothing. What a source's first poll reads
(or every source's, with ``NEWSMON_BASELINE``) and news older than
``alerts.max_age`` are stored as history, alerting nobody (:mod:`storage.quiet`).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.routing import Router
from newsmon.config import AlertsConfig
from newsmon.crawler.items import ArticleItem
from newsmon.detector.analyze import analyze
from newsmon.detector.catalog import Catalog
from newsmon.detector.model import ArticleInput
from newsmon.detector.suggest import suggest
from newsmon.pipelines.database import session_factory
from newsmon.pipelines.normalize import CANONICAL_ELSEWHERE
from newsmon.pipelines.stats import count
from newsmon.storage.articles import NewArticle
from newsmon.storage.dedupe import DEFAULT_THRESHOLD
from newsmon.storage.ingest import Quieting, Reader, Reading, ingest
from newsmon.storage.quiet import Baseline
from newsmon.storage.state import Route

logger = logging.getLogger(__name__)


def alert_router(
    alerts: AlertsConfig | dict[str, Any] | None, catalog: Catalog | None = None
) -> Router:
    """Route new change events to channels per ``alerts.subscriptions``.

    Show names in subscriptions are read through ``catalog`` (titles or aliases).
    """
    config = AlertsConfig.model_validate(alerts or {})
    return Router.from_config(config, catalog=catalog)


BASELINE_SETTING = "NEWSMON_BASELINE"
"""True: this crawl is every polled source's baseline (``newsmon crawl --baseline``)."""


def quieting(
    alerts: AlertsConfig | dict[str, Any] | None,
    sources: list[dict[str, Any]],
    *,
    forced: bool = False,
) -> Quieting:
    """Which events are history: each source's baseline (unless it opts out), and old news."""
    config = AlertsConfig.model_validate(alerts or {})
    opted_out = frozenset(s["name"] for s in sources if s.get("baseline", True) is False)
    return Quieting(baseline=Baseline(forced=forced, opted_out=opted_out), max_age=config.max_age)


def catalog_reader(catalog: Catalog) -> Reader:
    """The detector over ``catalog``: claims about its shows, suggestions about others."""

    def read(article: ArticleInput) -> Reading:
        return Reading(claims=analyze(article, catalog), suggestions=suggest(article, catalog))

    return read


def new_article(item: ArticleItem) -> NewArticle:
    """Return what ``item`` stores: the fields of a normalised item."""
    assert item.canonical_url is not None, "NormalizePipeline runs first"
    assert item.published is not None
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
    )


class IngestPipeline:
    """Store and read each article in one transaction; note its id (and original) on the item."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        read: Reader,
        route: Route | None = None,
        stats: StatsCollector | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        quiet: Quieting | None = None,
    ):
        self.sessions = sessions
        self.read = read
        self.route = route
        self.stats = stats
        self.threshold = threshold
        self.quiet = quiet
        self._told_baseline: set[str | None] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from the NEWSMON_* settings (database, catalog, alerts, sources, baseline)."""
        settings = crawler.settings
        catalog_path = settings.get("NEWSMON_CATALOG")
        catalog = Catalog.load(Path(catalog_path)) if catalog_path else Catalog.from_entries([])
        dedupe = settings.getdict("NEWSMON_DEDUPE")
        return cls(
            session_factory(settings["NEWSMON_DATABASE_URL"]),
            catalog_reader(catalog),
            alert_router(settings.getdict("NEWSMON_ALERTS"), catalog),
            crawler.stats,
            threshold=float(dedupe.get("near_duplicate_threshold", DEFAULT_THRESHOLD)),
            quiet=quieting(
                settings.getdict("NEWSMON_ALERTS"),
                list(settings.getlist("NEWSMON_SOURCES")),
                forced=settings.getbool(BASELINE_SETTING),
            ),
        )

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Ingest ``item``; set ``article_id`` (and ``duplicate_*``); drop an unchanged one."""
        done = ingest(
            self.sessions,
            new_article(item),
            read=self.read,
            route=self.route,
            canonical_elsewhere=item.extra.get(CANONICAL_ELSEWHERE),
            threshold=self.threshold,
            quieting=self.quiet,
        )
        item.article_id = done.article_id
        if self.stats is not None:
            self.stats.inc_value("newsmon/claims", done.claims)
            self.stats.inc_value("newsmon/events", len(done.events))
            if done.baseline:
                self.stats.inc_value("newsmon/baseline_events", len(done.events))
        if done.baseline and item.source not in self._told_baseline:
            self._told_baseline.add(item.source)
            logger.info(
                "%s: this poll is its baseline: what it reads is stored as history, "
                "and no alert is sent for it",
                item.source or "this crawl",
            )
        if done.kind == "unchanged":
            count(self.stats, item, "already_stored")
            raise DropItem(f"already stored, text unchanged: {item.canonical_url}")
        if done.kind == "revised":
            logger.info("stored a new version of article %s: %s", done.article_id, item.headline)
            count(self.stats, item, "new_versions")
            return item
        logger.info("stored article %s: %s", done.article_id, item.headline or item.url)
        count(self.stats, item, "new_articles")
        if done.kind == "duplicate":
            item.duplicate_of = done.duplicate_of
            item.duplicate_reason = done.duplicate_reason
            count(self.stats, item, "duplicates")
            logger.info(
                "%s repeats article %s (%s, similarity %s)",
                item.url,
                done.duplicate_of,
                done.duplicate_reason,
                done.similarity,
            )
        return item
