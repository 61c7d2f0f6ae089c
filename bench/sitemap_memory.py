"""Peak memory of a crawl reading one huge sitemap of recent articles.

Usage (from the repository root)::

    .venv/bin/python bench/sitemap_memory.py [--megabytes 50] [--time-limit 60]

A sitemap of ``--megabytes`` MB of recent article URLs (about 10,000 per MB)
is served on 127.0.0.1 with small article pages, and ``newsmon crawl`` reads
it on a scratch SQLite store as a child process, stopped by ``--time-limit``
(the point is the sitemap, not fetching every page). The child's peak
resident memory (``ru_maxrss``) is printed with the sitemap's size, its URL
count, the pages fetched and the time taken. Target: under 300 MB for a
50 MB sitemap (the protocol's maximum).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newsmon.localsite.server import serve_get  # noqa: E402

ARTICLE = (
    b"<!doctype html><html lang='en'><head><title>Story</title></head><body><article>"
    b"<h1>Story</h1><p>"
    + b"A story about a show that is filming its second season in the north. " * 8
    + b"</p></article></body></html>"
)


def make_sitemap(base: str, megabytes: float) -> tuple[bytes, int]:
    """A urlset of about ``megabytes`` MB of URLs dated today, and its URL count."""
    day = dt.datetime.now(dt.UTC).date().isoformat()
    head = b'<?xml version="1.0" encoding="UTF-8"?>'
    head += b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    parts = [head]
    size, count = len(head), 0
    while size < megabytes * 1024 * 1024:
        entry = f"<url><loc>{base}/news/{count:07d}.html</loc><lastmod>{day}</lastmod></url>\n"
        parts.append(entry.encode())
        size += len(entry)
        count += 1
    parts.append(b"</urlset>")
    return b"".join(parts), count


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()

    sitemap: list[bytes] = []

    def respond(path: str) -> tuple[int, str, bytes]:
        if path == "/sitemap.xml":
            return 200, "application/xml", sitemap[0]
        if path.startswith("/news/"):
            return 200, "text/html; charset=utf-8", ARTICLE
        return 404, "text/plain", b"not found"

    hits: Counter[str] = Counter()
    server = serve_get(respond, hits)
    body, count = make_sitemap(server.base_url, args.megabytes)
    sitemap.append(body)
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "newsmon.yaml"
        config.write_text(
            yaml.safe_dump(
                {
                    "database_url": f"sqlite:///{scratch}/bench.db",
                    "sources": [{"name": "huge", "sitemaps": [f"{server.base_url}/sitemap.xml"]}],
                    "crawl": {
                        "autothrottle": False,
                        "obey_robots_txt": False,
                        "concurrent_requests_per_domain": 16,
                        "max_sitemap_bytes": int((args.megabytes + 1) * 1024 * 1024),
                    },
                }
            )
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
        command = [sys.executable, "-m", "newsmon", "--config", str(config), "crawl"]
        command += ["--json", "--no-send", "--time-limit", f"{args.time_limit:g}"]
        started = time.monotonic()
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, cwd=REPO, check=False
        )
        seconds = time.monotonic() - started
    server.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pages = "?"
    lines = done.stdout.strip().splitlines()
    if lines:
        summary = json.loads(lines[-1])
        pages = str(sum(source["pages"] for source in summary["sources"]))
    print(f"sitemap: {len(body) / 1024 / 1024:.1f} MB, {count} URLs")
    print(f"crawl: exit {done.returncode}, {seconds:.1f} s, {pages} pages read")
    print(f"peak RSS of the crawl process: {peak_mb:.0f} MB (target: under 300 MB)")
    if done.returncode not in (0, 1):
        print(done.stderr[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
