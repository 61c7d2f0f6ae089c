"""Crawling from several processes and machines: one request queue and one filter in Redis.

With ``redis_url`` set, :func:`apply_distributed` switches Scrapy to
scrapy-redis' scheduler: every crawler process pushes the requests it
makes to one shared queue and takes its next request from it, so any
process may fetch a page another one found. Two kinds of processes share it:

- a poll, ``newsmon crawl --source NAME`` (what ``newsmon run`` starts on
  each source's schedule): it requests the source's feeds and sitemaps,
  works on the queue like everyone else, and ends when the queue is empty;
- a worker, ``newsmon crawl --worker``: it starts nothing itself, takes
  requests from the queue, and waits for more when it is empty.

The duplicate filter is shared too (:class:`SharedDupeFilter`), so a page is
fetched once however many processes see a link to it. It never filters a
feed, sitemap, home or listing page, nor a request a poll starts with (a
re-polled feed must be fetched again), and it forgets a page after
``service.crawl_time_limit``, so a page that failed is tried again by a later
poll. Stored articles are skipped before any request is made, from the store.

The queue and the filter persist when a process ends: requests not taken yet
are left for the others, and for the next poll. A request taken is leased,
not removed, until it is done (:mod:`crawler.leases`): the requests of a
process that is killed come back to the queue for the others.
"""

from __future__ import annotations

import logging
import time
import warnings
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Self

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured, ScrapyDeprecationWarning
from scrapy.settings import BaseSettings
from scrapy_redis.dupefilter import RFPDupeFilter

from newsmon.crawler.leases import LEASE_TTL, shared_queue
from newsmon.crawler.requests import DOCUMENT_KINDS
from newsmon.crawler.sources import load_sources
from newsmon.redact import mask_credentials

if TYPE_CHECKING:
    from newsmon.config import Settings

logger = logging.getLogger(__name__)

# scrapy-redis 0.9 still passes ``spider=`` to the stats collector, once per request.
warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")

SHARED_SOURCES = "NEWSMON_ALL_SOURCES"
"""Every configured source: a process may take a request of any source from the queue."""
WORKER = "NEWSMON_WORKER"
"""True in ``newsmon crawl --worker``: start nothing, wait for requests."""
WORKER_IDLE_EXIT = "NEWSMON_WORKER_IDLE_EXIT"
"""Seconds a worker waits on an empty queue before it ends (0: never)."""
SEEN_TTL = "NEWSMON_SEEN_TTL"
POLL_IDLE_EXIT = "NEWSMON_POLL_IDLE_EXIT"
"""Seconds a poll waits on an empty queue before it ends: other processes may be
reading its feeds and sitemaps, about to queue the articles they list."""
IDLE_POLL = 0.5
"""Seconds between looks at the shared queue while a process is idle. Scrapy itself
looks only every 5 s, so work queued by another process would wait that long."""


def distributed_values(settings: Settings) -> dict[str, Any]:
    """Return the Scrapy settings that put the request queue and the filter in Redis."""
    prefix = settings.service.redis_key_prefix
    return {
        "REDIS_URL": settings.redis_url,
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        # Ending one process must not empty what the others are working on.
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        # Taken requests are leased, so a process that dies loses none (crawler.leases).
        "SCHEDULER_QUEUE_CLASS": "newsmon.crawler.leases.LeasedPriorityQueue",
        LEASE_TTL: lease_ttl(settings),
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:seen",
        "DUPEFILTER_CLASS": "newsmon.crawler.distributed.SharedDupeFilter",
        SEEN_TTL: settings.service.crawl_time_limit,
        POLL_IDLE_EXIT: 3.0,
        SHARED_SOURCES: [source.model_dump(mode="json") for source in settings.sources],
    }


def lease_ttl(settings: Settings) -> float:
    """How long a taken request may take (every try, and storing) before others may retake it."""
    crawl = settings.crawl
    return crawl.download_timeout * (crawl.retry_times + 1) + 10.0


def apply_distributed(result: BaseSettings, settings: Settings) -> None:
    """Switch the Scrapy settings ``result`` to the shared Redis queue of ``settings.redis_url``."""
    result.setdict(distributed_values(settings), priority="project")
    for name, component in (
        (
            "SPIDER_MIDDLEWARES",
            {
                "newsmon.crawler.distributed.SharedSourcesMiddleware": 10,
                # Outermost: it sees the callback's output after every other middleware.
                "newsmon.crawler.leases.LeaseMiddleware": 1,
            },
        ),
        ("EXTENSIONS", {"newsmon.crawler.distributed.WorkerExtension": 500}),
    ):
        merged = dict(result.getdict(name))
        merged.update(component)
        result.set(name, merged, priority="project")


def redis_problem(url: str) -> str | None:
    """Why the shared queue at ``url`` cannot be used, in one line; ``None`` when it can.

    Checked before a crawl starts: inside Scrapy the cause would surface only
    as an engine error.
    """
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as exc:
        # redis-py's messages name host and port only; masked all the same.
        return mask_credentials(f"redis_url: cannot use the shared queue at {url}: {exc}")
    finally:
        client.close()
    return None


