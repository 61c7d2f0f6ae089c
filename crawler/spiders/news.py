"""The one spider: home pages, feeds, sitemaps, listing pages and articles of every source.

Callbacks only route: feeds go through :mod:`crawler.feeds`, sitemaps
through :mod:`crawler.sitemaps`, home and listing pages through
:mod:`crawler.discovery`, article pages through :mod:`crawler.page_reader` and
:func:`crawler.extraction.extract_article`. A document answering 304 Not
Modified costs no parsing: the documents it led to last time are polled
again, conditionally. Bookkeeping (what is stored, what was requested, what
failed) lives in :class:`crawler.spiders.base.FollowingSpider`.
"""

from __future__ import annotations

import itertools
import logging
from collections import deque
from collections.abc import AsyncIterator, Generator, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Self

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy.utils.sitemap import sitemap_urls_from_robots

from newsmon.crawler.discovery import feed_links, listing_links
from newsmon.crawler.extraction import extract_article
from newsmon.crawler.feeds import FeedError, parse_feed
from newsmon.crawler.items import ArticleItem
from newsmon.crawler.page_reader import PageProblem, read_html, sitemap_body
from newsmon.crawler.requests import is_not_modified, response_validators, stored_validators
from newsmon.crawler.sitemaps import SitemapEntry, SitemapError, is_recent, read_sitemap
from newsmon.crawler.sources import CrawlSource, load_sources
from newsmon.crawler.spiders.base import FollowingSpider, stat_key
from newsmon.crawler.store_view import REDIRECT
from newsmon.storage.crawl_state import Validators

__all__ = ["NewsSpider", "stat_key"]

logger = logging.getLogger(__name__)

SITEMAP_LIMIT = 50 * 1024 * 1024
"""Sitemap size limit when ``NEWSMON_MAX_SITEMAP_BYTES`` is not set (the protocol's maximum)."""
SITEMAP_BATCH = 2000
"""Pages of one sitemap requested at a time; the next batch when the crawl runs out."""


@dataclass(kw_only=True)
class _PendingSitemap:
    """A sitemap whose pages are being requested batch by batch."""

    source: CrawlSource
    response: Response
    entries: Iterator[SitemapEntry]
    done: bool = False
    failed: bool = False


