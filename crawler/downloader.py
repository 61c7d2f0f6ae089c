"""Scrapy's downloader, holding each site to its limit of requests in flight.

Scrapy (2.19, asyncio reactor) counts a request against its site's
``CONCURRENT_REQUESTS_PER_DOMAIN`` only once the task that downloads it has
started. Requests queued for a site in one pass of the event loop are all
taken before any of those tasks runs, so a site can get as many requests at
once as the whole crawl allows (``CONCURRENT_REQUESTS``): twice newsmon's
per-site default. Counting a request from the moment it is taken keeps the
limit a user sets.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from scrapy.core.downloader import Downloader, Slot
from scrapy.http import Request


class PoliteDownloader(Downloader):
    """A :class:`Downloader` whose per-site limit also counts requests about to start."""

    def _wait_for_download(
        self, slot: Slot, request: Request, queue_dfd: Any
    ) -> Coroutine[Any, Any, None]:
        # Called (not awaited) as the request leaves the site's queue; Scrapy's own
        # download step adds it again and removes it when the answer is in.
        slot.transferring.add(request)
        return super()._wait_for_download(slot, request, queue_dfd)
