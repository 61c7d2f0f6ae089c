"""End to end: every kind of source, then cheap re-polls, against a local site.

Three real `newsmon crawl` runs in child processes (real pipelines, a real
SQLite file): the first reads a home page's feed, a sitemap index with a
Google News sitemap, a listing page with link rules and a page with
extraction overrides; the second finds nothing changed and costs only 304s;
the third finds one recent article changed and stores its new text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.crawler.crawlkit import article_page, prose, run_crawl, stored, write_config
from tests.crawler.httpsite import Page, Site, serve

pytestmark = pytest.mark.slow

TODAY = dt.datetime.now(dt.UTC).replace(microsecond=0)
YESTERDAY = (TODAY - dt.timedelta(days=1)).date().isoformat()
XML = "application/xml"


def _rss(items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link></item>" for title, link in items
    )
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>
<link>/</link>{entries}</channel></rss>""".encode()


def _build(site: Site) -> None:
    base = site.base
    home = b"""<!DOCTYPE html><html><head><title>Test Gazette</title>
<link rel="alternate" type="application/rss+xml" title="All news" href="/feed.xml">
</head><body><a href="/news/old-story">Old</a></body></html>"""
    index = f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-news.xml</loc><lastmod>{TODAY.date()}</lastmod></sitemap>
<sitemap><loc>{base}/sitemap-2019.xml</loc><lastmod>2019-12-31</lastmod></sitemap>
</sitemapindex>""".encode()
    news = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>{base}/news/sitemap-story</loc>
  <news:news><news:publication><news:name>Gazette</news:name><news:language>en</news:language>
  </news:publication><news:publication_date>{YESTERDAY}</news:publication_date>
  <news:title>Sitemap story</news:title></news:news></url>
<url><loc>{base}/news/ancient</loc>
  <news:news><news:publication_date>2019-05-01</news:publication_date></news:news></url>
</urlset>""".encode()
    listing = f"""<html><body><h1>TV</h1>
<a href="/tv/101/alpha">Alpha</a> <a href="/tv/tag/drama">Drama</a> <a href="/tv/page/2">More</a>
<a href="/about">About us</a>
<a href="http://localhost:{base.rsplit(":", 1)[1]}/tv/104/delta">Elsewhere</a>
</body></html>""".encode()
    page2 = (
        b'<html><body><a href="/tv/102/beta">Beta</a> <a href="/tv/101/alpha">A</a></body></html>'
    )
    odd = b"""<!DOCTYPE html><html><head><title>Odd Page Weekly</title></head><body>
<div class="masthead"><span class="title-text">Lanterns of Vell renewed for a third run</span>
<span class="when">5 March 2024</span></div>
<div class="promo"><p>Our sister magazine has a sale on this week: subscribe for a year of
print editions, tote bags and calendars, and get a free umbrella with every order placed.</p></div>
<div class="copy"><p>The network renewed Lanterns of Vell for a third season on Tuesday, after the
second run drew its largest audience since the premiere two years ago.</p>
<p>Production is expected to begin in the autumn, with the main cast returning.</p></div>
</body></html>"""
    recent = article_page("Recent story", prose("recent"), published=TODAY.isoformat())
    site.routes.update(
        {
            "/robots.txt": Page(b"User-agent: *\nDisallow: /private/\n", "text/plain"),
            "/": Page(home, etag='"home-1"'),
            "/feed.xml": Page(
                _rss(
                    [
                        ("Recent", "/news/recent-story"),
                        ("Old", "/news/old-story"),
                        ("Members", "/private/members"),
                    ]
                ),
                "application/rss+xml",
                etag='"feed-1"',
            ),
            "/news/recent-story": Page(recent, etag='"recent-1"'),
            "/news/old-story": Page(article_page("Old story", prose("old")), etag='"old-1"'),
            "/private/members": Page(article_page("Members only", prose("private"))),
            "/sitemap-index.xml": Page(index, XML, etag='"index-1"'),
            "/sitemap-news.xml": Page(news, XML, last_modified="Mon, 04 Mar 2024 10:00:00 GMT"),
            "/sitemap-2019.xml": Page(b"<urlset/>", XML),
            "/news/sitemap-story": Page(
                article_page("Sitemap story", prose("sitemap"), published=None),
                etag='"sitemap-story-1"',
            ),
            "/news/ancient": Page(article_page("Ancient", prose("ancient"))),
            "/tv/": Page(listing, etag='"tv-1"'),
            "/tv/page/2": Page(page2, etag='"tv2-1"'),
            "/tv/101/alpha": Page(article_page("Alpha renewed", prose("alpha"))),
            "/tv/102/beta": Page(article_page("Beta cancelled", prose("beta"))),
            "/tv/tag/drama": Page(article_page("Drama tag", prose("tag"))),
            "/about": Page(article_page("About", prose("about"))),
            "/tv/104/delta": Page(article_page("Delta", prose("delta"))),
            "/special/odd-page": Page(odd),
        }
    )


