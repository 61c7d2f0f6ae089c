"""Requests taken from the shared queue are leased, so a crawler that dies loses none.

scrapy-redis' queue removes a request when a process takes it. If that
process is killed (SIGKILL, a crash, a lost machine) the request is gone,
and the shared "seen" filter keeps every other process from fetching the
page again. Here taking a request moves it, in one Lua script, from the
queue (``<prefix>:requests``) to the leases (``<prefix>:requests:leased``,
scored by expiry, with its queue score kept in ``...:leased:score``). The
lease is released once the request is done: its callback has run and every
article it yielded has passed the pipelines (stored), or it failed for good.
A request that goes back to the queue (a retry, a redirect) releases its
lease as it is pushed. Every take first puts expired leases back in the
queue, so the requests of a dead process are fetched by the others
``NEWSMON_LEASE_TTL`` seconds later; a process stopped while requests were
in flight puts them back at once.

Idle processes wait while leases are outstanding (:class:`WorkerExtension
<crawler.distributed.WorkerExtension>`): the requests may yet come back.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any, Self

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy_redis.queue import PriorityQueue
from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

LEASE_TTL = "NEWSMON_LEASE_TTL"
"""Seconds a taken request may take before other processes may take it again."""
LEASE = "newsmon_lease"
"""Request meta key: the encoded request as it was leased."""

request_finished = object()
"""Signal the spider sends when a request failed for good, or was dropped
(``request``, and ``failure`` when it failed)."""

# Expired leases back to the queue (a bounded number per call), then take the
# first request and lease it. Redis' clock, so machines need not agree on time.
_TAKE = """
local now = redis.call('TIME')
now = tonumber(now[1]) + tonumber(now[2]) / 1000000
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 100)
for _, member in ipairs(expired) do
  local score = redis.call('HGET', KEYS[3], member) or 0
  redis.call('ZADD', KEYS[1], score, member)
  redis.call('ZREM', KEYS[2], member)
  redis.call('HDEL', KEYS[3], member)
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #first == 0 then return nil end
redis.call('ZREM', KEYS[1], first[1])
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), first[1])
redis.call('HSET', KEYS[3], first[1], first[2])
return first[1]
"""
# Back to the queue at once, with its score (a process stopping with it unfinished).
_GIVE_BACK = """
local score = redis.call('HGET', KEYS[3], ARGV[1])
if redis.call('ZREM', KEYS[2], ARGV[1]) == 1 then
  redis.call('ZADD', KEYS[1], score or 0, ARGV[1])
end
redis.call('HDEL', KEYS[3], ARGV[1])
"""


class LeasedPriorityQueue(PriorityQueue):  # type: ignore[misc]
    """scrapy-redis' priority queue whose pops are leases (see the module's docstring)."""

    def __init__(self, server: Any, spider: scrapy.Spider, key: str, serializer: Any = None):
        super().__init__(server, spider, key, serializer)
        self.ttl = spider.settings.getfloat(LEASE_TTL, 300.0)
        self.leased_key = f"{self.key}:leased"
        self.score_key = f"{self.key}:leased:score"
        self._take = server.register_script(_TAKE)
        self._give_back = server.register_script(_GIVE_BACK)

    @property
    def _keys(self) -> list[str]:
        return [self.key, self.leased_key, self.score_key]

    def push(self, request: scrapy.Request) -> None:
        """Queue ``request``; if it is a leased one coming back (retry, redirect), release it."""
        lease = request.meta.pop(LEASE, None)
        super().push(request)
        if lease is not None:
            self.release(lease)

    def pop(self, timeout: int = 0) -> scrapy.Request | None:
        """Take the first request, leased for ``NEWSMON_LEASE_TTL`` seconds."""
        data = self._take(keys=self._keys, args=[self.ttl])
        if data is None:
            return None
        request: scrapy.Request = self._decode_request(data)
        request.meta[LEASE] = data
        return request

    def release(self, lease: bytes) -> None:
        """The leased request is done: forget it."""
        pipe = self.server.pipeline()
        pipe.zrem(self.leased_key, lease).hdel(self.score_key, lease)
        pipe.execute()

    def give_back(self, lease: bytes) -> None:
        """The leased request was not done: back to the queue now, for any process."""
        self._give_back(keys=self._keys, args=[lease])

    def leases_outstanding(self) -> int:
        """Requests taken by some process and not done yet (or whose process died)."""
        return int(self.server.zcard(self.leased_key))

    def clear(self) -> None:
        """Clear the queue and its leases."""
        super().clear()
        self.server.delete(self.leased_key, self.score_key)


def shared_queue(crawler: Crawler) -> LeasedPriorityQueue | None:
    """The crawl's leased shared queue, once the scheduler has opened it."""
    slot = getattr(crawler.engine, "_slot", None)
    queue = getattr(getattr(slot, "scheduler", None), "queue", None)
    return queue if isinstance(queue, LeasedPriorityQueue) else None


class LeaseMiddleware:
    """Releases each leased request once its callback ran and its articles passed the pipelines."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.items_pending: Counter[bytes] = Counter()
        self.held: set[bytes] = set()
        crawler.signals.connect(self._item_done, signal=signals.item_scraped)
        crawler.signals.connect(self._item_done, signal=signals.item_dropped)
        crawler.signals.connect(self._item_done, signal=signals.item_error)
        crawler.signals.connect(self._request_failed, signal=request_finished)
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Enabled with the shared queue only."""
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        return cls(crawler)

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        """Pass the callback's output on; release the lease when nothing of it is pending."""
        lease = response.meta.get(LEASE)
        if lease is not None:
            self.held.add(lease)
        try:
            async for output in result:
                if lease is not None and not isinstance(output, scrapy.Request):
                    self.items_pending[lease] += 1
                yield output
        finally:
            if lease is not None and not self.items_pending[lease]:
                self._release(lease)

    def _item_done(self, response: Response | None = None, **_: Any) -> None:
        lease = response.meta.get(LEASE) if response is not None else None
        if lease is None:
            return
        self.items_pending[lease] -= 1
        if self.items_pending[lease] <= 0:
            del self.items_pending[lease]
            self._release(lease)

    def _request_failed(self, request: scrapy.Request, failure: Failure | None = None) -> None:
        from newsmon.crawler.stopping import StoppedDownload

        lease = request.meta.get(LEASE)
        if lease is None:
            return
        queue = shared_queue(self.crawler)
        stopped = failure is not None and isinstance(failure.value, StoppedDownload)
        if stopped and queue is not None:
            # Cut off by a stop, not by the site: someone else fetches it.
            self.held.discard(lease)
            queue.give_back(lease)
        else:
            self._release(lease)

    def _release(self, lease: bytes) -> None:
        self.held.discard(lease)
        queue = shared_queue(self.crawler)
        if queue is not None:
            queue.release(lease)

    def _closed(self) -> None:
        # Whatever this process took and did not finish goes back for the others.
        queue = shared_queue(self.crawler)
        if queue is None or not self.held:
            return
        logger.info("giving %d unfinished request(s) back to the shared queue", len(self.held))
        for lease in list(self.held):
            queue.give_back(lease)
        self.held.clear()
