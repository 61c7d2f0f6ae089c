"""NewsSpider callbacks, driven with responses built from fixture bytes (no network).

The spider runs without a store here (``NEWSMON_CRAWL_STATE`` off); the
tests in ``test_spider_state.py`` give it one.
"""

from __future__ import annotations

import datetime as dt
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

from newsmon.crawler.items import ArticleItem
from newsmon.crawler.spiders.news import NewsSpider, stat_key
from tests.crawler.golden import FIXTURES

make_failure: Any = Failure  # untyped in Twisted

TODAY = dt.datetime.now(dt.UTC).date()
RECENT = (TODAY - dt.timedelta(days=1)).isoformat()

SOURCES = [
    {
        "name": "ledger",
        "home": "https://ledger.example/",
        "feeds": ["https://ledger.example/feed.xml"],
        "sitemaps": ["https://ledger.example/sitemap.xml"],
        "listings": ["https://ledger.example/tv/"],
        "start_urls": ["https://ledger.example/tv/one-story"],
    },
    {"name": "dispatch", "feeds": ["https://dispatch.example/rss"]},
]


def make_spider(sources=None, **settings) -> NewsSpider:
    crawler = get_crawler(
        NewsSpider,
        {
            "NEWSMON_SOURCES": SOURCES if sources is None else sources,
            "NEWSMON_CRAWL_STATE": False,
            **settings,
        },
    )
    spider = NewsSpider.from_crawler(crawler)
    collect_start(spider)  # reads the sources
    spider.requested.clear()
    return spider


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


def request_for(url: str, source: str = "ledger", **meta) -> Request:
    return Request(url, meta={"source": source, **meta})


def test_start_requests_every_configured_url_by_kind_and_source():
    crawler = get_crawler(NewsSpider, {"NEWSMON_SOURCES": SOURCES, "NEWSMON_CRAWL_STATE": False})
    spider = NewsSpider.from_crawler(crawler)
    requests = collect_start(spider)
    routed = {(r.url, name_of(r), r.meta["source"], r.meta["kind"]) for r in requests}
    assert routed == {
        ("https://ledger.example/", "parse_home", "ledger", "home"),
        ("https://ledger.example/feed.xml", "parse_feed", "ledger", "feed"),
        ("https://ledger.example/sitemap.xml", "parse_sitemap", "ledger", "sitemap"),
        ("https://ledger.example/tv/", "parse_listing", "ledger", "listing"),
        ("https://ledger.example/tv/one-story", "parse_article", "ledger", "article"),
        ("https://dispatch.example/rss", "parse_feed", "dispatch", "feed"),
    }
    assert all(r.errback == spider.on_error for r in requests)
    # Without a store nothing is conditional.
    assert not any(r.headers.get("If-None-Match") for r in requests)
    (sitemap,) = [r for r in requests if r.meta["kind"] == "sitemap"]
    assert sitemap.meta["download_maxsize"] == 50 * 1024 * 1024


def test_sources_may_be_given_as_json_on_the_command_line():
    raw = json.dumps([{"name": "cli", "feeds": ["https://cli.example/rss"]}])
    crawler = get_crawler(NewsSpider, {"NEWSMON_SOURCES": raw, "NEWSMON_CRAWL_STATE": False})
    assert [r.url for r in collect_start(NewsSpider.from_crawler(crawler))] == [
        "https://cli.example/rss"
    ]


def test_feed_entries_are_followed_with_their_feed_date():
    spider = make_spider()
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><title>A</title><link>/tv/a</link><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>
    <item><title>B</title><link>https://ledger.example/tv/b</link></item></channel></rss>"""
    url = "https://ledger.example/feed.xml"
    response = XmlResponse(url, body=body, request=request_for(url, kind="feed", document=url))
    requests = list(spider.parse_feed(response))
    assert [(r.url, r.meta["feed_published"]) for r in requests] == [
        ("https://ledger.example/tv/a", "2024-03-05T10:00:00+00:00"),
        ("https://ledger.example/tv/b", None),
    ]
    assert all(r.meta["feed_published_source"] == "feed" for r in requests)
    assert all(r.meta["parent"] == url and name_of(r) == "parse_article" for r in requests)
    assert stat(spider, "ledger", "pages") == 1


def test_a_feed_url_serving_a_page_that_names_feeds_is_followed_to_them():
    spider = make_spider()
    url = "https://dispatch.example/rss"
    page = b"""<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml">
    </head><body>We moved our feed.</body></html>"""
    response = HtmlResponse(url, body=page, request=request_for(url, "dispatch", kind="feed"))
    (request,) = list(spider.parse_feed(response))
    assert (request.url, name_of(request)) == ("https://dispatch.example/atom.xml", "parse_feed")
    assert stat(spider, "dispatch", "errors/bad_feed") is None


