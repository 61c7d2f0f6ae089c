"""NewsSpider callbacks, driven with responses built from fixture bytes (no network)."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from scrapy import Request, signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from crawler.items import ArticleItem
from crawler.spiders.news import NewsSpider, stat_key
from tests.crawler.golden import FIXTURES

make_failure: Any = Failure  # untyped in Twisted

SOURCES = [
    {
        "name": "ledger",
        "feeds": ["https://ledger.example/feed.xml"],
        "sitemaps": ["https://ledger.example/sitemap.xml"],
        "start_urls": ["https://ledger.example/tv/one-story"],
    },
    {"name": "dispatch", "feeds": ["https://dispatch.example/rss"]},
]


def make_spider(sources=None) -> NewsSpider:
    crawler = get_crawler(NewsSpider, {"NEWSMON_SOURCES": SOURCES if sources is None else sources})
    return NewsSpider.from_crawler(crawler)


def collect_start(spider: NewsSpider) -> list[Request]:
    # start() never awaits, so it can be driven without an event loop.
    agen = spider.start()
    out = []
    while True:
        step: Any = agen.__anext__()
        try:
            step.send(None)
        except StopIteration as done:
            out.append(done.value)
        except StopAsyncIteration:
            return out


def stat(spider: NewsSpider, source: str, kind: str) -> Any:
    return spider.crawler.stats.get_value(stat_key(source, kind))


def name_of(request: Request) -> str:
    return getattr(request.callback, "__name__", "")


def request_for(url: str, callback, source: str = "ledger", **meta) -> Request:
    return Request(url, callback=callback, meta={"source": source, **meta})


def test_start_requests_every_feed_sitemap_and_start_url_tagged_with_its_source():
    spider = make_spider()
    requests = collect_start(spider)
    routed = {(r.url, name_of(r), r.meta["source"]) for r in requests}
    assert routed == {
        ("https://ledger.example/feed.xml", "parse_feed", "ledger"),
        ("https://ledger.example/sitemap.xml", "parse_sitemap", "ledger"),
        ("https://ledger.example/tv/one-story", "parse_article", "ledger"),
        ("https://dispatch.example/rss", "parse_feed", "dispatch"),
    }
    assert all(r.errback == spider.on_error for r in requests)


def test_sources_may_be_given_as_json_on_the_command_line():
    spider = make_spider(json.dumps([{"name": "cli", "feeds": ["https://cli.example/rss"]}]))
    assert [r.url for r in collect_start(spider)] == ["https://cli.example/rss"]


def test_feed_entries_are_followed_with_their_feed_date():
    spider = make_spider()
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>A</title><link>/tv/a</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
    <item><title>B</title><link>https://ledger.example/tv/b</link></item></channel></rss>"""
    url = "https://ledger.example/feed.xml"
    response = XmlResponse(url, body=body, request=request_for(url, spider.parse_feed))
    requests = list(spider.parse_feed(response))
    assert [(r.url, r.meta["feed_published"]) for r in requests] == [
        ("https://ledger.example/tv/a", "2024-03-05T10:00:00+00:00"),
        ("https://ledger.example/tv/b", None),
    ]
    assert all(
        r.callback == spider.parse_article and r.meta["source"] == "ledger" for r in requests
    )
    assert stat(spider, "ledger", "pages") == 1


def test_a_feed_url_serving_html_is_counted_not_fatal():
    spider = make_spider()
    url = "https://dispatch.example/rss"
    response = HtmlResponse(
        url, body=b"<html><body>Moved</body></html>", request=request_for(url, None, "dispatch")
    )
    assert list(spider.parse_feed(response)) == []
    assert stat(spider, "dispatch", "errors/bad_feed") == 1


SITEMAP_INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://ledger.example/sitemap-2024-03.xml.gz</loc></sitemap>
  <sitemap><loc>https://ledger.example/sitemap-2024-02.xml</loc></sitemap>
</sitemapindex>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://ledger.example/tv/harbour-lights</loc><lastmod>2024-03-06</lastmod></url>
  <url><loc>https://ledger.example/tv/saltmarsh</loc></url>
