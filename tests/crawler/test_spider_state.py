"""The spider with a real store (SQLite): stored links skipped, recent ones re-checked,
conditional requests, and validators kept only for documents followed to the end."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response, XmlResponse
from scrapy.utils.test import get_crawler

from newsmon.crawler.spiders.news import NewsSpider, stat_key
from newsmon.storage.crawl_state import Validators, save_validators, validators_for
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.models import Article, Source
from tests.crawler.test_spider import collect_start, name_of

TODAY = dt.datetime.now(dt.UTC).date()
FEED = "https://ledger.example/feed.xml"
HOME = "https://ledger.example/"
OLD = "https://ledger.example/tv/old"
RECENT = "https://ledger.example/tv/recent"


@pytest.fixture
def database_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'state.db'}"
    _engine, sessions = open_database(url)
    with unit_of_work(sessions) as session:
        source = Source(name="ledger")
        session.add(source)
        for link, published in ((OLD, dt.date(2024, 1, 2)), (RECENT, TODAY)):
            session.add(
                Article(
                    source=source,
                    url=link,
                    canonical_url=link,
                    headline="h",
                    text=f"text of {link}",
                    text_hash=link,
                    published=published,
                    published_source="structured-data",
                )
            )
        save_validators(
            session,
            entries={
                FEED: Validators(etag='"feed-1"'),
                RECENT: Validators(last_modified="Tue, 05 Mar 2024 10:00:00 GMT"),
                HOME: Validators(etag='"home-1"', children=(("feed", FEED),)),
            },
            now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=2),  # a crawl a while ago
        )
    return url


def spider_with_store(database_url: str, **source: Any) -> NewsSpider:
    sources = [{"name": "ledger", "feeds": [FEED], **source}]
    crawler = get_crawler(
        NewsSpider, {"NEWSMON_SOURCES": sources, "NEWSMON_DATABASE_URL": database_url}
    )
    return NewsSpider.from_crawler(crawler)


def stat(spider: NewsSpider, kind: str) -> Any:
    return spider.crawler.stats.get_value(stat_key("ledger", kind))


def meta_of(request: Request) -> dict[str, Any]:
    return {"source": "ledger", **request.meta}


def test_start_revalidates_feeds_and_recent_articles_conditionally(database_url):
    spider = spider_with_store(database_url)
    requests = {r.url: r for r in collect_start(spider)}
    assert set(requests) == {FEED, RECENT}  # the old stored article is not fetched again
    assert requests[FEED].headers["If-None-Match"] == b'"feed-1"'
    assert requests[RECENT].headers["If-Modified-Since"] == b"Tue, 05 Mar 2024 10:00:00 GMT"
    assert requests[RECENT].meta["handle_httpstatus_list"] == [304]
    assert name_of(requests[RECENT]) == "parse_article"


def test_feed_links_to_stored_articles_are_skipped(database_url):
    spider = spider_with_store(database_url)
    collect_start(spider)
    body = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><link>{OLD}?utm_source=rss</link></item>
    <item><link>{RECENT}</link></item>
    <item><link>https://ledger.example/tv/new</link></item></channel></rss>""".encode()
    request = Request(FEED, meta={"source": "ledger", "kind": "feed", "document": FEED})
    requests = list(spider.parse_feed(XmlResponse(FEED, body=body, request=request)))
    assert [r.url for r in requests] == ["https://ledger.example/tv/new"]
    assert stat(spider, "skipped/known") == 1  # the recent one was requested at the start


def test_an_unchanged_document_costs_no_parsing_and_replays_its_children(database_url):
    spider = spider_with_store(database_url, feeds=[], home=HOME)
    start = {r.url: r for r in collect_start(spider)}
    home = start[HOME]
    assert home.headers["If-None-Match"] == b'"home-1"'
    not_modified = Response(HOME, status=304, request=home)
    (feed,) = list(spider.parse_home(not_modified))
    assert (feed.url, name_of(feed)) == (FEED, "parse_feed")
    assert feed.headers["If-None-Match"] == b'"feed-1"'  # polled again, conditionally
    assert list(spider.parse_feed(Response(FEED, status=304, request=feed))) == []
    assert stat(spider, "not_modified") == 2
    assert stat(spider, "pages") is None


def _close(spider: NewsSpider, reason: str = "finished") -> None:
    spider._closed(spider, reason)


