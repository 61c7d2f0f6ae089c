"""The one spider: feeds, sitemaps and start URLs of every configured source.

Callbacks only route. Feeds go through :func:`crawler.feeds.parse_feed`,
sitemaps through Scrapy's own :class:`~scrapy.utils.sitemap.Sitemap`, and
every article page through :func:`crawler.extraction.extract_article`.
Nothing a site serves is fatal: a broken feed, a non-HTML link, a page
without article text or a failed download is logged and counted in the
crawl stats, per source, under ``newsmon/source/<name>/...`` (see
:func:`stat_key`), and the crawl goes on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any, Self

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web.client import ResponseFailed, ResponseNeverReceived

from crawler.extraction import extract_article
from crawler.feeds import FeedError, parse_feed
from crawler.items import ArticleItem
from crawler.logs import quiet_noisy_loggers

logger = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def stat_key(source: str, kind: str) -> str:
    """Return the stats key of one per-source counter, e.g. ``newsmon/source/tv/items``.

    Kinds: ``pages`` (responses handed to a callback), ``articles`` (items the
    spider yielded), ``items`` / ``dropped`` (items that passed / were dropped
    by the pipelines), ``skipped/<why>`` and ``errors/<kind>``.
    """
    return f"newsmon/source/{source}/{kind}"


class NewsSpider(scrapy.Spider):
    """Crawl the sources in the ``NEWSMON_SOURCES`` setting.

    ``NEWSMON_SOURCES`` is a list of dicts shaped like
    :class:`newsmon.config.SourceConfig` (``name``, ``feeds``, ``sitemaps``,
    ``start_urls``), or the same list as a JSON string (for ``-s`` on the
    ``scrapy`` command line). Start URLs are read as article pages.
    """

    name = "news"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Create the spider and connect the signals that count items per source."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._item_passed, signal=signals.item_scraped)
        crawler.signals.connect(spider._item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(spider._item_failed, signal=signals.item_error)
        crawler.signals.connect(spider._callback_failed, signal=signals.spider_error)
        quiet_noisy_loggers()
        return spider

    async def start(self) -> AsyncIterator[Any]:
        """Request every feed, sitemap and start URL of every source."""
        sources = load_sources(self.settings.get("NEWSMON_SOURCES"))
        if not sources:
            logger.warning("no sources to crawl: the NEWSMON_SOURCES setting is empty")
        for source in sources:
            name = source["name"]
            for url in source.get("feeds", []):
                yield self._request(url, self.parse_feed, name)
            for url in source.get("sitemaps", []):
                yield self._request(url, self.parse_sitemap, name)
            for url in source.get("start_urls", []):
                yield self._request(url, self.parse_article, name)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow every entry of an RSS or Atom feed to its article."""
        source = self._fetched(response)
        try:
            entries = parse_feed(response.body, response.url)
        except FeedError as exc:
            logger.warning("%s", exc)
            self._count(source, "errors/bad_feed")
            return
        logger.info("%s: %d entries in feed %s", source, len(entries), response.url)
        for entry in entries:
            yield self._request(
                entry.link, self.parse_article, source, feed_published=entry.published
            )

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow a sitemap index to its sitemaps, a sitemap to its pages."""
        source = self._fetched(response)
        if response.url.endswith("/robots.txt"):
            for url in sitemap_urls_from_robots(response.body, base_url=response.url):
                yield self._request(url, self.parse_sitemap, source)
            return
        sitemap = _read_sitemap(self._sitemap_body(response))
        if sitemap is None or sitemap.type not in ("sitemapindex", "urlset"):
            logger.warning("%s: not a sitemap: %s", source, response.url)
            self._count(source, "errors/bad_sitemap")
            return
        follow = self.parse_sitemap if sitemap.type == "sitemapindex" else self.parse_article
        for entry in sitemap:
            lastmod = entry.get("lastmod")
            yield self._request(
                entry["loc"], follow, source, sitemap_lastmod=lastmod if lastmod else None
            )

    def parse_article(self, response: Response) -> Iterator[ArticleItem]:
        """Extract one article page into an ArticleItem."""
        source = self._fetched(response)
        if not _is_html(response):
            logger.info(
                "%s: skipped %s: not HTML (%s)", source, response.url, _content_type(response)
            )
            self._count(source, "skipped/not_html")
            return
        assert isinstance(response, TextResponse)  # _is_html checked it
        page = extract_article(url=response.url, html=response.text)
        if page is None:
            logger.warning("%s: no article text found in %s", source, response.url)
            self._count(source, "skipped/no_article")
            return
        self._count(source, "articles")
        extra = {}
        if response.meta.get("sitemap_lastmod"):
            extra["sitemap_lastmod"] = str(response.meta["sitemap_lastmod"])
        yield ArticleItem(
            source=source,
            url=response.url,
            canonical_url=page.canonical_url,
            headline=page.headline,
            text=page.text,
            published=page.published,
            published_raw=page.published_raw,
            published_source=page.published_source,
            modified=page.modified,
            author=page.author,
            site_name=page.site_name,
            language=page.language,
            feed_published=response.meta.get("feed_published"),
            extra=extra,
        )

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that failed before reaching its callback."""
        request = failure.request  # type: ignore[attr-defined]
        source = request.meta.get("source", "?")
        error = failure.value
        if isinstance(error, IgnoreRequest) and not isinstance(error, HttpError):
            # Refused by robots.txt (or another middleware): a decision, not a fault.
            logger.info("%s: not fetched: %s (%s)", source, request.url, failure.value)
            self._count(source, "skipped/ignored")
            return
        kind = _error_kind(error)
        logger.warning("%s: %s failed: %s (%s)", source, request.url, kind, error)
        self._count(source, f"errors/{kind}")

    # -- helpers -----------------------------------------------------------

    def _request(self, url: str, callback: Any, source: str, **meta: str | None) -> scrapy.Request:
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, meta={"source": source, **meta}
        )

    def _fetched(self, response: Response) -> str:
        source = str(response.meta.get("source", "?"))
        self._count(source, "pages")
        return source

    def _count(self, source: str, kind: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(f"newsmon/{kind}")
        stats.inc_value(stat_key(source, kind))

    def _sitemap_body(self, response: Response) -> bytes | None:
        if gzip_magic_number(response):
            limit = response.meta.get("download_maxsize", self.settings.getint("DOWNLOAD_MAXSIZE"))
            try:
                return gunzip(response.body, max_size=limit)
            except (ValueError, OSError, EOFError):  # corrupt, or larger than allowed
                return None
        return response.body or None

    def _item_passed(self, item: Any) -> None:
        self._count_item(item, "items")

    def _item_dropped(self, item: Any) -> None:
        self._count_item(item, "dropped")

    def _item_failed(self, item: Any) -> None:
        self._count_item(item, "errors/pipeline")

    def _count_item(self, item: Any, kind: str) -> None:
        if isinstance(item, ArticleItem):
            self._count(item.source, kind)

    def _callback_failed(self, failure: Failure, response: Response) -> None:
        self._count(str(response.meta.get("source", "?")), "errors/callback")


def load_sources(value: Any) -> list[dict[str, Any]]:
    """Read the ``NEWSMON_SOURCES`` setting: a list of dicts, or that list as JSON."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = json.loads(value)
    if not isinstance(value, list) or not all(isinstance(s, dict) and s.get("name") for s in value):
        raise ValueError("NEWSMON_SOURCES must be a list of objects that each have a name")
    return [dict(s) for s in value]


def _read_sitemap(body: bytes | None) -> Sitemap | None:
    if not body:
        return None
    try:
        return Sitemap(body)
    except (StopIteration, SyntaxError, ValueError):  # no XML element at all
        return None


def _content_type(response: Response) -> str:
    raw = response.headers.get("Content-Type") or b""
    return raw.decode("latin-1").split(";")[0].strip().lower()


def _is_html(response: Response) -> bool:
    if not isinstance(response, TextResponse):
        return False
    content_type = _content_type(response)
    if content_type:
        return content_type in HTML_TYPES
    return isinstance(response, HtmlResponse)  # no header: Scrapy sniffed the body


_ERROR_KINDS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((CannotResolveHostError, DNSLookupError), "dns"),
    ((DownloadTimeoutError, TimeoutError, TCPTimedOutError), "timeout"),
    ((DownloadCancelledError,), "too_large"),  # DOWNLOAD_MAXSIZE cancels the download
    (
        (
            DownloadConnectionRefusedError,
            DownloadFailedError,
            ResponseDataLossError,
            ConnectError,
            ConnectionLost,
            ResponseFailed,
            ResponseNeverReceived,
        ),
        "connection",
    ),
)


def _error_kind(error: BaseException | None) -> str:
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    for classes, kind in _ERROR_KINDS:
        if isinstance(error, classes):
            return kind
    return type(error).__name__
