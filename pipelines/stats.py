"""Crawl counters, overall and per source, as the crawl summary reads them."""

from __future__ import annotations

from scrapy.statscollectors import StatsCollector

from newsmon.crawler.items import ArticleItem


def count(stats: StatsCollector | None, item: ArticleItem, what: str) -> None:
    """Add one to ``newsmon/<what>`` and to ``newsmon/source/<source>/<what>``."""
    if stats is not None:
        stats.inc_value(f"newsmon/{what}")
        stats.inc_value(f"newsmon/source/{item.source}/{what}")
