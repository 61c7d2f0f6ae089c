"""One crawl against a hostile local server, beside a well-behaved source.

Every kind of hostile answer is served at once, in a single child-process
crawl (to keep the suite fast): each must be logged, counted under its own
kind in the crawl summary, and leave the crawl and the other source alone,
with the crawler's memory bounded (the gzip bomb inflates to 400 MB).
"""

from __future__ import annotations

import gzip
import itertools
import os
import resource
import subprocess
import time
import zlib
from functools import cache
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from tests.crawler.crawlkit import (
    REPO,
    article_page,
    child_env,
    command,
    parse_summary,
    prose,
    stored,
    write_config,
)
from tests.crawler.httpsite import Page, Site, serve

pytestmark = pytest.mark.slow

MAX_PAGE = 1024 * 1024
# A guard against unbounded growth (the gzip bomb read whole would take 400 MB for its body
# and as much again for its text), not a tight budget: the crawl peaks at about 170 MB alone
# on the machine, and near 500 MB when other test processes slow it while several large
# pages are in flight at once.
MAX_RSS_MB = 750
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40


@cache
def _bomb() -> bytes:
    """400 MB of zeros, gzip-compressed to about 400 kB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1024 * 1024)
    return b"".join(packer.compress(chunk) for _ in range(400)) + packer.flush()


def _trickle(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    for _ in range(20):  # one byte a second, until the crawler hangs up
        handler.wfile.write(b"<")
        handler.wfile.flush()
        time.sleep(1)


def _stream_big(handler: BaseHTTPRequestHandler) -> None:
    # No Content-Length: the crawler only finds out while reading.
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.close_connection = True
    for _ in range(48):
        handler.wfile.write(b"<p>" + b"a" * 65536 + b"</p>")


def _redirect(target: str):
    def write(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return write


ACCENTED = "Café Noir: the naïve critics’ “favourite” returns — résumé inside"


def _charset_page(headline: str) -> str:
    body = f"{ACCENTED}. " * 3
    return f"""<html><head><title>{headline}</title></head><body><article>
<h1>{headline}</h1><p>{body}</p><p>{prose(headline)[0]}</p></article></body></html>"""


def _routes(site: Site) -> None:
    malformed = (
        article_page("Malformed but readable", prose("malformed"))
        .replace(b"</p>", b"<b><i></p></b>")
        .replace(b"</article>", b"<div><span>")
    )
    site.routes.update(
        {
            "/big.html": Page(b"<html>" + b"x" * (3 * MAX_PAGE) + b"</html>"),
            "/big-stream.html": _stream_big,
            "/bomb.html": Page(_bomb(), headers={"Content-Encoding": "gzip"}),
            "/slow.html": _trickle,
            "/loop-a.html": _redirect("/loop-b.html"),
            "/loop-b.html": _redirect("/loop-a.html"),
            "/storm.html": Page(b"oops", status=500),
            "/mislabelled-cp1252.html": Page(
                _charset_page("Mislabelled cp1252").encode("cp1252"),
                "text/html; charset=utf-8",
            ),
            "/mislabelled-utf8.html": Page(
                _charset_page("Mislabelled UTF-8").encode("utf-8"),
                "text/html; charset=iso-8859-1",
            ),
            "/no-charset.html": Page(_charset_page("No charset").encode("cp1252"), "text/html"),
            "/image.html": Page(PNG, "text/html"),
            "/malformed.html": Page(malformed),
            "/empty.html": Page(b""),
            "/feed.rss": Page(b"this is { not XML at all", "application/rss+xml"),
            "/calm/feed.xml": Page(
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>Calm</title>'
                b"<item><link>/calm/one</link></item><item><link>/calm/two</link></item>"
                b"<item><link>/calm/three</link></item></channel></rss>",
                "application/rss+xml",
            ),
            **{
                f"/calm/{n}": Page(article_page(f"Calm {n}", prose(f"calm {n}")))
                for n in ("one", "two", "three")
            },
        }
    )


def _crawl_measured(config, tmp_path) -> tuple[dict[str, Any], float, float]:
    """Run the crawl; return its summary, its wall time and the child's peak RSS in MB."""
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    started = time.monotonic()
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen(
            command(config), cwd=REPO, env=child_env(tmp_path), stdout=stdout, stderr=stderr
        )
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.monotonic() - started
    assert child.returncode == 0, err.read_text()[-4000:]
    kilobytes = usage.ru_maxrss if os.uname().sysname == "Linux" else usage.ru_maxrss / 1024
    return parse_summary(out.read_text(), err.read_text()), elapsed, kilobytes / 1024


