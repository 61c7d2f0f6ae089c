"""Retries with exponential backoff, and a Retry-After header honoured.

Scrapy's RetryMiddleware retries at once, so a server answering 500 to
everything gets its retries within milliseconds. This subclass waits before
handing the retry back: ``NEWSMON_RETRY_BACKOFF`` seconds before the first,
doubling for each further one, up to ``NEWSMON_RETRY_BACKOFF_MAX``; a
``Retry-After`` in seconds from the server (429, 503) wins when longer, within
the same cap. After ``RETRY_TIMES`` retries it gives up, and the request's
errback counts the failure.
"""

from __future__ import annotations

import logging
import random
from typing import Any, Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

logger = logging.getLogger(__name__)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, waiting longer before each retry."""

    base_delay: float = 2.0
    max_delay: float = 60.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read ``NEWSMON_RETRY_BACKOFF`` and ``NEWSMON_RETRY_BACKOFF_MAX`` (seconds)."""
        middleware = super().from_crawler(crawler)
        middleware.base_delay = crawler.settings.getfloat("NEWSMON_RETRY_BACKOFF", 2.0)
        middleware.max_delay = crawler.settings.getfloat("NEWSMON_RETRY_BACKOFF_MAX", 60.0)
        return middleware

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        """Retry as Scrapy would, after a pause."""
        result = super().process_response(request, response)
        if isinstance(result, Request):
            await self._pause(result, _retry_after(response))
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        """Retry as Scrapy would, after a pause."""
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await self._pause(result, None)
        return result

    def delay(self, retry_times: int, retry_after: float | None) -> float:
        """Seconds to wait before retry number ``retry_times`` (from 1)."""
        backoff = self.base_delay * 2 ** max(0, retry_times - 1)
        # Jitter spreads the retries of many requests that failed together.
        backoff *= random.uniform(0.8, 1.2)
        if retry_after is not None:
            backoff = max(backoff, retry_after)
        return float(min(backoff, self.max_delay))

    async def _pause(self, retry: Request, retry_after: float | None) -> None:
        seconds = self.delay(int(retry.meta.get("retry_times", 1)), retry_after)
        if seconds <= 0:
            return
        logger.debug("waiting %.2fs before retrying %s", seconds, retry.url)
        # Imported here, not with the module: importing it installs a reactor, and
        # the module may be loaded before the crawl installs its own (the launcher).
        from twisted.internet import reactor

        await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


def _retry_after(response: Response) -> float | None:
    raw = response.headers.get("Retry-After")
    if not raw:
        return None
    try:
        return max(0.0, float(raw.decode("latin-1").strip()))
    except ValueError:
        return None  # an HTTP date: rare; the backoff applies
