"""Retry backoff: doubling, capped, Retry-After honoured."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from newsmon.crawler.retry import BackoffRetryMiddleware


def middleware(**settings) -> BackoffRetryMiddleware:
    return BackoffRetryMiddleware.from_crawler(get_crawler(settings_dict=settings))


def test_each_retry_waits_about_twice_as_long_up_to_the_cap():
    retry = middleware(NEWSMON_RETRY_BACKOFF=1.0, NEWSMON_RETRY_BACKOFF_MAX=5.0)
    for attempt, expected in ((1, 1.0), (2, 2.0), (3, 4.0)):
        assert expected * 0.8 <= retry.delay(attempt, None) <= expected * 1.2
    assert retry.delay(10, None) == 5.0


def test_a_longer_retry_after_wins_within_the_cap():
    retry = middleware(NEWSMON_RETRY_BACKOFF=1.0, NEWSMON_RETRY_BACKOFF_MAX=30.0)
    assert retry.delay(1, 12.0) == 12.0
    assert retry.delay(1, 300.0) == 30.0