def test_a_feed_url_serving_anything_else_is_counted_not_fatal():
    spider = make_spider()
    url = "https://dispatch.example/rss"
    response = HtmlResponse(
        url, body=b"<html><body>Moved</body></html>", request=request_for(url, "dispatch")
    )
    assert list(spider.parse_feed(response)) == []
    assert stat(spider, "dispatch", "errors/bad_feed") == 1


def test_home_page_feeds_are_discovered_and_without_feeds_it_is_a_listing():
    spider = make_spider(
        [{"name": "ledger", "home": "https://ledger.example/", "links": {"article": "/tv/"}}]
    )
    url = "https://ledger.example/"
    with_feed = b"""<html><head><link rel="alternate" type="application/rss+xml" href="/rss">
    <link rel="alternate" hreflang="fr" href="/fr/"></head><body></body></html>"""
    meta: dict[str, Any] = {"kind": "home", "document": url, "listing_depth": 0}
    response = HtmlResponse(url, body=with_feed, request=request_for(url, **meta))
    assert [(r.url, name_of(r)) for r in spider.parse_home(response)] == [
        ("https://ledger.example/rss", "parse_feed")
    ]
    without = b'<html><body><a href="/tv/a-story">A</a> <a href="/shop">Shop</a></body></html>'
    response = HtmlResponse(url, body=without, request=request_for(url, **meta))
    assert [(r.url, name_of(r)) for r in spider.parse_home(response)] == [
        ("https://ledger.example/tv/a-story", "parse_article")
    ]


def test_listing_links_follow_the_rules_and_depth():
    spider = make_spider(
        [
            {
                "name": "ledger",
                "listings": ["https://ledger.example/tv/"],
                "links": {
                    "allow": ["/tv/"],
                    "deny": ["/tv/tag/"],
                    "article": r"/tv/\d+/",
                    "max_depth": 2,
                },
            }
        ]
    )
    url = "https://ledger.example/tv/"
    body = b"""<html><body><a href="/tv/12/renewed">1</a> <a href="/tv/tag/drama">t</a>
    <a href="/tv/page/2">more</a> <a href="/film/3/x">f</a>
    <a href="https://elsewhere.example/tv/13/copied">e</a></body></html>"""
    meta: dict[str, Any] = {"kind": "listing", "document": url, "listing_depth": 0}
    response = HtmlResponse(url, body=body, request=request_for(url, **meta))
    routed = [
        (r.url, name_of(r), r.meta.get("listing_depth")) for r in spider.parse_listing(response)
    ]
    assert routed == [
        ("https://ledger.example/tv/12/renewed", "parse_article", None),
        ("https://ledger.example/tv/page/2", "parse_listing", 1),
    ]
    # At the last depth a listing page's links are articles only.
    page2 = "https://ledger.example/tv/page/2"
    meta = {"kind": "listing", "document": page2, "listing_depth": 1}
    response = HtmlResponse(page2, body=body, request=request_for(page2, **meta))
    spider.requested.clear()
    assert [r.url for r in spider.parse_listing(response)] == [
        "https://ledger.example/tv/12/renewed"
    ]


SITEMAP_INDEX = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://ledger.example/sitemap-recent.xml.gz</loc><lastmod>{RECENT}</lastmod></sitemap>
  <sitemap><loc>https://ledger.example/sitemap-2019.xml</loc><lastmod>2019-01-31</lastmod></sitemap>
  <sitemap><loc>https://ledger.example/sitemap-undated.xml</loc></sitemap>
</sitemapindex>""".encode()

URLSET = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://ledger.example/tv/harbour-lights</loc><lastmod>{RECENT}</lastmod></url>
  <url><loc>https://ledger.example/tv/saltmarsh</loc></url>
  <url><loc>https://ledger.example/tv/ancient</loc><lastmod>2018-06-01</lastmod></url>
  <url><loc>https://ledger.example/tv/breaking</loc>
    <news:news><news:publication_date>{RECENT}T08:00:00Z</news:publication_date></news:news>
  </url>
</urlset>""".encode()


