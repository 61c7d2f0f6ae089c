"""A crawl keeps to the number of requests a site may have in flight at once.

``crawl.concurrent_requests_per_domain`` is a promise to the sites a user
crawls. A sitemap hands the crawl many article links in one go, which is
where a downloader that counts a request only once its download has begun
lets more through than the limit.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.crawler.crawlkit import article_page, prose, run_crawl, write_config
from tests.crawler.httpsite import Hit, Page, Site, serve

pytestmark = pytest.mark.slow

ARTICLES = 12
LIMIT = 2


def _most_at_once(hits: list[Hit]) -> int:
    """The largest number of these requests the site was answering at one moment."""
    moments = sorted(
        [(hit.started, 1) for hit in hits] + [(hit.finished or hit.started, -1) for hit in hits],
        key=lambda moment: (moment[0], moment[1]),  # an answer ends before the next begins
    )
    most = current = 0
    for _, step in moments:
        current += step
        most = max(most, current)
    return most


def test_a_site_never_has_more_requests_in_flight_than_its_limit(tmp_path):
    today = dt.datetime.now(dt.UTC).date().isoformat()
    site = Site()
    with serve(site):
        paths = [f"/news/story-{n}" for n in range(ARTICLES)]
        urls = "".join(
            f"<url><loc>{site.url(path)}</loc><lastmod>{today}</lastmod></url>" for path in paths
        )
        site.routes["/sitemap.xml"] = Page(
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
            "application/xml",
        )
        for n, path in enumerate(paths):
            # Slow enough that requests sent together overlap at the server.
            site.routes[path] = Page(article_page(f"Story {n}", prose(path)), delay=0.3)
        config, _ = write_config(
            tmp_path,
            [{"name": "gazette", "sitemaps": [site.url("/sitemap.xml")]}],
            concurrent_requests_per_domain=LIMIT,
        )
        summary = run_crawl(config, tmp_path)
        articles = [hit for hit in site.hits if hit.path.startswith("/news/")]

    assert summary["by_source"]["gazette"]["items"] == ARTICLES
    assert len(articles) == ARTICLES
    # The limit is used (requests do go out together) and never passed.
    assert _most_at_once(articles) == LIMIT