def test_every_kind_of_source_then_cheap_repolls_then_an_update(tmp_path):
    site = Site()
    with serve(site):
        _build(site)
        base = site.base
        config, database = write_config(
            tmp_path,
            [
                {
                    "name": "gazette",
                    "home": base + "/",
                    "sitemaps": [base + "/sitemap-index.xml"],
                    "listings": [base + "/tv/"],
                    "links": {
                        "allow": ["/tv/"],
                        "deny": ["/tv/tag/"],
                        "article": r"/tv/\d+/",
                        "max_depth": 2,
                    },
                },
                {
                    "name": "oddities",
                    "start_urls": [base + "/special/odd-page"],
                    "extract": {"body": ".copy", "headline": ".title-text", "date": ".when"},
                },
            ],
        )

        first = run_crawl(config, tmp_path)
        articles = stored(database)
        assert set(articles) == {
            base + path
            for path in (
                "/news/recent-story",
                "/news/old-story",
                "/news/sitemap-story",
                "/tv/101/alpha",
                "/tv/102/beta",
                "/special/odd-page",
            )
        }
        for never in (
            "/private/members",
            "/news/ancient",
            "/sitemap-2019.xml",
            "/tv/tag/drama",
            "/about",
            "/tv/104/delta",
        ):
            assert not site.requests_for(never), never
        gazette = first["by_source"]["gazette"]
        assert gazette["new_articles"] == 5
        assert gazette["skipped"]["robots"] == 1
        assert gazette["skipped"]["old"] == 2  # the 2019 sitemap and the 2019 entry
        assert gazette["errors"] == {}
        assert first["finish_reason"] == "finished"
        # The sitemap's publication date is the date of a page that gives none.
        sitemap_story = articles[base + "/news/sitemap-story"]
        assert sitemap_story["published"] == YESTERDAY
        odd = articles[base + "/special/odd-page"]
        assert odd["headline"] == "Lanterns of Vell renewed for a third run"
        assert odd["published"] == "2024-03-05"
        assert odd["text"].startswith("The network renewed Lanterns of Vell")
        assert "umbrella" not in odd["text"]
        user_agents = {hit.headers.get("User-Agent") for hit in site.hits}
        assert user_agents == {"newsmon-test/1.0 (+https://example.org/bot)"}

        # Nothing changed: every document costs one 304, no old article is fetched again,
        # and the recent ones are re-checked conditionally.
        second = run_crawl(config, tmp_path)
        gazette = second["by_source"]["gazette"]
        assert gazette["pages"] == 0
        assert gazette["new_articles"] == 0
        # home, feed, sitemap index, news sitemap, listing, page 2, and the 2 recent articles
        assert gazette["not_modified"] == 8
        assert site.requests_for("/feed.xml")[-1].headers["If-None-Match"] == '"feed-1"'
        assert (
            site.requests_for("/sitemap-news.xml")[-1].headers["If-Modified-Since"]
            == "Mon, 04 Mar 2024 10:00:00 GMT"
        )
        for once in ("/news/old-story", "/tv/101/alpha", "/tv/102/beta", "/special/odd-page"):
            assert len(site.requests_for(once)) == 1, once
        assert len(site.requests_for("/news/recent-story")) == 2

        # A recent article changes: the re-check fetches it and its new text is stored.
        changed = prose("recent, corrected")
        site.routes["/news/recent-story"] = Page(
            article_page("Recent story (updated)", changed, published=TODAY.isoformat()),
            etag='"recent-2"',
        )
        third = run_crawl(config, tmp_path)
        gazette = third["by_source"]["gazette"]
        assert gazette["updated_articles"] == 1
        assert gazette["new_articles"] == 0
        assert stored(database)[base + "/news/recent-story"]["text"] == "\n\n".join(changed)
