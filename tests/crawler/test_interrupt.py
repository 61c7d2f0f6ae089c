"""A crawl stopped by SIGTERM finishes what is in flight, and the next crawl carries on.

Real `newsmon crawl` child processes against a slow local site: the first is
interrupted while pages are being served; every page the site finished
serving must be stored, and the second crawl must fetch only the rest.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time

import pytest

from tests.crawler.crawlkit import (
    REPO,
    article_page,
    child_env,
    command,
    parse_summary,
    prose,
    run_crawl,
    stored,
    write_config,
)
from tests.crawler.httpsite import Page, Site, serve

pytestmark = pytest.mark.slow

# Three times the 16 requests Scrapy hands its downloader at once, so some are still waiting
# even when a loaded machine handles the signal seconds late (with 30, one run under four
# busy test workers finished them all before the shutdown took hold).
ARTICLES = [f"/slow/{n:02d}" for n in range(48)]


def _slow_site(site: Site, delay: float = 1.0) -> None:
    items = "".join(f"<item><link>{path}</link></item>" for path in ARTICLES)
    site.routes["/feed.xml"] = Page(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>{items}'
        "</channel></rss>".encode(),
        "application/rss+xml",
        etag='"slow-feed"',
    )
    for path in ARTICLES:
        # Old articles: nothing to re-check later, so every second fetch would be a bug.
        body = article_page(f"Story {path}", prose(path), published="2023-06-01")
        # Slow enough that the whole feed takes many seconds: a loaded machine (a test
        # run beside other work) must not finish every page before the signal is handled.
        site.routes[path] = Page(body, delay=delay)


def _kept_validators(database) -> set[str]:
    with sqlite3.connect(database) as conn:
        return {row[0] for row in conn.execute("SELECT url FROM http_validators")}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_finishes_pages_in_flight_and_the_next_crawl_carries_on(tmp_path, signum):
    site = Site()
    with serve(site):
        _slow_site(site)
        config, database = write_config(
            tmp_path,
            [{"name": "slow", "feeds": [site.url("/feed.xml")]}],
            concurrent_requests_per_domain=2,
        )
        child = subprocess.Popen(
            command(config),
            cwd=REPO,
            env=child_env(tmp_path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            served = [p for p in site.completed() if p in ARTICLES]
            in_flight = [p for p in site.in_flight() if p in ARTICLES]
            if len(served) >= 2 and in_flight:
                break
            time.sleep(0.02)
        else:
            child.kill()
            pytest.fail("the crawl never got going: " + child.communicate()[1][-2000:])
        child.send_signal(signum)
        stdout, stderr = child.communicate(timeout=30)
        assert child.returncode == 0, stderr[-4000:]
        first = parse_summary(stdout, stderr)

        assert first["finish_reason"] == "shutdown"
        first_stored = {url.removeprefix(site.base) for url in stored(database)}
        # Everything the site finished serving, including what was in flight, was stored...
        assert set(in_flight) <= first_stored
        assert {p for p in site.completed() if p in ARTICLES} == first_stored
        # ...and the crawl did stop early, without keeping the feed's validators: the
        # feed was not followed to the end, so a 304 next time would lose the rest.
        assert len(first_stored) < len(ARTICLES)
        assert site.url("/feed.xml") not in _kept_validators(database)
        if signum == signal.SIGINT:
            return  # the same shutdown path; carrying on is checked once, after SIGTERM

        _slow_site(site, delay=0.05)  # the next crawl only has to carry on
        second = run_crawl(config, tmp_path)
        assert second["finish_reason"] == "finished"
        assert {url.removeprefix(site.base) for url in stored(database)} == set(ARTICLES)
        assert second["by_source"]["slow"]["new_articles"] == len(ARTICLES) - len(first_stored)
        for path in ARTICLES:
            assert len(site.requests_for(path)) == 1, path  # nothing fetched twice
        assert "If-None-Match" not in site.requests_for("/feed.xml")[-1].headers
        assert site.url("/feed.xml") in _kept_validators(database)
