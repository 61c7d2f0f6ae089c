"""One thin end-to-end crawl: a real HTTP server on 127.0.0.1, a real Scrapy crawl.

The crawl runs in a child process (Twisted's reactor runs once per process);
see ``crawl_child.py``.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.crawler.golden import FIXTURES

REPO = Path(__file__).resolve().parents[2]


def _page(case: str) -> bytes:
    return (FIXTURES / case / "input.html").read_bytes()


def _routes(base: str) -> dict[str, tuple[int, str, bytes]]:
    feed = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Screen Ledger</title><link>/</link>
<item><title>Harbour Lights wraps</title><link>/news/harbour-lights</link>
  <pubDate>Tue, 05 Mar 2024 20:00:00 GMT</pubDate></item>
<item><title>Saltmarsh delayed</title><link>/news/saltmarsh</link></item>
<item><title>Members only</title><link>/private/scoop</link></item>
<item><title>Press kit</title><link>/files/press-kit.pdf</link></item>
<item><title>Gone</title><link>/news/removed</link></item>
<item><title>Gallery</title><link>/photos/premiere-night</link></item>
</channel></rss>"""
    urlset = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/tv/ember-street</loc><lastmod>2024-05-14</lastmod></url>
</urlset>""".replace(b"{base}", base.encode())
    index = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-tv.xml.gz</loc></sitemap>
</sitemapindex>""".replace(b"{base}", base.encode())
    html = "text/html; charset=utf-8"
    return {
        "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/feed.xml": (200, "application/rss+xml", feed),
        "/sitemap.xml": (200, "application/xml", index),
        "/sitemap-tv.xml.gz": (200, "application/octet-stream", gzip.compress(urlset)),
        "/news/harbour-lights": (200, html, _page("jsonld-newsarticle")),
        "/news/saltmarsh": (200, html, _page("opengraph-only")),
        "/private/scoop": (200, html, _page("german-language")),
        "/files/press-kit.pdf": (200, "application/pdf", b"%PDF-1.4 not really"),
        "/photos/premiere-night": (200, html, _page("no-article-gallery")),
        "/tv/ember-street": (200, html, _page("microdata-article")),
        "/broken/feed": (200, html, b"<!DOCTYPE html><html><body>Oops</body></html>"),
    }


@pytest.fixture
def site() -> Iterator[tuple[str, list[str]]]:
    """A news site on 127.0.0.1: yields its base URL and the paths it was asked for."""
    requested: list[str] = []
    routes: dict[str, tuple[int, str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            status, content_type, body = routes.get(self.path, (404, "text/plain", b"nothing"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    routes.update(_routes(base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, requested
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_crawl_follows_feed_and_sitemap_and_reports_per_source(tmp_path, site):
    base, requested = site
    request = {
        "database_url": f"sqlite:///{tmp_path / 'unused.db'}",
        "items_path": str(tmp_path / "items.jsonl"),
        "sources": [
            {
                "name": "ledger",
                "feeds": [f"{base}/feed.xml"],
                "sitemaps": [f"{base}/sitemap.xml"],
            },
            {"name": "broken", "feeds": [f"{base}/broken/feed"]},
        ],
    }
    (tmp_path / "request.json").write_text(json.dumps(request))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    done = subprocess.run(
        [sys.executable, "-m", "tests.crawler.crawl_child", str(tmp_path / "request.json")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    lines = (tmp_path / "items.jsonl").read_text(encoding="utf-8").splitlines()
    items = {item["url"]: item for item in map(json.loads, lines)}

    assert set(items) == {
        f"{base}/news/harbour-lights",
        f"{base}/news/saltmarsh",
        f"{base}/tv/ember-street",
    }
    harbour = items[f"{base}/news/harbour-lights"]
    assert harbour["source"] == "ledger"
    assert harbour["headline"] == "Harbour Lights Wraps Filming on Season Two"
    assert harbour["text"].startswith("The coastal mystery drama Harbour Lights has finished")
    assert "\n\nShowrunner Delia Marsh" in harbour["text"]
    assert harbour["published"] == "2024-03-05T14:30:00-05:00"
    assert harbour["published_source"] == "structured-data"
    assert harbour["feed_published"] == "2024-03-05T20:00:00+00:00"
    assert harbour["canonical_url"] == f"{base}/tv/harbour-lights-season-2-wraps"
    saltmarsh = items[f"{base}/news/saltmarsh"]
    assert saltmarsh["published"] == "2024-01-20T08:15:00+00:00"
    assert saltmarsh["feed_published"] is None
    ember = items[f"{base}/tv/ember-street"]
    assert ember["headline"].startswith("First look: Ember Street season two")
    assert ember["published"] == "2024-05-14T07:00:00+01:00"
    assert ember["extra"] == {"sitemap_lastmod": "2024-05-14"}

    assert "/private/scoop" not in requested  # robots.txt obeyed
    summary = report["summary"]
    assert summary["finish_reason"] == "finished"
    ledger, broken = summary["sources"]
    assert ledger["name"] == "ledger"
    # feed + sitemap index + sitemap + 5 fetched pages (the 404 goes to errors)
    assert ledger["pages"] == 8
    assert ledger["articles"] == 3
    assert ledger["items"] == 3  # no pipelines: every article passes
    assert ledger["skipped"] == {"not_html": 1, "no_article": 1, "ignored": 1}
    assert ledger["errors"] == {"http_404": 1}
    assert broken == {
        "name": "broken",
        "pages": 1,
        "articles": 0,
        "items": 0,
        "dropped": 0,
        "skipped": {},
        "errors": {"bad_feed": 1},
    }
    assert "once per process" in report["second_call"]

    # At WARNING, a crawl logs one line per problem and nothing else.
    log = done.stderr.splitlines()
    gallery = f"{base}/photos/premiere-night"
    assert f"WARNING crawler.spiders.news: ledger: no article text found in {gallery}" in log
    assert not [line for line in log if line.startswith(("INFO", "DEBUG"))]
    assert "Traceback" not in done.stderr
