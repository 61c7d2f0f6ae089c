"""First pipeline: canonical URL, trimmed text, and the article's date with its source."""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from w3lib.url import canonicalize_url, url_query_cleaner

from crawler.items import ArticleItem

logger = logging.getLogger(__name__)

TRACKING_PARAMETERS = (
    "utm_source utm_medium utm_campaign utm_term utm_content utm_id utm_name "
    "fbclid gclid dclid msclkid mc_cid mc_eid igshid yclid _ga ref_src"
).split()

_BLANK_LINES = re.compile(r"\n\s*\n+")
_INLINE_SPACE = re.compile(r"[ \t\u00a0]+")


def canonical_form(url: str) -> str:
    """The URL without tracking parameters or fragment, in w3lib's canonical form."""
    cleaned = url_query_cleaner(url, TRACKING_PARAMETERS, remove=True, keep_fragments=False)
    return canonicalize_url(cleaned, keep_fragments=False)


def tidy_text(text: str) -> str:
    """Trim lines and keep paragraphs separated by exactly one blank line."""
    paragraphs = (_INLINE_SPACE.sub(" ", block).strip() for block in _BLANK_LINES.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def parse_date(value: str | None) -> dt.date | None:
    """The calendar date of an ISO 8601 date or datetime string, if it is one."""
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None


class NormalizePipeline:
    """Give every item a canonical URL, tidy text and a publication date."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:  # noqa: ARG003
        """Build the pipeline; it needs no settings."""
        return cls()

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Normalise ``item`` in place; drop it when it has no text."""
        item.text = tidy_text(item.text)
        item.headline = " ".join(item.headline.split())
        if not item.text:
            raise DropItem(f"no article text at {item.url}")
        item.canonical_url = canonical_form(item.canonical_url or item.url)
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
            return feed_date.isoformat(), "feed"
        return dt.datetime.now(dt.UTC).date().isoformat(), "first-seen"