class NewsSpider(FollowingSpider):
    """Crawl the sources in the ``NEWSMON_SOURCES`` setting.

    ``NEWSMON_SOURCES`` is a list of dicts shaped like
    :class:`newsmon.config.SourceConfig`, or that list as a JSON string (for
    ``-s`` on the ``scrapy`` command line).
    """

    name = "news"
    sitemap_backlog: deque[_PendingSitemap]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Create the spider; sitemaps still being read get their next batch when idle."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.sitemap_backlog = deque()
        crawler.signals.connect(spider._next_sitemap_batch, signal=signals.spider_idle)
        return spider

    async def start(self) -> AsyncIterator[Any]:
        """Request every configured URL, and re-check the recent stored articles."""
        settings = self.settings
        sources = load_sources(
            settings.get("NEWSMON_SOURCES"),
            since=timedelta(seconds=settings.getfloat("NEWSMON_SITEMAP_SINCE", 7 * 86400)),
            revalidate_within=timedelta(
                seconds=settings.getfloat("NEWSMON_REVALIDATE_WITHIN", 3 * 86400)
            ),
            revalidate_every=timedelta(seconds=settings.getfloat("NEWSMON_REVALIDATE_EVERY", 3600)),
        )
        self.sources = {source.name: source for source in sources}
        if not sources:
            logger.warning("no sources to crawl: the NEWSMON_SOURCES setting is empty")
        for source in sources:
            for request in self._start_requests(source):
                yield request

    def _start_requests(self, source: CrawlSource) -> Iterator[scrapy.Request]:
        name = source.name
        if not source.urls:
            logger.warning("%s: no home, feeds, sitemaps, listings or start_urls", name)
        recent = self.state.recent(name, source.revalidate_within, source.revalidate_every)
        validators = self.state.validators([*source.urls, *recent])
        for urls, kind, callback in (
            (source.home, "home", self.parse_home),
            (source.feeds, "feed", self.parse_feed),
            (source.sitemaps, "sitemap", self.parse_sitemap),
            (source.listings, "listing", self.parse_listing),
        ):
            for url in urls:
                meta = {"listing_depth": 0} if kind in ("home", "listing") else {}
                if kind == "sitemap":
                    meta["download_maxsize"] = self._sitemap_limit()
                yield from self.follow(
                    url,
                    callback,
                    source=name,
                    kind=kind,
                    parent=None,
                    validators=validators.get(url),
                    **meta,
                )
        # A stored article is fetched again only while recent, at most every
        # `revalidate_every`, and then conditionally.
        for url in recent:
            yield from self.follow(
                url,
                self.parse_article,
                source=name,
                kind="article",
                parent=None,
                validators=validators.get(url),
            )
        yield from self._articles(source, {url: {} for url in source.start_urls}, None)

    # -- documents -----------------------------------------------------------

    def parse_home(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the feeds a home page announces; read it as a listing page if it has none."""
        source, document = self._document(response)
        if is_not_modified(response):
            yield from self._replay(response, source)
            return
        page = read_html(response)
        feeds = feed_links(page.text, response.url) if not isinstance(page, PageProblem) else []
        if feeds:
            logger.info("%s: %s announces %d feed(s)", source.name, response.url, len(feeds))
            yield from self._documents(source, feeds, "feed", document)
            self._read(response, [("feed", url) for url in feeds])
            return
        yield from self.parse_listing(response, counted=True)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow the entries of an RSS or Atom feed to their articles."""
        source, document = self._document(response, counted=False)
        if is_not_modified(response):
            yield from self._replay(response, source)
            return
        try:
            entries = parse_feed(response.body, response.url)
        except FeedError as exc:
            page = read_html(response)
            found = feed_links(page.text, response.url) if not isinstance(page, PageProblem) else []
            if not found:
                # A broken document is an error, not a page read.
                logger.warning("%s: %s", source.name, exc)
                self.count(source.name, "errors/bad_feed")
                parent = self._parent(response)
                self.progress.document_failed(document, parent=parent, transient=False)
                return
            self.count(source.name, "pages")
            logger.warning(
                "%s: %s is a page naming feeds; reading those", source.name, response.url
            )
            yield from self._documents(source, found, "feed", document)
            self._read(response, [("feed", url) for url in found])
            return
        self.count(source.name, "pages")
        links = {
            e.link: {"feed_published": e.published, "feed_published_source": "feed"}
            for e in entries
        }
        logger.info("%s: %d entries in feed %s", source.name, len(entries), response.url)
        yield from self._articles(source, links, document)
        self._read(response, [])

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow a sitemap index to its recent sitemaps, a sitemap to its recent pages.

        A sitemap's pages are requested in batches, the next when the crawl
        runs out of requests (:meth:`_next_sitemap_batch`), so its URLs are
        never all held at once, as entries or as requests.
        """
        source, document = self._document(response, counted=False)
        if is_not_modified(response):
            yield from self._replay(response, source)
            return
        if response.url.endswith("/robots.txt"):
            self.count(source.name, "pages")
            found = list(sitemap_urls_from_robots(response.body, base_url=response.url))
            yield from self._documents(source, found, "sitemap", document)
            self._read(response, [("sitemap", url) for url in found])
            return
        try:
            body = sitemap_body(response, self.settings.getint("DOWNLOAD_MAXSIZE"))
            sitemap = read_sitemap(body)
        except SitemapError as exc:
            self._bad_sitemap(response, source, document, exc)
            return
        self.count(source.name, "pages")
        since = datetime.now(UTC).date() - timedelta(days=source.since.days)
        if sitemap.kind == "index":
            try:
                children = [e.loc for e in self._recent(source, sitemap.entries, since)]
            except SitemapError as exc:
                self._bad_sitemap(response, source, document, exc)
                return
            yield from self._documents(source, children, "sitemap", document)
            self._read(response, [("sitemap", url) for url in children])
            return
        pending = _PendingSitemap(
            source=source, response=response, entries=self._recent(source, sitemap.entries, since)
        )
        yield from self._sitemap_batch(pending)
        if not pending.done:
            self.sitemap_backlog.append(pending)

    def _recent(
        self, source: CrawlSource, entries: Iterator[SitemapEntry], since: date
    ) -> Iterator[SitemapEntry]:
        for entry in entries:
            if is_recent(entry, since):
                yield entry
            else:
                self.count(source.name, "skipped/old")

    def _sitemap_batch(self, pending: _PendingSitemap) -> Iterator[scrapy.Request]:
        """Request the next ``SITEMAP_BATCH`` new pages of a sitemap; note when it is done."""
        source, response = pending.source, pending.response
        document = str(response.meta.get("document", response.url))
        made = 0
        while made < SITEMAP_BATCH and not pending.done:
            try:
                chunk = list(itertools.islice(pending.entries, 1000))
            except SitemapError as exc:
                # What was read so far is requested; the rest of this sitemap is lost.
                logger.warning("%s: sitemap %s breaks off: %s", source.name, response.url, exc)
                self.count(source.name, "errors/bad_sitemap")
                chunk, pending.failed = [], True
            if not chunk:
                pending.done = True
                break
            links = {
                e.loc: {
                    "feed_published": e.date,
                    "feed_published_source": "sitemap",
                    "sitemap_lastmod": e.lastmod,
                }
                for e in chunk
            }
            for request in self._articles(source, links, document):
                made += 1
                yield request
        if pending.done:
            if pending.failed:
                parent = self._parent(response)
                self.progress.document_failed(document, parent=parent, transient=True)
            else:
                self._read(response, [])

    def _next_sitemap_batch(self) -> None:
        """The crawl is idle: request the next batch of a sitemap still being read."""
        while self.sitemap_backlog:
            pending = self.sitemap_backlog[0]
            requests = list(self._sitemap_batch(pending))
            if pending.done:
                self.sitemap_backlog.popleft()
            if requests:
                engine = self.crawler.engine
                assert engine is not None
                for request in requests:
                    engine.crawl(request)
                raise DontCloseSpider

    def _bad_sitemap(
        self, response: Response, source: CrawlSource, document: str, exc: SitemapError
    ) -> None:
        logger.warning("%s: not a sitemap: %s (%s)", source.name, response.url, exc)
        self.count(source.name, "errors/bad_sitemap")
        parent = self._parent(response)
        self.progress.document_failed(document, parent=parent, transient=False)

    def parse_listing(
        self, response: Response, *, counted: bool = False
    ) -> Iterator[scrapy.Request]:
        """Follow the links of a listing page by the source's link rules."""
        if counted:
            source, document = self.source_of(response), str(response.meta["document"])
        else:
            source, document = self._document(response)
            if is_not_modified(response):
                yield from self._replay(response, source)
                return
        listings = yield from self._follow_links(response, source, parent=document)
        self._read(response, [("listing", url) for url in listings])

    # -- articles ------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[ArticleItem | scrapy.Request]:
        """Extract one article page into an ArticleItem (and follow its links if asked to)."""
        source = self.source_of(response)
        parent = self._parent(response)
        if is_not_modified(response):
            self.count(source.name, "not_modified")
            self.page_validators[response.url] = stored_validators(response)
            self.progress.article_done(parent)
            return
        self.count(source.name, "pages")
        page = read_html(response)
        if isinstance(page, PageProblem):
            logger.log(page.level, "%s: %s: %s", source.name, page.message, response.url)
            self.count(source.name, page.counter)
            self.progress.article_done(parent)
            return
        if page.charset_problem:
            logger.info("%s: %s: %s", source.name, page.charset_problem, response.url)
            self.count(source.name, f"warnings/{page.charset_problem}")
        if response.meta.get("listing_depth") is not None:
            # A page found on a listing without an article pattern: it may list more.
            yield from self._follow_links(response, source, parent=parent)
        extracted = extract_article(url=response.url, html=page.text, overrides=source.overrides)
        self.page_validators[response.url] = response_validators(response)
        for link in response.meta.get("redirect_urls", []):
            # Next time this link is known to lead here, without following it.
            self.page_validators.setdefault(link, Validators(children=((REDIRECT, response.url),)))
        self.progress.article_done(parent)
        if extracted is None:
            logger.warning("%s: no article text found in %s", source.name, response.url)
            self.count(source.name, "skipped/no_article")
            return
        self.count(source.name, "articles")
        meta = response.meta
        item = ArticleItem.from_page(extracted, source=source.name, url=response.url)
        if meta.get("feed_published"):
            item.feed_published = meta["feed_published"]
            item.feed_published_source = meta.get("feed_published_source")
        if meta.get("sitemap_lastmod"):
            item.extra["sitemap_lastmod"] = str(meta["sitemap_lastmod"])
        yield item

    # -- helpers -------------------------------------------------------------

    def _sitemap_limit(self) -> int:
        return int(self.settings.getint("NEWSMON_MAX_SITEMAP_BYTES") or SITEMAP_LIMIT)

    def _document(self, response: Response, *, counted: bool = True) -> tuple[CrawlSource, str]:
        # counted=False: the caller counts the page once it knows it could read it.
        source = self.source_of(response)
        if is_not_modified(response):
            self.count(source.name, "not_modified")
        elif counted:
            self.count(source.name, "pages")
        return source, str(response.meta.get("document", response.url))

    @staticmethod
    def _parent(response: Response) -> str | None:
        parent = response.meta.get("parent")
        return str(parent) if parent is not None else None

    def _read(self, response: Response, children: list[tuple[str, str]]) -> None:
        document = str(response.meta.get("document", response.url))
        validators = response_validators(response, children)
        self.progress.document_read(document, parent=self._parent(response), validators=validators)

    def _replay(self, response: Response, source: CrawlSource) -> Iterator[scrapy.Request]:
        """A document is unchanged: poll the documents it led to last time, conditionally."""
        document = str(response.meta["document"])
        kept = stored_validators(response)
        depth = int(response.meta.get("listing_depth") or 0)
        for kind in ("feed", "sitemap", "listing"):
            urls = [url for child_kind, url in kept.children if child_kind == kind]
            meta = {"listing_depth": depth + 1} if kind == "listing" else {}
            yield from self._documents(source, urls, kind, document, **meta)
        self.progress.document_read(document, parent=self._parent(response), validators=kept)

    def _documents(
        self, source: CrawlSource, urls: list[str], kind: str, parent: str, **meta: Any
    ) -> Iterator[scrapy.Request]:
        callbacks = {
            "feed": self.parse_feed,
            "sitemap": self.parse_sitemap,
            "listing": self.parse_listing,
        }
        if kind == "sitemap":
            meta["download_maxsize"] = self._sitemap_limit()
        yield from self.follow_documents(
            source.name, urls, callback=callbacks[kind], kind=kind, parent=parent, **meta
        )

    def _articles(
        self, source: CrawlSource, links: dict[str, dict[str, Any]], parent: str | None
    ) -> Iterator[scrapy.Request]:
        yield from self.follow_articles(
            source.name, links, callback=self.parse_article, parent=parent
        )

    def _follow_links(
        self, response: Response, source: CrawlSource, *, parent: str | None
    ) -> Generator[scrapy.Request, None, list[str]]:
        # Yields the requests, and returns the listing pages found (the document's children).
        page = read_html(response)
        if isinstance(page, PageProblem):
            return []
        depth = int(response.meta.get("listing_depth") or 0)
        found = listing_links(page.text, response.url, source.links, depth=depth)
        # Without an article pattern, a page is tried as an article and, while
        # the depth allows, read for links as well.
        deeper = depth + 1 < source.links.max_depth
        articles: dict[str, dict[str, Any]] = {url: {} for url in found.articles}
        articles.update(
            {url: {"listing_depth": depth + 1} if deeper else {} for url in found.pages}
        )
        yield from self._articles(source, articles, parent)
        yield from self._documents(
            source, found.listings, "listing", parent or response.url, listing_depth=depth + 1
        )
        return found.listings
