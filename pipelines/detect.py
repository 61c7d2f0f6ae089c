"""Last pipeline: read the stored article for status claims and record changes."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from sqlalchemy.orm import Session, sessionmaker

from alerts.routing import Router
from crawler.items import ArticleItem
from detector.analyze import analyze
from detector.catalog import Catalog
from detector.model import ArticleInput, Claim
from detector.suggest import suggest
from newsmon.config import AlertsConfig
from pipelines.database import session_factory
from storage.db import unit_of_work
from storage.models import Article, ChangeEvent
from storage.state import Route, apply_claims
from storage.suggestions import record_suggestions

logger = logging.getLogger(__name__)


def alert_router(
    alerts: AlertsConfig | dict[str, Any] | None, catalog: Catalog | None = None
) -> Router:
    """Route new change events to channels per ``alerts.subscriptions``.

    Show names in subscriptions are read through ``catalog`` (titles or aliases).
    """
    config = AlertsConfig.model_validate(alerts or {})
    return Router.from_config(config, catalog=catalog)


@dataclass(frozen=True, slots=True)
class Detection:
    """What reading one article produced."""

    claims: list[Claim]
    events: list[ChangeEvent]


def detect_article(
    session: Session, *, article: Article, catalog: Catalog, route: Route
) -> Detection:
    """Run the detector over one stored article and apply what it claims."""
    read = ArticleInput(
        url=article.canonical_url,
        headline=article.headline,
        text=article.text,
        published=article.published,
    )
    claims = analyze(read, catalog)
    events = apply_claims(session, article=article, claims=claims, route=route)
    # Catalog suggestions (issue 4): statuses the article gives to shows outside the catalog.
    record_suggestions(session, article=article, found=suggest(read, catalog))
    return Detection(claims=claims, events=events)


class DetectPipeline:
    """Read each stored article; state, events and outbox rows commit together."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        catalog: Catalog,
        route: Route,
        stats: StatsCollector | None = None,
    ):
        self.sessions = sessions
        self.catalog = catalog
        self.route = route
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build from NEWSMON_DATABASE_URL, NEWSMON_CATALOG and NEWSMON_ALERTS."""
        settings = crawler.settings
        catalog_path = settings.get("NEWSMON_CATALOG")
        catalog = Catalog.load(Path(catalog_path)) if catalog_path else Catalog.from_entries([])
        return cls(
            session_factory(settings["NEWSMON_DATABASE_URL"]),
            catalog,
            alert_router(settings.getdict("NEWSMON_ALERTS"), catalog),
            crawler.stats,
        )

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Detect claims in the article stored for ``item``."""
        assert item.article_id is not None, "StorePipeline runs first"
        with unit_of_work(self.sessions) as session:
            article = session.get_one(Article, item.article_id)
            found = detect_article(session, article=article, catalog=self.catalog, route=self.route)
        if self.stats is not None:
            self.stats.inc_value("newsmon/claims", len(found.claims))
            self.stats.inc_value("newsmon/events", len(found.events))
        return item
