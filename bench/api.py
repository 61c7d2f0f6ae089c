"""Latency of the web page and JSON API over HTTP on a large store (issue 7).

Usage (from the repository root)::

    .venv/bin/python bench/api.py [--articles 1000000] [--events 100000]
                                  [--claims 300000] [--shows 1000]
                                  [--backends sqlite,postgresql] [--runs 100]

A scratch database per backend is migrated and bulk-loaded with the same
synthetic store as ``bench/history.py`` (articles with an 80-word text from a
made-up vocabulary, claims, change events and current state of ``--shows``
shows), or reuses a kept one given by ``--database-url``. ``newsmon serve``
then runs as its own process on 127.0.0.1, exactly as a user starts it, and
an HTTP client asks, ``--runs`` times each, one request after another:

- dashboard: ``/`` (the page: every show followed, first 50, newest change
  first) and ``/api/v1/shows?limit=50``;
- timeline: ``/shows/<random show>`` and ``/api/v1/shows/<show>/timeline``;
- search: ``/articles?q=<one or two words>`` and ``/api/v1/articles?q=...``.

Target: p95 under 100 ms each at 1M articles and 100k events. Smaller sizes
(``--articles 100000 --events 10000``) load in seconds for a quick look.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from sqlalchemy import Engine, text  # noqa: E402

from bench._synthetic import TextMaker  # noqa: E402
from bench.history import loaded, store_arguments  # noqa: E402

TARGET_MS = 100.0
WARMUP = 5


@contextmanager
def serving(engine: Engine) -> Iterator[str]:
    """Run ``newsmon serve`` on the loaded store in its own process, on a free loopback port."""
    url = engine.url.render_as_string(hide_password=False)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / "newsmon.yaml"
        config.write_text(f"database_url: {url}\n")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsmon",
                "--config",
                str(config),
                "serve",
                "--port",
                str(port),
            ],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, server)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"newsmon serve exited with code {server.returncode}")
        try:
            httpx.get(f"{base}/api/v1/openapi.json", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("newsmon serve did not start within 60 s")


def stored_shows(engine: Engine) -> list[str]:
    """Return the titles of the shows in the loaded store."""
    with engine.connect() as connection:
        return list(connection.scalars(text("SELECT DISTINCT show FROM production_state")))


def workloads(shows: list[str]) -> dict[str, Callable[[random.Random], str]]:
    """Return request paths by name, each drawn with the given random generator."""
    middling = list(TextMaker(seed=1).words[200:3000])

    def words(rng: random.Random) -> str:
        return quote(" ".join(rng.sample(middling, rng.choice((1, 2)))))

    return {
        "dashboard page": lambda rng: "/",
        "dashboard API": lambda rng: "/api/v1/shows?limit=50",
        "timeline page": lambda rng: "/shows/" + quote(rng.choice(shows), safe=""),
        "timeline API": lambda rng: f"/api/v1/shows/{quote(rng.choice(shows), safe='')}/timeline",
        "search page": lambda rng: f"/articles?q={words(rng)}",
        "search API": lambda rng: f"/api/v1/articles?q={words(rng)}&limit=50",
    }


def measure(base: str, shows: list[str], runs: int) -> dict[str, tuple[float, float, int]]:
    """Return p50, p95 (ms) and mean response size (bytes) of each workload."""
    rng = random.Random(9)
    results = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for name, path_of in workloads(shows).items():
            times, sizes = [], []
            for attempt in range(runs + WARMUP):
                path = path_of(rng)
                started = time.perf_counter()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code}: {response.text[:300]}")
                if attempt >= WARMUP:  # the first requests warm caches
                    times.append(elapsed)
                    sizes.append(len(response.content))
            results[name] = (
                statistics.median(times),
                statistics.quantiles(times, n=20)[-1],
                round(statistics.mean(sizes)),
            )
    return results


def main() -> None:
    """Load, serve, measure, print a table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    store_arguments(parser, runs=100)
    args = parser.parse_args()
    report = {}
    for backend_or_url in args.database_url or args.backends.split(","):
        with loaded(backend_or_url, args) as engine:
            backend = engine.dialect.name
            shows = stored_shows(engine)
            with serving(engine) as base:
                report[backend] = measure(base, shows, args.runs)
    print(
        f"\n{args.articles:,} articles, {args.claims:,} claims, {args.events:,} events, "
        f"{args.shows:,} shows; {args.runs} requests each over HTTP; ms"
    )
    print(
        f"{'request':<16} {'backend':<11} {'p50':>8} {'p95':>8} {'bytes':>8}  target p95 < 100 ms"
    )
    for backend, results in report.items():
        for name, (p50, p95, size) in results.items():
            mark = "ok" if p95 < TARGET_MS else "MISSED"
            print(f"{name:<16} {backend:<11} {p50:8.1f} {p95:8.1f} {size:>8}  {mark}")


if __name__ == "__main__":
    main()
