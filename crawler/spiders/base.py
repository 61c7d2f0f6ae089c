"""What the news spider does besides reading pages: following, counting, remembering.

Links to stored articles are dropped before fetching (recent ones are
re-checked from the start instead), each URL is requested once per crawl,
failures are counted by kind, and at the end the HTTP validators of every
document followed to the end are kept for the next crawl
(:class:`crawler.progress.Progress`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Self

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from newsmon.crawler.failures import NOT_FAULTS, error_kind, is_transient
from newsmon.crawler.leases import request_finished
from newsmon.crawler.log_noise import quiet_noisy_loggers
from newsmon.crawler.progress import Progress
from newsmon.crawler.requests import DOCUMENT_KINDS, make_request
from newsmon.crawler.sources import CrawlSource
from newsmon.crawler.store_view import CrawlState
from newsmon.storage.crawl_state import Validators

logger = logging.getLogger(__name__)

Callback = Callable[..., Any]


def stat_key(source: str, kind: str) -> str:
    """Return the stats key of one per-source counter, e.g. ``newsmon/source/tv/pages``.

    Kinds: ``pages`` (responses read), ``not_modified`` (304 answers),
    ``articles`` (items yielded), ``items`` / ``dropped`` (items that passed /
    were dropped by the pipelines), ``skipped/<why>``, ``errors/<kind>`` and
    ``warnings/<kind>``; the pipelines add ``new_articles`` and the like.
    """
    return f"newsmon/source/{source}/{kind}"


class FollowingSpider(scrapy.Spider):
    """Base of the news spider: request bookkeeping, counters, failures, validators."""

    state: CrawlState
    progress: Progress
    sources: dict[str, CrawlSource]
    requested: set[str]
    page_validators: dict[str, Validators]
    """Validators of article pages fetched in this crawl, kept at the end."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Create the spider, open the crawl state and connect the per-source counters."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.state = CrawlState.from_settings(crawler.settings)
        spider.progress = Progress()
        spider.sources = {}
        spider.requested = set()
        spider.page_validators = {}
        crawler.signals.connect(spider._item_passed, signal=signals.item_scraped)
        crawler.signals.connect(spider._item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(spider._item_failed, signal=signals.item_error)
        crawler.signals.connect(spider._callback_failed, signal=signals.spider_error)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        crawler.signals.connect(spider._dropped, signal=signals.request_dropped)
        quiet_noisy_loggers()
        return spider

    def follow_articles(
        self,
        source: str,
        links: dict[str, dict[str, Any]],
        *,
        callback: Callback,
        parent: str | None,
    ) -> Iterator[scrapy.Request]:
        """Request the article links not stored yet (``links``: URL -> extra meta).

        Stored ones are counted as ``skipped/known``: the recent ones among
        them were already requested from the start, to be re-checked.
        """
        fresh = [url for url in links if url not in self.requested]
        known = self.state.known(fresh)
        for url in fresh:
            if url in known:
                self.count(source, "skipped/known")
                continue
            yield from self.follow(
                url, callback, source=source, kind="article", parent=parent, **links[url]
            )

    def follow_documents(
        self,
        source: str,
        urls: Iterable[str],
        *,
        callback: Callback,
        kind: str,
        parent: str | None,
        **meta: Any,
    ) -> Iterator[scrapy.Request]:
        """Request documents found on a page (feeds, sitemaps, listings), conditionally."""
        wanted = [url for url in dict.fromkeys(urls) if url not in self.requested]
        validators = self.state.validators(wanted)
        for url in wanted:
            yield from self.follow(
                url,
                callback,
                source=source,
                kind=kind,
                parent=parent,
                validators=validators.get(url),
                **meta,
            )

    def follow(
        self,
        url: str,
        callback: Callback,
        *,
        source: str,
        kind: str,
        parent: str | None,
        validators: Validators | None = None,
        **meta: Any,
    ) -> Iterator[scrapy.Request]:
        """Request ``url`` once per crawl, on behalf of document ``parent``."""
        if url in self.requested:
            return
        self.requested.add(url)
        self.progress.started(parent)
        yield make_request(
            url,
            callback=callback,
            errback=self.on_error,
            source=source,
            kind=kind,
            parent=parent,
            validators=validators,
            **meta,
        )

    def source_of(self, response: Response) -> CrawlSource:
        """The configured source a response belongs to."""
        name = str(response.meta.get("source", "?"))
        return self.sources.get(name) or CrawlSource(name=name)

    def count(self, source: str, kind: str, amount: int = 1) -> None:
        """Add to a per-source counter (and to the crawl-wide one)."""
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(f"newsmon/{kind}", amount)
        stats.inc_value(stat_key(source, kind), amount)

    def on_error(self, failure: Failure) -> None:
        """Count and log a request that failed before reaching its callback."""
        request = failure.request  # type: ignore[attr-defined]
        source = str(request.meta.get("source", "?"))
        kind = error_kind(failure.value)
        if kind in NOT_FAULTS:
            # Refused by robots.txt, or cut off by a stop: a decision, not a fault.
            why = "robots.txt" if kind == "robots" else "the crawl was stopping"
            logger.info("%s: not fetched (%s): %s", source, why, request.url)
            self.count(source, f"skipped/{kind}")
        else:
            logger.warning("%s: %s failed: %s (%s)", source, request.url, kind, failure.value)
            self.count(source, f"errors/{kind}")
        self.crawler.signals.send_catch_log(request_finished, request=request, failure=failure)
        parent = request.meta.get("parent")
        if request.meta.get("kind") in DOCUMENT_KINDS:
            url = request.meta.get("document", request.url)
            self.progress.document_failed(url, parent=parent, transient=is_transient(kind))
        else:
            self.progress.article_done(parent, failed=is_transient(kind))

    def _dropped(self, request: scrapy.Request) -> None:
        # The spider requests each URL once, so the scheduler only drops a
        # redirect to a URL this crawl has seen: a loop, or another route to it.
        self.crawler.signals.send_catch_log(request_finished, request=request)
        chain = request.meta.get("redirect_urls")
        if not chain:
            return
        source = str(request.meta.get("source", "?"))
        if request.url in chain:
            logger.warning(
                "%s: %s failed: redirect_loop (%s)", source, chain[0], " -> ".join(chain)
            )
            self.count(source, "errors/redirect_loop")
        else:
            self.count(source, "skipped/redirect_seen")
        parent = request.meta.get("parent")
        if request.meta.get("kind") in DOCUMENT_KINDS:
            url = request.meta.get("document", request.url)
            self.progress.document_failed(url, parent=parent, transient=False)
        else:
            self.progress.article_done(parent)

    def _closed(self, spider: scrapy.Spider, reason: str) -> None:
        # Items in flight have passed the pipelines by now, so every document
        # whose subtree finished can be answered with 304 next time.
        # Every article fetched gets its row, validators or not: its check time
        # spaces out the re-checks of recent articles (revalidate_every).
        kept = {**self.page_validators, **self.progress.completed()}
        self.state.save(kept)
        logger.debug("kept the validators of %d URL(s) (crawl %s)", len(kept), reason)

    def _item_passed(self, item: Any) -> None:
        self._count_item(item, "items")

    def _item_dropped(self, item: Any) -> None:
        self._count_item(item, "dropped")

    def _item_failed(self, item: Any) -> None:
        self._count_item(item, "errors/pipeline")

    def _count_item(self, item: Any, kind: str) -> None:
        source = getattr(item, "source", None)
        if isinstance(source, str):
            self.count(source, kind)

    def _callback_failed(self, failure: Failure, response: Response) -> None:
        self.count(str(response.meta.get("source", "?")), "errors/callback")