class SharedDupeFilter(RFPDupeFilter):  # type: ignore[misc]
    """scrapy-redis' filter, but forgetful, and never in the way of a new poll.

    Each fingerprint is a Redis key that expires after ``NEWSMON_SEEN_TTL``
    seconds, set with ``SET NX``: of several processes offering one URL at
    once, exactly one gets to fetch it.
    """

    def __init__(self, server: Any, key: str, debug: bool = False, ttl: float = 600.0):
        super().__init__(server, key, debug)
        self.ttl = max(1, round(ttl))

    @classmethod
    def from_spider(cls, spider: scrapy.Spider) -> Self:
        """Build from the spider's settings (what the scrapy-redis scheduler calls)."""
        base = super().from_spider(spider)
        return cls(base.server, base.key, base.debug, ttl=spider.settings.getfloat(SEEN_TTL, 600.0))

    def request_seen(self, request: scrapy.Request) -> bool:
        """Whether another process already took this request (within the TTL)."""
        meta = request.meta
        if meta.get("kind") in DOCUMENT_KINDS or meta.get("parent") is None:
            return False  # what a poll starts from, and the documents it leads to
        fingerprint = self.request_fingerprint(request)
        added = self.server.set(f"{self.key}:{fingerprint}", 1, nx=True, ex=self.ttl)
        return not added

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: the other processes are still using them."""

    def clear(self) -> None:
        """Forget every fingerprint under this filter's key."""
        for name in self.server.scan_iter(match=f"{self.key}:*", count=1000):
            self.server.delete(name)


class SharedSourcesMiddleware:
    """Lets a process read responses of every configured source, not only those it polls.

    A poll starts its own sources' requests as usual; a worker starts none.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        settings = crawler.settings
        self.worker = settings.getbool(WORKER)
        self.all_sources = load_sources(
            settings.get(SHARED_SOURCES) or settings.get("NEWSMON_SOURCES"),
            since=timedelta(seconds=settings.getfloat("NEWSMON_SITEMAP_SINCE", 7 * 86400)),
            revalidate_within=timedelta(
                seconds=settings.getfloat("NEWSMON_REVALIDATE_WITHIN", 3 * 86400)
            ),
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Enabled by :func:`apply_distributed` only."""
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured  # no message: Scrapy would log one warning per crawl
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """A poll: its own start requests, with every source known; a worker: nothing."""
        if self.worker:
            self._know_every_source()
            return
        async for item in start:
            # The spider sets its sources as it starts, before its first request.
            self._know_every_source()
            yield item
        self._know_every_source()

    def _know_every_source(self) -> None:
        spider = self.crawler.spider
        known = getattr(spider, "sources", None)
        if not isinstance(known, dict):
            known = {}
            spider.sources = known  # type: ignore[union-attr]
        for source in self.all_sources:
            known.setdefault(source.name, source)


class WorkerExtension:
    """Keeps a process waiting on an empty shared queue for a while before it ends.

    A worker waits ``NEWSMON_WORKER_IDLE_EXIT`` seconds (0: for ever); a poll
    ``NEWSMON_POLL_IDLE_EXIT``, since the documents it started from may be
    read by another process that is about to queue what they list. While
    idle, it looks at the queue again every ``IDLE_POLL`` seconds, not
    Scrapy's five.
    """

    def __init__(self, crawler: Crawler, idle_exit: float):
        self.crawler = crawler
        self.idle_exit = idle_exit
        self.idle_since: float | None = None
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.busy, signal=signals.response_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Enabled by :func:`apply_distributed` only."""
        settings = crawler.settings
        if not settings.get("REDIS_URL"):
            raise NotConfigured
        if settings.getbool(WORKER):
            return cls(crawler, settings.getfloat(WORKER_IDLE_EXIT, 0.0))
        return cls(crawler, settings.getfloat(POLL_IDLE_EXIT, 3.0))

    def busy(self) -> None:
        """A response arrived: the worker is not idle."""
        self.idle_since = None

    def spider_idle(self, spider: scrapy.Spider) -> None:
        """Wait for more requests (Scrapy asks again every few seconds), or end when idle long."""
        queue = shared_queue(self.crawler)
        if queue is not None and queue.leases_outstanding():
            # Requests others took are not done: they may yet queue more, or die
            # and have theirs come back.
            self.idle_since = None
            self._look_again_soon()
            raise DontCloseSpider
        now = time.monotonic()
        if self.idle_since is None:
            self.idle_since = now
            # A round of work is over: the next poll's documents may be requested again.
            requested = getattr(spider, "requested", None)
            if isinstance(requested, set):
                requested.clear()
            logger.debug("worker idle: waiting for requests in the shared queue")
        if self.idle_exit and now - self.idle_since >= self.idle_exit:
            logger.info("shared queue empty for %.0f s: ending", now - self.idle_since)
            return
        self._look_again_soon()
        raise DontCloseSpider

    def _look_again_soon(self) -> None:
        """Have the engine take from the shared queue (and so come back here) shortly."""
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule(IDLE_POLL)