def test_hostile_pages_are_counted_by_kind_and_stop_nothing(tmp_path):
    assert resource  # ru_maxrss comes from wait4's resource usage
    site = Site()
    with serve(site):
        _routes(site)
        hostile = [
            "/big.html",
            "/big-stream.html",
            "/bomb.html",
            "/slow.html",
            "/loop-a.html",
            "/storm.html",
            "/mislabelled-cp1252.html",
            "/mislabelled-utf8.html",
            "/no-charset.html",
            "/image.html",
            "/malformed.html",
            "/empty.html",
        ]
        config, database = write_config(
            tmp_path,
            [
                {
                    "name": "hostile",
                    "feeds": [site.url("/feed.rss")],
                    "start_urls": [site.url(path) for path in hostile],
                },
                {"name": "calm", "feeds": [site.url("/calm/feed.xml")]},
            ],
            max_page_bytes=MAX_PAGE,
            download_timeout=1.5,
            retry_times=2,
            retry_backoff=0.2,
            max_redirects=4,
        )
        summary, elapsed, peak_mb = _crawl_measured(config, tmp_path)

    assert summary["finish_reason"] == "finished"
    report = summary["by_source"]["hostile"]
    assert report["errors"] == {
        "too_large": 2,
        "decompression_bomb": 1,
        "timeout": 1,
        "redirect_loop": 1,
        "http_500": 1,
        "binary": 1,
        "empty": 1,
        "bad_feed": 1,
    }
    assert report["warnings"] == {"charset_mislabelled": 2, "charset_missing": 1}

    articles = stored(tmp_path / "newsmon.db")
    calm = {url for url in articles if "/calm/" in url}
    assert len(calm) == 3  # the well-behaved source was not held up
    texts = {url.rsplit("/", 1)[1]: a["text"] for url, a in articles.items()}
    for page in ("mislabelled-cp1252.html", "mislabelled-utf8.html", "no-charset.html"):
        assert ACCENTED in texts[page], (page, texts[page][:200])
    assert articles[site.url("/malformed.html")]["headline"] == "Malformed but readable"
    assert database.exists()

    # The 500 storm: the first try and two retries, each after a longer pause; then it gave up.
    tries = [hit.started for hit in site.requests_for("/storm.html")]
    assert len(tries) == 3
    pauses = [later - earlier for earlier, later in itertools.pairwise(tries)]
    # At least the backoff (0.2 s, then doubled; jitter 20 %); a busy crawl may add to it.
    assert pauses[0] >= 0.16
    assert pauses[1] >= 0.32
    assert len(site.requests_for("/loop-a.html")) + len(site.requests_for("/loop-b.html")) <= 5

    # Logged, one line each, without tracebacks.
    log = summary["stderr"]
    for needle in (
        "too_large",
        "decompression_bomb",
        "timeout",
        "redirect_loop",
        "http_500",
        "binary data",
        "empty response",
        "not an RSS or Atom feed",
    ):
        assert needle in log, needle
    assert "Traceback" not in log
    assert peak_mb < MAX_RSS_MB, f"peak RSS {peak_mb:.0f} MB"
    assert elapsed < 40
    assert gzip  # the bomb above is gzip, as servers send it
