"""A sitemap longer than one batch is crawled to its end, each page once.

A real `newsmon crawl` against a local site whose sitemap lists more pages
than the spider requests at a time: the later batches are requested as the
crawl runs out of work, and the sitemap counts as read only at the end.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsmon.crawler.spiders.news import SITEMAP_BATCH
from tests.crawler.crawlkit import run_crawl, stored, write_config
from tests.service.bigsite import BigSite, article_path

pytestmark = pytest.mark.slow


def test_every_page_of_a_sitemap_longer_than_a_batch_is_fetched_once(tmp_path: Path) -> None:
    pages = SITEMAP_BATCH + 150
    site = BigSite(pages).start()
    try:
        config, database = write_config(
            tmp_path,
            [{"name": "big", "sitemaps": [site.sitemap_url]}],
            concurrent_requests_per_domain=16,
            obey_robots_txt=False,
        )
        summary = run_crawl(config, tmp_path, timeout=600)
    finally:
        site.stop()
    assert summary["finish_reason"] == "finished"
    assert summary["by_source"]["big"]["new_articles"] == pages
    assert set(site.article_hits()) == {article_path(n) for n in range(pages)}
    assert set(site.article_hits().values()) == {1}
    assert len(stored(database)) == pages
    with sqlite3.connect(database) as conn:
        kept = {row[0] for row in conn.execute("SELECT url FROM http_validators")}
    assert site.sitemap_url in kept  # followed to the end: revalidated next time
