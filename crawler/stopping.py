"""A crawl that is told to stop ends within seconds, whatever its requests are doing.

Scrapy stops gracefully on SIGTERM, SIGINT and at ``CLOSESPIDER_TIMEOUT``:
it takes no new request from its scheduler and waits for those it took.
Those include requests the downloader holds back behind a site's limit of
requests at once; here they are not sent once the crawl is closing. A
request to a server that accepts the connection and never answers would
keep it waiting until ``DOWNLOAD_TIMEOUT`` (and every retry), far past the
time limit, so the service had to kill it. Here, once the crawl has begun
closing, requests in flight get ``NEWSMON_STOP_DRAIN`` seconds to finish
(their articles are stored as usual); then their connections are closed and
the crawl ends.

:class:`StoppableDownloadHandler` is Scrapy's HTTP/1.1 handler that keeps
hold of its downloads so they can be cancelled; :class:`PromptStop` is the
extension that watches for the close and cancels them after the drain.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Self

from scrapy import Request, signals
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import CancelledError, Deferred

logger = logging.getLogger(__name__)

STOP_DRAIN = "NEWSMON_STOP_DRAIN"
"""Seconds requests in flight may still take once a crawl is stopping (0: no limit)."""


class StoppedDownload(IgnoreRequest):
    """A request cut off because the crawl was stopping."""


def crawl_closing(crawler: Crawler) -> bool:
    """Whether the crawl has begun closing (Scrapy sends no signal when a close begins)."""
    slot = getattr(crawler.engine, "_slot", None)
    return slot is not None and slot.closing is not None


class StoppableDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler whose downloads in flight can be cancelled at once."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self._crawl = crawler
        self.in_flight: set[Deferred[Response]] = set()
        self.cancelling = False
        handlers = getattr(crawler, "_newsmon_download_handlers", None)
        if handlers is None:
            handlers = []
            crawler._newsmon_download_handlers = handlers  # type: ignore[attr-defined]
        handlers.append(self)

    async def download_request(self, request: Request) -> Response:
        """Download as Scrapy does, keeping the download cancellable."""
        if self.cancelling or crawl_closing(self._crawl):
            # Not sent yet, and the crawl is stopping: only what was already asked of a
            # site is waited for (the downloader keeps the rest of a site's requests
            # queued behind its limit; the next crawl, or another worker, fetches them).
            raise StoppedDownload("the crawl was stopping")
        download: Deferred[Response] = deferred_from_coro(super().download_request(request))
        self.in_flight.add(download)
        try:
            return await maybe_deferred_to_future(download)
        except (CancelledError, asyncio.CancelledError):
            # Twisted's or asyncio's, depending on which side saw the cancel first.
            if self.cancelling:
                raise StoppedDownload("the crawl was stopping") from None
            raise
        finally:
            self.in_flight.discard(download)

    def cancel_all(self) -> int:
        """Cancel every download in flight; return how many there were."""
        self.cancelling = True
        downloads = list(self.in_flight)
        for download in downloads:
            download.cancel()
        return len(downloads)


class PromptStop:
    """Cancels the downloads still in flight ``drain`` seconds after the crawl began closing."""

    def __init__(self, crawler: Crawler, drain: float):
        self.crawler = crawler
        self.drain = drain
        self._watch: Any = None
        self._closing_since: float | None = None
        crawler.signals.connect(self._opened, signal=signals.spider_opened)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Enabled unless ``NEWSMON_STOP_DRAIN`` is 0."""
        drain = crawler.settings.getfloat(STOP_DRAIN, 5.0)
        if drain <= 0:
            raise NotConfigured
        return cls(crawler, drain)

    def _opened(self) -> None:
        from twisted.internet import task

        # Scrapy sends no signal when a close begins (SIGTERM, time limit), so look.
        self._watch = task.LoopingCall(self._check)
        self._watch.start(0.25, now=False)

    def _check(self) -> None:
        if not crawl_closing(self.crawler):
            return
        now = time.monotonic()
        if self._closing_since is None:
            self._closing_since = now
        elif now - self._closing_since >= self.drain:
            self._cancel()

    def _cancel(self) -> None:
        handlers: list[StoppableDownloadHandler] = getattr(
            self.crawler, "_newsmon_download_handlers", []
        )
        cancelled = sum(handler.cancel_all() for handler in handlers)
        if cancelled:
            logger.info(
                "stopping: %d request(s) still unanswered after %g s; their connections closed",
                cancelled,
                self.drain,
            )

    def _closed(self) -> None:
        if self._watch is not None and self._watch.running:
            self._watch.stop()
