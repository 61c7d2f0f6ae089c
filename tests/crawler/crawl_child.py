"""Run one real crawl in a child process and report it as JSON on stdout.

Twisted's reactor runs once per process, so tests start this module with
``python -m tests.crawler.crawl_child REQUEST.json`` instead of crawling
inside pytest. The request holds ``sources`` (SourceConfig dicts),
``items_path`` (where the collected items are written as JSON lines) and
``database_url``. No item pipelines run; Scrapy's feed export collects items.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
from pathlib import Path

from crawler.run import run_crawl
from newsmon.config import Settings


def main(request_path: str) -> int:
    """Crawl as the request says; print the summary and a second-call check."""
    # As `newsmon crawl` does without -v: only warnings and errors are wanted.
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    request = json.loads(Path(request_path).read_text(encoding="utf-8"))
    settings = Settings(database_url=request["database_url"], sources=request["sources"])
    summary = run_crawl(
        settings,
        extra={
            "ITEM_PIPELINES": {},
            "FEEDS": {Path(request["items_path"]).as_uri(): {"format": "jsonlines"}},
            "AUTOTHROTTLE_ENABLED": False,
            "RETRY_ENABLED": False,
            "DOWNLOAD_TIMEOUT": 10,
        },
    )
    try:
        run_crawl(settings)
        second_call = "allowed"
    except RuntimeError as exc:
        second_call = str(exc)
    print(json.dumps({"summary": dataclasses.asdict(summary), "second_call": second_call}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
