"""First pipeline: canonical URL, trimmed text, and the article's date with its source."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newsmon.crawler.date_strings import normalise_date
from newsmon.crawler.items import ArticleItem
from newsmon.pipelines.urls import canonical_form, storage_url

logger = logging.getLogger(__name__)

CANONICAL_ELSEWHERE = "canonical_elsewhere"
"""Key in ``item.extra``: the page's canonical URL when it is on another site."""

__all__ = ["CANONICAL_ELSEWHERE", "NormalizePipeline", "canonical_form", "parse_date", "tidy_text"]

_BLANK_LINES = re.compile(r"\n\s*\n+")
_INLINE_SPACE = re.compile(r"[ \t\u00a0]+")


def tidy_text(text: str) -> str:
    """Trim lines and keep paragraphs separated by exactly one blank line."""
    paragraphs = (_INLINE_SPACE.sub(" ", block).strip() for block in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def parse_date(value: str | None) -> dt.date | None:
    """Return the calendar date (in the value's own zone) of a date string, if it is one."""
    iso = normalise_date(value)
    return dt.date.fromisoformat(iso[:10]) if iso else None


class NormalizePipeline:
    """Give every item a canonical URL, tidy text and a publication date."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the pipeline; it needs no settings."""
        return cls()

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Normalise ``item`` in place; drop it when it has no text."""
        item.text = tidy_text(item.text)
        item.headline = " ".join(item.headline.split())
        if not item.text:
            raise DropItem(f"no article text at {item.url}")
        # The URL the article is stored under; a canonical on another site
        # (syndication) is kept aside for the ingest pipeline to look up.
        item.canonical_url, elsewhere = storage_url(item.url, item.canonical_url)
        if elsewhere is not None:
            item.extra[CANONICAL_ELSEWHERE] = elsewhere
        item.published, item.published_source = self._publication_date(item)
        return item

    @staticmethod
    def _publication_date(item: ArticleItem) -> tuple[str, str]:
        # The article's own date decides order: page first, then the feed, then first seen.
        page_date = parse_date(item.published)
        if page_date is not None:
            return page_date.isoformat(), item.published_source or "page"
        feed_date = parse_date(item.feed_published)
        if feed_date is not None:
            return feed_date.isoformat(), item.feed_published_source or "feed"
        return dt.datetime.now(dt.UTC).date().isoformat(), "first-seen"
