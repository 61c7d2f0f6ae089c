"""Last pipeline: read the stored article for status claims and record changes."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from sqlalchemy.orm import Session, sessionmaker

from alerts.channels import build_channels
from crawler.items import ArticleItem
from detector.analyze import analyze
from detector.catalog import Catalog
from detector.model import ArticleInput, Claim
from newsmon.config import AlertsConfig
from pipelines.database import session_factory
from storage.db import unit_of_work
from storage.models import Article, ChangeEvent
from storage.state import DeliveryTarget, apply_claims

logger = logging.getLogger(__name__)


def delivery_targets(alerts: AlertsConfig | dict[str, Any] | None) -> list[DeliveryTarget]:
    """The ``(channel, target)`` pairs every new change event is delivered to."""
    config = AlertsConfig.model_validate(alerts or {})
    return [(channel.kind, channel.target) for channel in build_channels(config)]


@dataclass(frozen=True, slots=True)
class Detection:
    """What reading one article produced."""

    claims: list[Claim]
    events: list[ChangeEvent]


def detect_article(
    session: Session, *, article: Article, catalog: Catalog, targets: Sequence[DeliveryTarget]
) -> Detection:
    """Run the detector over one stored article and apply what it claims."""
    claims = analyze(
        ArticleInput(
            url=article.canonical_url,
            headline=article.headline,
            text=article.text,
            published=article.published,
        ),
        catalog,
    )
    events = apply_claims(session, article=article, claims=claims, targets=targets)
    return Detection(claims=claims, events=events)


class DetectPipeline:
    """Read each stored article; state, events and outbox rows commit together."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        catalog: Catalog,
        targets: Sequence[DeliveryTarget],
        stats: StatsCollector | None = None,
    ):
        self.sessions = sessions
        self.catalog = catalog
        self.targets = list(targets)
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
            delivery_targets(settings.getdict("NEWSMON_ALERTS")),
            crawler.stats,
        )

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Detect claims in the article stored for ``item``."""
        assert item.article_id is not None, "StorePipeline runs first"
        with unit_of_work(self.sessions) as session:
            article = session.get_one(Article, item.article_id)
            found = detect_article(
                session, article=article, catalog=self.catalog, targets=self.targets
            )
        if self.stats is not None:
            self.stats.inc_value("newsmon/claims", len(found.claims))
            self.stats.inc_value("newsmon/events", len(found.events))
        return item
