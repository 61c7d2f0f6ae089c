"""Feed autodiscovery and listing-page link rules."""

from __future__ import annotations

import re

from newsmon.crawler.discovery import feed_links, listing_links
from newsmon.crawler.sources import CrawlSource, LinkRules


def test_feeds_announced_in_the_head_are_found_absolute_and_once():
    page = """<html><head><base href="https://news.example/sub/">
    <link rel="alternate" type="application/rss+xml" href="feed.xml">
    <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="/atom">
    <link rel="alternate" type="application/rss+xml" href="feed.xml">
    <link rel="alternate" hreflang="de" href="/de/">
    <link rel="stylesheet" type="text/css" href="/s.css"></head><body></body></html>"""
    assert feed_links(page, "https://news.example/") == [
        "https://news.example/sub/feed.xml",
        "https://news.example/atom",
    ]
    assert feed_links("", "https://news.example/") == []
    assert feed_links("<html><body>no feeds</body></html>", "https://news.example/") == []


PAGE = """<html><body>
<a href="/tv/2024/03/renewed">renewed</a> <a href="/tv/2024/03/renewed#comments">again</a>
<a href="/tv/tag/drama">tag</a> <a href="/tv/page/2">next</a> <a href="/shop/mug">shop</a>
<a href="https://sub.news.example/tv/2024/03/sub">subdomain</a>
<a href="https://elsewhere.example/tv/2024/03/copied">elsewhere</a>
<a href="/tv/poster.jpg">poster</a> <a href="javascript:void(0)">js</a> <a href="mailto:x@y">m</a>
</body></html>"""


def rules(**kw) -> LinkRules:
    base = {
        "allow": (re.compile("/tv/"),),
        "deny": (re.compile("/tag/"),),
        "article": re.compile(r"/tv/\d{4}/\d{2}/"),
        "max_depth": 2,
        "domains": frozenset({"news.example"}),
    }
    return LinkRules(**{**base, **kw})


def test_links_are_split_into_articles_and_listings_by_the_rules():
    found = listing_links(PAGE, "https://news.example/tv/", rules(), depth=0)
    assert found.articles == [
        "https://news.example/tv/2024/03/renewed",
        "https://sub.news.example/tv/2024/03/sub",
    ]
    assert found.listings == ["https://news.example/tv/page/2"]
    assert found.pages == []


def test_depth_limits_what_is_followed():
    at_last_level = listing_links(PAGE, "https://news.example/tv/page/2", rules(), depth=1)
    assert at_last_level.listings == []
    assert at_last_level.articles  # articles are still read
    beyond = listing_links(PAGE, "https://news.example/tv/x", rules(), depth=2)
    assert (beyond.articles, beyond.listings, beyond.pages) == ([], [], [])


def test_without_an_article_pattern_every_followed_link_is_a_page_to_try():
    found = listing_links(PAGE, "https://news.example/tv/", rules(article=None), depth=0)
    assert found.pages == [
        "https://news.example/tv/2024/03/renewed",
        "https://news.example/tv/page/2",
        "https://sub.news.example/tv/2024/03/sub",
    ]


def test_a_source_allows_the_domains_of_its_own_urls_by_default():
    source = CrawlSource.from_dict(
        {
            "name": "n",
            "listings": ["https://www.news.example/tv/"],
            "feeds": ["https://feeds.other.example/x"],
        }
    )
    assert source.links.domains == frozenset({"news.example", "feeds.other.example"})
    assert source.links.follows("https://news.example/tv/a")
    assert not source.links.follows("https://elsewhere.example/tv/a")
    explicit = CrawlSource.from_dict({"name": "n", "allowed_domains": ["only.example"]})
    assert explicit.links.domains == frozenset({"only.example"})