def _stored_validators(database_url: str, *urls: str) -> dict[str, Validators]:
    _engine, sessions = open_database(database_url)
    with sessions() as session:
        return validators_for(session, urls=urls)


FEED_BODY = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><link>https://ledger.example/tv/a</link></item>
<item><link>https://ledger.example/tv/b</link></item></channel></rss>"""


def _read_feed(spider: NewsSpider) -> list[Request]:
    (feed,) = [r for r in collect_start(spider) if r.url == FEED]
    response = XmlResponse(FEED, body=FEED_BODY, headers={"ETag": '"feed-2"'}, request=feed)
    return list(spider.parse_feed(response))


def _page(request: Request) -> HtmlResponse:
    return HtmlResponse(request.url, body=b"<html><body>short</body></html>", request=request)


def test_validators_are_kept_once_every_child_was_handled(database_url):
    spider = spider_with_store(database_url)
    children = _read_feed(spider)
    for child in children:
        list(spider.parse_article(_page(child)))
    _close(spider)
    assert _stored_validators(database_url, FEED)[FEED].etag == '"feed-2"'


def test_validators_are_not_kept_when_the_crawl_stopped_before_the_children(database_url):
    spider = spider_with_store(database_url)
    first, _second = _read_feed(spider)
    list(spider.parse_article(_page(first)))
    _close(spider, "shutdown")
    # The old validators stay: next time the feed is read again, in full.
    assert _stored_validators(database_url, FEED)[FEED].etag == '"feed-1"'


def test_validators_are_not_kept_when_a_child_failed_in_a_way_that_may_pass(database_url):
    from scrapy.exceptions import DownloadTimeoutError
    from twisted.python.failure import Failure

    spider = spider_with_store(database_url)
    first, second = _read_feed(spider)
    list(spider.parse_article(_page(first)))
    make_failure: Any = Failure  # untyped in Twisted
    failure: Any = make_failure(DownloadTimeoutError("slow"))
    failure.request = second
    spider.on_error(failure)
    _close(spider)
    assert _stored_validators(database_url, FEED)[FEED].etag == '"feed-1"'


def test_a_link_that_redirected_to_a_stored_article_before_is_known(database_url):
    redirector = "https://feeds.example/~r/ledger/123"
    _engine, sessions = open_database(database_url)
    with unit_of_work(sessions) as session:
        save_validators(session, entries={redirector: Validators(children=(("redirect", OLD),))})
    spider = spider_with_store(database_url)
    collect_start(spider)
    body = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><link>{redirector}</link></item></channel></rss>""".encode()
    request = Request(FEED, meta={"source": "ledger", "kind": "feed", "document": FEED})
    assert list(spider.parse_feed(XmlResponse(FEED, body=body, request=request))) == []
    assert stat(spider, "skipped/known") == 1


def test_where_a_link_redirected_is_noted_for_next_time(database_url):
    spider = spider_with_store(database_url)
    collect_start(spider)
    request = Request(
        OLD,
        meta={"source": "ledger", "kind": "article", "redirect_urls": ["https://r.example/1"]},
    )
    list(spider.parse_article(HtmlResponse(OLD, body=b"<html></html>", request=request)))
    _close(spider)
    noted = _stored_validators(database_url, "https://r.example/1")["https://r.example/1"]
    assert noted.children == (("redirect", OLD),)


def test_a_recent_article_checked_lately_is_not_checked_again_yet(database_url):
    _engine, sessions = open_database(database_url)
    with unit_of_work(sessions) as session:
        # As a crawl leaves it: the article was fetched (or revalidated) just now.
        save_validators(session, entries={RECENT: Validators(etag='"r"')})
    settings = {"NEWSMON_REVALIDATE_EVERY": 3600}
    sources = [{"name": "ledger", "feeds": [FEED]}]
    crawler = get_crawler(
        NewsSpider,
        {"NEWSMON_SOURCES": sources, "NEWSMON_DATABASE_URL": database_url, **settings},
    )
    assert [r.url for r in collect_start(NewsSpider.from_crawler(crawler))] == [FEED]
    crawler = get_crawler(
        NewsSpider,
        {
            "NEWSMON_SOURCES": [{**sources[0], "revalidate_every": 1}],
            "NEWSMON_DATABASE_URL": database_url,
            **settings,
        },
    )
    time.sleep(1.1)
    assert RECENT in [r.url for r in collect_start(NewsSpider.from_crawler(crawler))]