</urlset>"""


def test_sitemap_index_is_followed_to_its_sitemaps():
    spider = make_spider()
    url = "https://ledger.example/sitemap.xml"
    response = XmlResponse(url, body=SITEMAP_INDEX, request=request_for(url, None))
    requests = list(spider.parse_sitemap(response))
    assert [(r.url, name_of(r)) for r in requests] == [
        ("https://ledger.example/sitemap-2024-03.xml.gz", "parse_sitemap"),
        ("https://ledger.example/sitemap-2024-02.xml", "parse_sitemap"),
    ]


def test_gzipped_sitemap_is_followed_to_its_pages_with_lastmod():
    spider = make_spider()
    url = "https://ledger.example/sitemap-2024-03.xml.gz"
    response = Response(url, body=gzip.compress(URLSET), request=request_for(url, None))
    requests = list(spider.parse_sitemap(response))
    assert [(r.url, name_of(r), r.meta["sitemap_lastmod"]) for r in requests] == [
        ("https://ledger.example/tv/harbour-lights", "parse_article", "2024-03-06"),
        ("https://ledger.example/tv/saltmarsh", "parse_article", None),
    ]


def test_sitemaps_listed_in_robots_txt_are_followed():
    spider = make_spider()
    url = "https://ledger.example/robots.txt"
    body = b"User-agent: *\nDisallow: /private/\nSitemap: /sitemap-news.xml\n"
    response = TextResponse(url, body=body, request=request_for(url, None))
    requests = list(spider.parse_sitemap(response))
    assert [(r.url, name_of(r)) for r in requests] == [
        ("https://ledger.example/sitemap-news.xml", "parse_sitemap")
    ]


@pytest.mark.parametrize(
    "body",
    [b"<html><body>hi</body></html>", b"\x00\x01\xff junk", b"", b'{"not": "xml"}'],
    ids=["html", "binary", "empty", "json"],
)
def test_a_sitemap_url_serving_something_else_is_counted(body):
    spider = make_spider()
    url = "https://ledger.example/sitemap.xml"
    response = Response(url, body=body, request=request_for(url, None))
    assert list(spider.parse_sitemap(response)) == []
    assert stat(spider, "ledger", "errors/bad_sitemap") == 1


def article_response(case: str, url: str, **meta) -> HtmlResponse:
    body = (FIXTURES / case / "input.html").read_bytes()
    request = request_for(url, None, **meta)
    return HtmlResponse(url, body=body, headers={"Content-Type": "text/html"}, request=request)


def test_article_page_becomes_an_item():
    spider = make_spider()
    url = "https://www.screenledger.example/tv/harbour-lights-season-2-wraps?utm_source=rss"
    response = article_response(
        "jsonld-newsarticle", url, feed_published="2024-03-05T19:30:00+00:00"
    )
    (item,) = list(spider.parse_article(response))
    assert isinstance(item, ArticleItem)
    assert item.source == "ledger"
    assert item.url == url
    assert item.canonical_url == "https://www.screenledger.example/tv/harbour-lights-season-2-wraps"
    assert item.headline == "Harbour Lights Wraps Filming on Season Two"
    assert item.text.startswith("The coastal mystery drama Harbour Lights")
    assert item.published == "2024-03-05T14:30:00-05:00"
    assert item.published_source == "structured-data"
    assert item.feed_published == "2024-03-05T19:30:00+00:00"
    assert item.author == "Maren Holt; Tobias Wren"
    assert stat(spider, "ledger", "articles") == 1


def test_page_is_decoded_with_the_charset_the_server_declares():
    spider = make_spider()
    html = (FIXTURES / "german-language" / "input.html").read_text(encoding="utf-8")
    body = html.replace('<meta charset="utf-8">', "").encode("cp1252")
    url = "https://serienblick.example/news/nebelhorn"
    response = HtmlResponse(
        url,
        body=body,
        headers={"Content-Type": "text/html; charset=windows-1252"},
        request=request_for(url, None),
    )
    (item,) = list(spider.parse_article(response))
    assert "Küstenkrimiserie „Nebelhorn“" in item.text


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "image/jpeg", "application/json", "text/plain"]
)
def test_non_html_pages_are_skipped_and_counted(content_type):
    spider = make_spider()
    url = "https://ledger.example/files/press-kit"
    response = Response(
        url,
        body=b"%PDF-1.4 ...",
        headers={"Content-Type": content_type},
        request=request_for(url, None),
    )
    assert list(spider.parse_article(response)) == []
    assert stat(spider, "ledger", "skipped/not_html") == 1
    assert spider.crawler.stats.get_value("newsmon/skipped/not_html") == 1


def test_html_page_without_article_is_skipped_and_counted():
    spider = make_spider()
    response = article_response("no-article-gallery", "https://ledger.example/photos/premiere")
    assert list(spider.parse_article(response)) == []
    assert stat(spider, "ledger", "skipped/no_article") == 1


def test_download_failures_are_counted_by_kind():
    spider = make_spider()
    url = "https://ledger.example/tv/gone"
    request = request_for(url, spider.parse_article)
    not_found = HttpError(Response(url, status=404, request=request), "Ignoring non-200")
    errors = (
        not_found,
        DNSLookupError("no such host"),
        CannotResolveHostError("no such host"),
        DownloadConnectionRefusedError("refused"),
        DownloadTimeoutError("took too long"),
        DownloadCancelledError("bigger than DOWNLOAD_MAXSIZE"),
        IgnoreRequest("robots.txt"),
    )
    for error in errors:
        failure: Any = make_failure(error)
        failure.request = request
        spider.on_error(failure)
    assert stat(spider, "ledger", "errors/http_404") == 1
    assert stat(spider, "ledger", "errors/dns") == 2
    assert stat(spider, "ledger", "errors/connection") == 1
    assert stat(spider, "ledger", "errors/timeout") == 1
    assert stat(spider, "ledger", "errors/too_large") == 1
    assert stat(spider, "ledger", "skipped/ignored") == 1


def test_items_passing_or_dropped_by_pipelines_are_counted_per_source():
    spider = make_spider()
    send = spider.crawler.signals.send_catch_log
    item = ArticleItem(source="dispatch", url="https://dispatch.example/a")
    send(signals.item_scraped, item=item, response=None, spider=spider)
    send(signals.item_scraped, item=item, response=None, spider=spider)
    send(signals.item_dropped, item=item, response=None, exception=None, spider=spider)
    assert stat(spider, "dispatch", "items") == 2
    assert stat(spider, "dispatch", "dropped") == 1
