"""Wall time of one crawler process against a seeding crawl plus workers on a shared queue.

Usage (from the repository root)::

    .venv/bin/python bench/distributed.py [--articles 1000] [--rounds 2] [--workers 2]
                                          [--concurrency 16] [--latency 0]

A local site of ``--articles`` status articles (``tests/service/statussite.py``:
six catalog productions, many articles about each, so concurrent writers
meet on the same productions) is crawled, in interleaved runs, on a fresh
PostgreSQL database each time:

- ``single``: one ``newsmon crawl`` process, no Redis;
- ``shared``: ``--workers`` ``newsmon crawl --worker`` processes, started
  and waiting on an empty Redis queue first (as they would be in a
  deployment), then one seeding ``newsmon crawl`` of the source.

For each run it prints the time from the start of the (seeding) crawl to
the last article committed (``stored``) and to the exit of that crawl
(``exit``; a seeding crawl waits ``NEWSMON_POLL_IDLE_EXIT`` seconds on the
empty queue before it ends), each process's share of the pages, and then
the median ratio shared / single. Both crawls must store every article and
the same number of claims and change events, or the run is reported as a
failure. ``--latency`` adds that many seconds to every article response,
as a remote site would.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from bench._synthetic import POSTGRES_ADMIN_URL  # noqa: E402
from newsmon.storage.db import open_database  # noqa: E402
from newsmon.storage.models import Article, ChangeEvent, ClaimRow  # noqa: E402
from tests.conftest import create_postgres_database, drop_postgres_database  # noqa: E402
from tests.service.statussite import StatusSite  # noqa: E402

REDIS_URL = os.environ.get("NEWSMON_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
CATALOG = REPO.parent / "shared" / "corpus" / "catalog.yaml"


class _Site(StatusSite):
    def __init__(self, count: int, latency: float):
        super().__init__(count)
        self.latency = latency

    def respond(self, path: str) -> tuple[int, str, bytes]:
        if self.latency and path.startswith("/status/"):
            time.sleep(self.latency)
        return super().respond(path)


@dataclass
class Run:
    """One timed crawl."""

    kind: str
    stored: float
    exit: float
    shares: list[int]
    articles: int
    claims: int
    events: int


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}


def _newsmon(config: Path, *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(config), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL if log is None else log.open("wb"),
        env=_env(),
    )


def _pages(process: subprocess.Popen[bytes]) -> int:
    out, _ = process.communicate(timeout=1800)
    if process.returncode != 0:
        raise SystemExit(f"a crawl process failed with exit code {process.returncode}")
    summary = json.loads(out.decode().strip().splitlines()[-1])
    return int(sum(source["pages"] for source in summary["sources"]))


def _config(folder: Path, database_url: str, site: StatusSite, args: argparse.Namespace,
            prefix: str | None) -> Path:  # fmt: skip
    settings: dict[str, Any] = {
        "database_url": database_url,
        "catalog": str(CATALOG),
        "sources": [{"name": "status", "sitemaps": [site.sitemap_url], "since": 400 * 86400}],
        "crawl": {
            "autothrottle": False,
            "concurrent_requests_per_domain": args.concurrency,
            "retry_times": 0,
            "download_timeout": 60,
        },
    }
    if prefix is not None:
        settings["redis_url"] = REDIS_URL
        settings["service"] = {"redis_key_prefix": prefix}
    path = folder / f"newsmon-{uuid.uuid4().hex[:6]}.yaml"
    path.write_text(yaml.safe_dump(settings))
    subprocess.run(
        [sys.executable, "-m", "newsmon", "--config", str(path), "db", "upgrade"],
        check=True,
        capture_output=True,
        env=_env(),
    )
    return path


def _wait_until_open(logs: list[Path]) -> None:
    deadline = time.monotonic() + 120
    while not all(b"Spider opened" in log.read_bytes() for log in logs):
        if time.monotonic() > deadline:
            raise SystemExit("the workers did not start within 120 s")
        time.sleep(0.1)


def _counts(database_url: str) -> tuple[int, int, int, float]:
    """Articles, claims, events, and the epoch second the last article was committed."""
    engine, sessions = open_database(database_url)
    with sessions() as session:
        articles = session.scalar(select(func.count(Article.id))) or 0
        claims = session.scalar(select(func.count(ClaimRow.id))) or 0
        events = session.scalar(select(func.count(ChangeEvent.id))) or 0
        last = session.scalar(select(func.max(Article.detected_at)))
    engine.dispose()
    return articles, claims, events, last.timestamp() if last is not None else 0.0


def _run(kind: str, site: StatusSite, args: argparse.Namespace, folder: Path) -> Run:
    database_url = create_postgres_database(POSTGRES_ADMIN_URL)
    prefix = f"newsmon-bench-{uuid.uuid4().hex[:10]}" if kind == "shared" else None
    try:
        config = _config(folder, database_url, site, args, prefix)
        workers: list[subprocess.Popen[bytes]] = []
        if prefix is not None:
            logs = [folder / f"worker-{uuid.uuid4().hex[:6]}.log" for _ in range(args.workers)]
            workers = [
                _newsmon(config, "-v", "crawl", "--worker", "--idle-exit", "15", "--no-send",
                         "--json", log=log)
                for log in logs
            ]  # fmt: skip
            _wait_until_open(logs)
        started, wall = time.monotonic(), time.time()
        crawl = _newsmon(config, "crawl", "--source", "status", "--no-send", "--json")
        shares = [_pages(crawl)]
        ended = time.monotonic() - started
        shares += [_pages(worker) for worker in workers]
        articles, claims, events, last = _counts(database_url)
        return Run(kind, last - wall, ended, shares, articles, claims, events)
    finally:
        drop_postgres_database(POSTGRES_ADMIN_URL, database_url)
        if prefix is not None:
            import redis

            client = redis.Redis.from_url(REDIS_URL)
            for key in client.scan_iter(match=f"{prefix}:*", count=1000):
                client.delete(key)
            client.close()


def main() -> None:
    """Run the interleaved crawls and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    if not CATALOG.is_file():
        raise SystemExit(f"{CATALOG}: missing; the benchmark reads ../shared beside the clone")
    site = _Site(args.articles, args.latency).start()
    runs: list[Run] = []
    print(f"{args.articles} articles, {os.cpu_count()} cores, concurrency {args.concurrency}, "
          f"latency {args.latency} s, {args.workers} workers + 1 seeding crawl")  # fmt: skip
    try:
        with tempfile.TemporaryDirectory(prefix="newsmon-bench-") as folder:
            for round_number in range(args.rounds):
                order = ["single", "shared"] if round_number % 2 == 0 else ["shared", "single"]
                for kind in order:
                    run = _run(kind, site, args, Path(folder))
                    runs.append(run)
                    print(
                        f"{kind:6}  stored {run.stored:6.1f} s  exit {run.exit:6.1f} s  "
                        f"pages {run.shares}  articles {run.articles}  claims {run.claims}  "
                        f"events {run.events}",
                        flush=True,
                    )
    finally:
        site.stop()
    single = [r for r in runs if r.kind == "single"]
    shared = [r for r in runs if r.kind == "shared"]
    expected = {(r.articles, r.claims, r.events) for r in single}
    if any((r.articles, r.claims, r.events) not in expected for r in shared) or len(expected) != 1:
        print("FAILURE: the crawls did not store the same articles, claims and events")
    for field in ("stored", "exit"):
        one = statistics.median(getattr(r, field) for r in single)
        many = statistics.median(getattr(r, field) for r in shared)
        print(f"median {field}: single {one:.1f} s, shared {many:.1f} s, "
              f"shared/single {many / one:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
