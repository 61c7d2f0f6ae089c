"""The yardstick of ``bench/crawl.py``: a bare Scrapy spider that fetches and runs trafilatura.

Usage (from the repository root)::

    .venv/bin/python bench/bare_spider.py SITEMAP_URL [--concurrency 8] [--fetch-only]

It reads the sitemap with Scrapy's own ``SitemapSpider``, fetches every
page it lists and extracts each with ``trafilatura.bare_extraction`` (text,
title, date, author), keeping nothing: no store, no deduplication, no
reading. It is what a crawl costs when it only fetches and extracts, the
floor that ``newsmon crawl`` is measured against. ``--fetch-only`` leaves
out the extraction too. Prints one JSON line: pages fetched and articles
extracted.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from typing import Any

import scrapy
import trafilatura
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.spiders import SitemapSpider


class BareSpider(SitemapSpider):
    """Every page of one sitemap, extracted by trafilatura and dropped."""

    name = "bare"

    def __init__(self, sitemap: str, fetch_only: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.sitemap_urls = [sitemap]
        self.fetch_only = fetch_only
        self.pages = 0
        self.articles = 0

    def parse(self, response: Response) -> Iterator[scrapy.Item]:
        """Extract one page; count it."""
        self.pages += 1
        if self.fetch_only:
            return iter(())
        document = trafilatura.bare_extraction(
            response.text, url=response.url, with_metadata=True, include_comments=False
        )
        if getattr(document, "text", None):
            self.articles += 1
        return iter(())


def main() -> None:
    """Crawl the sitemap given on the command line; print the counts as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sitemap")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--fetch-only", action="store_true")
    options = parser.parse_args()
    process = CrawlerProcess(
        {
            "ROBOTSTXT_OBEY": True,
            # One site: the total limit holds it to the per-site one. Scrapy's own
            # per-site count lets a burst of queued requests past it (see
            # crawler/downloader.py), and newsmon keeps to it.
            "CONCURRENT_REQUESTS": options.concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": options.concurrency,
            "AUTOTHROTTLE_ENABLED": False,
            "DOWNLOAD_DELAY": 0,
            "TELNETCONSOLE_ENABLED": False,
            "LOG_LEVEL": "WARNING",
        }
    )
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, sitemap=options.sitemap, fetch_only=options.fetch_only)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, BareSpider)
    print(json.dumps({"pages": spider.pages, "articles": spider.articles}))


if __name__ == "__main__":
    main()
