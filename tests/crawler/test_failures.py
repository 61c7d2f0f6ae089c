"""A crawl in which every source failed says so: one line per failure, and exit code 1.

Real `newsmon crawl` processes against a local site (and a closed local port).
"""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from newsmon.storage.db import open_database
from newsmon.storage.polls import source_health
from tests.crawler.crawlkit import (
    REPO,
    article_page,
    child_env,
    command,
    parse_summary,
    prose,
    write_config,
)
from tests.crawler.httpsite import Page, Site, serve

pytestmark = pytest.mark.slow

BROKEN_RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
<item><title>Half an item</titl"""


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _crawl(config: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(config),
        cwd=REPO,
        env=child_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def _problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if " WARNING " in line or " ERROR " in line]


def test_an_unreachable_source_is_one_line_and_exit_code_1(tmp_path: Path) -> None:
    feed = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    config, _ = write_config(tmp_path, [{"name": "gone", "feeds": [feed]}], retry_times=2)
    done = _crawl(config, tmp_path)
    assert done.returncode == 1, done.stderr[-3000:]
    summary = parse_summary(done.stdout)
    assert summary["by_source"]["gone"]["errors"] == {"connection": 1}
    problems = _problem_lines(done.stderr)
    assert [line for line in problems if feed in line] == [problems[0]]
    # The failure, then what the exit code means: nothing from Scrapy's retries or robots.txt.
    assert len(problems) == 2, problems
    assert "every source failed" in problems[1]


def test_a_broken_feed_is_an_error_shown_in_the_sources_health(tmp_path: Path) -> None:
    site = Site()
    with serve(site):
        site.routes["/feed.xml"] = Page(BROKEN_RSS, "application/rss+xml")
        config, database = write_config(
            tmp_path, [{"name": "broken", "feeds": [site.url("/feed.xml")]}]
        )
        done = _crawl(config, tmp_path)
    assert done.returncode == 1, done.stderr[-3000:]
    report = parse_summary(done.stdout)["by_source"]["broken"]
    assert report["errors"] == {"bad_feed": 1}
    assert report["pages"] == 0  # fetched, but nothing could be read from it
    problems = _problem_lines(done.stderr)
    assert "broken feed" in problems[0]
    engine, sessions = open_database(f"sqlite:///{database}")
    with sessions() as session:
        (health,) = source_health(session)
    engine.dispose()
    assert health["last_poll"]["errors"] == {"bad_feed": 1}
    assert health["failing_streak"] == 1


def test_one_source_failing_among_good_ones_is_exit_code_0(tmp_path: Path) -> None:
    site = Site()
    with serve(site):
        site.routes["/feed.xml"] = Page(
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Fine</title>'
            b"<item><link>/story</link></item></channel></rss>",
            "application/rss+xml",
        )
        site.routes["/story"] = Page(article_page("A fine story", prose("fine")))
        site.routes["/broken.xml"] = Page(BROKEN_RSS, "application/rss+xml")
        config, _ = write_config(
            tmp_path,
            [
                {"name": "fine", "feeds": [site.url("/feed.xml")]},
                {"name": "broken", "feeds": [site.url("/broken.xml")]},
            ],
        )
        done = _crawl(config, tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    summary = parse_summary(done.stdout)
    assert summary["by_source"]["fine"]["new_articles"] == 1
    assert summary["by_source"]["broken"]["errors"] == {"bad_feed": 1}