def test_sitemap_index_is_followed_to_its_recent_sitemaps():
    spider = make_spider()
    url = "https://ledger.example/sitemap.xml"
    response = XmlResponse(url, body=SITEMAP_INDEX, request=request_for(url, kind="sitemap"))
    requests = list(spider.parse_sitemap(response))
    assert [(r.url, name_of(r)) for r in requests] == [
        ("https://ledger.example/sitemap-recent.xml.gz", "parse_sitemap"),
        ("https://ledger.example/sitemap-undated.xml", "parse_sitemap"),
    ]
    assert stat(spider, "ledger", "skipped/old") == 1


def test_gzipped_sitemap_gives_its_recent_pages_with_their_dates():
    spider = make_spider()
    url = "https://ledger.example/sitemap-recent.xml.gz"
    response = Response(url, body=gzip.compress(URLSET), request=request_for(url, kind="sitemap"))
    requests = list(spider.parse_sitemap(response))
    routed = [
        (r.url, name_of(r), r.meta["feed_published"], r.meta["feed_published_source"])
        for r in requests
    ]
    assert routed == [
        ("https://ledger.example/tv/harbour-lights", "parse_article", RECENT, "sitemap"),
        ("https://ledger.example/tv/saltmarsh", "parse_article", None, "sitemap"),
        (
            "https://ledger.example/tv/breaking",
            "parse_article",
            f"{RECENT}T08:00:00+00:00",
            "sitemap",
        ),
    ]
    assert requests[0].meta["sitemap_lastmod"] == RECENT
    assert stat(spider, "ledger", "skipped/old") == 1


def test_the_since_horizon_is_per_source():
    spider = make_spider(
        [{"name": "ledger", "sitemaps": ["https://l.example/s.xml"], "since": 10 * 365 * 86400}]
    )
    url = "https://l.example/s.xml"
    response = XmlResponse(url, body=URLSET, request=request_for(url, kind="sitemap"))
    assert len(list(spider.parse_sitemap(response))) == 4


def test_sitemaps_listed_in_robots_txt_are_followed():
    spider = make_spider()
    url = "https://ledger.example/robots.txt"
    body = b"User-agent: *\nDisallow: /private/\nSitemap: /sitemap-news.xml\n"
    response = TextResponse(url, body=body, request=request_for(url, kind="sitemap"))
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
    response = Response(url, body=body, request=request_for(url, kind="sitemap"))
    assert list(spider.parse_sitemap(response)) == []
    assert stat(spider, "ledger", "errors/bad_sitemap") == 1


def article_response(case: str, url: str, *, content_type="text/html", **meta) -> HtmlResponse:
    body = (FIXTURES / case / "input.html").read_bytes()
    request = request_for(url, kind="article", **meta)
    return HtmlResponse(url, body=body, headers={"Content-Type": content_type}, request=request)


def test_article_page_becomes_an_item():
    spider = make_spider()
    url = "https://www.screenledger.example/tv/harbour-lights-season-2-wraps?utm_source=rss"
    response = article_response(
        "jsonld-newsarticle",
        url,
        feed_published="2024-03-05T19:30:00+00:00",
        feed_published_source="feed",
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
    assert item.feed_published_source == "feed"
    assert item.author == "Maren Holt; Tobias Wren"
    assert stat(spider, "ledger", "articles") == 1


def test_source_overrides_replace_the_generic_extractor():
    spider = make_spider(
        [
            {
                "name": "odd",
                "extract": {"headline": "head title", "body": ".story-body p:first-of-type"},
            }
        ]
    )
    url = "https://www.screenledger.example/tv/harbour-lights"
    (item,) = list(spider.parse_article(article_response("jsonld-newsarticle", url, source="odd")))
    assert isinstance(item, ArticleItem)
    assert item.headline == "Harbour Lights wraps filming on season two | Screen Ledger"
    assert "\n\n" not in item.text
    assert item.text.startswith("The coastal mystery drama")


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        ("text/html; charset=windows-1252", None),
        ("text/html; charset=utf-8", "charset_mislabelled"),
    ],
)
def test_pages_are_decoded_by_the_charset_they_really_use(header, problem):
    spider = make_spider()
    html = (FIXTURES / "german-language" / "input.html").read_text(encoding="utf-8")
    body = html.replace('<meta charset="utf-8">', "").encode("cp1252")
    url = "https://serienblick.example/news/nebelhorn"
    response = HtmlResponse(
        url, body=body, headers={"Content-Type": header}, request=request_for(url)
    )
    (item,) = list(spider.parse_article(response))
    assert isinstance(item, ArticleItem)
    assert "Küstenkrimiserie „Nebelhorn“" in item.text
    assert stat(spider, "ledger", f"warnings/{problem}") == (1 if problem else None)


@pytest.mark.parametrize(
    ("content_type", "body", "counter"),
    [
        ("application/pdf", b"%PDF-1.4 ...", "skipped/not_html"),
        ("image/jpeg", b"\xff\xd8\xff\xe0", "skipped/not_html"),
        ("text/plain", b"just words", "skipped/not_html"),
        ("text/html", b"\x89PNG\r\n\x1a\n\x00\x00", "errors/binary"),
        ("text/html", b"GIF89a\x01\x00", "errors/binary"),
        ("text/html", b"", "errors/empty"),
        ("text/html", b"   \n ", "errors/empty"),
    ],
)
def test_pages_that_are_not_html_are_counted(content_type, body, counter):
    spider = make_spider()
    url = "https://ledger.example/files/story.html"
    response = Response(
        url, body=body, headers={"Content-Type": content_type}, request=request_for(url)
    )
    assert list(spider.parse_article(response)) == []
    assert stat(spider, "ledger", counter) == 1


def test_html_page_without_article_is_skipped_and_counted():
    spider = make_spider()
    response = article_response("no-article-gallery", "https://ledger.example/photos/premiere")
    assert list(spider.parse_article(response)) == []
    assert stat(spider, "ledger", "skipped/no_article") == 1


def test_download_failures_are_counted_by_kind():
    spider = make_spider()
    url = "https://ledger.example/tv/gone"
    request = request_for(url, kind="article")
    not_found = HttpError(Response(url, status=404, request=request), "Ignoring non-200")
    errors = (
        not_found,
        DNSLookupError("no such host"),
        CannotResolveHostError("no such host"),
        DownloadConnectionRefusedError("refused"),
        DownloadTimeoutError("took too long"),
        DownloadCancelledError("bigger than DOWNLOAD_MAXSIZE"),
        IgnoreRequest("Forbidden by robots.txt"),
        IgnoreRequest("... exceeded DOWNLOAD_MAXSIZE (1024 B) during decompression."),
        IgnoreRequest("max redirections reached"),
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
    assert stat(spider, "ledger", "errors/decompression_bomb") == 1
    assert stat(spider, "ledger", "errors/redirect_loop") == 1
    assert stat(spider, "ledger", "skipped/robots") == 1


def test_a_redirect_back_to_a_seen_url_is_a_loop():
    spider = make_spider()
    request = request_for(
        "https://ledger.example/a",
        kind="article",
        redirect_urls=["https://ledger.example/a", "https://ledger.example/b"],
    )
    spider.crawler.signals.send_catch_log(signals.request_dropped, request=request, spider=spider)
    assert stat(spider, "ledger", "errors/redirect_loop") == 1


def test_items_passing_or_dropped_by_pipelines_are_counted_per_source():
    spider = make_spider()
    send = spider.crawler.signals.send_catch_log
    item = ArticleItem(source="dispatch", url="https://dispatch.example/a")
    send(signals.item_scraped, item=item, response=None, spider=spider)
    send(signals.item_scraped, item=item, response=None, spider=spider)
    send(signals.item_dropped, item=item, response=None, exception=None, spider=spider)
    assert stat(spider, "dispatch", "items") == 2
    assert stat(spider, "dispatch", "dropped") == 1


def test_each_url_is_requested_once_per_crawl():
    spider = make_spider()
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
    <item><link>/tv/a</link></item><item><link>/tv/a</link></item></channel></rss>"""
    for feed in ("https://ledger.example/feed.xml", "https://ledger.example/other.xml"):
        response = XmlResponse(feed, body=body, request=request_for(feed, kind="feed"))
        requests = list(spider.parse_feed(response))
    assert requests == []  # the second feed's entry was already requested by the first


def test_a_big_sitemap_is_requested_batch_by_batch():
    from newsmon.crawler.spiders.news import SITEMAP_BATCH

    spider = make_spider()
    url = "https://ledger.example/sitemap.xml"
    count = SITEMAP_BATCH + 500
    urls = "".join(
        f"<url><loc>https://ledger.example/tv/{n}</loc><lastmod>{RECENT}</lastmod></url>"
        for n in range(count)
    )
    body = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>"
    ).encode()
    response = XmlResponse(url, body=body, request=request_for(url, kind="sitemap"))
    first = list(spider.parse_sitemap(response))
    assert len(first) == SITEMAP_BATCH
    (pending,) = spider.sitemap_backlog
    rest = list(spider._sitemap_batch(pending))
    assert len(rest) == 500
    assert pending.done
    assert {r.url for r in first + rest} == {f"https://ledger.example/tv/{n}" for n in range(count)}
