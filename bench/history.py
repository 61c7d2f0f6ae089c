"""Latency of the history queries on a large store, SQLite and PostgreSQL.

Usage (from the repository root)::

    .venv/bin/python bench/history.py [--articles 1000000] [--events 100000]
                                      [--claims 300000] [--shows 1000]
                                      [--backends sqlite,postgresql] [--runs 50]

A scratch database per backend is migrated and bulk-loaded with synthetic
articles (headline and an 80-word text from a made-up vocabulary with a
Zipf-like word frequency, published over two years), claims about
``--shows`` shows, change events detected over the same two years, and the
current state of every production. Then the functions behind the CLI run
``--runs`` times each with varying arguments, as ``newsmon`` calls them:

- ``status``: :func:`storage.browse.status` (every production);
- ``history SHOW``: :func:`storage.browse.show_timeline` for a random show
  (its stored spelling found first, as the CLI does);
- ``events --since``: :func:`storage.browse.event_page` since a random day, unpaged;
- ``articles --search``: :func:`storage.browse_articles.article_ids` and
  ``article_rows`` (without text), as the CLI lists them, with one or two
  random words, rare ones (like names) and common ones (each in 0.3% to 4%
  of the articles);
- ``articles``: the newest 200.

Target (issue 8): p95 under 50 ms each at 1M articles and 100k events.
Loading takes about 4 minutes per backend at the default sizes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import Engine, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench._synthetic import (  # noqa: E402
    ARTICLE_COLUMNS,
    EPOCH,
    TextMaker,
    article_rows,
    bulk_insert,
    finish_load,
    scratch_database,
)
from newsmon.storage import browse, browse_articles  # noqa: E402
from newsmon.storage.db import make_engine, make_session_factory, upgrade  # noqa: E402

STAGES = ["announced", "pre_production", "filming", "wrapped", "post_production", "released"]
SPAN_DAYS = 730


def _stamp(moment: dt.datetime, backend: str) -> Any:
    if backend == "postgresql":
        return moment.replace(tzinfo=dt.UTC)
    return moment.isoformat(" ", "microseconds")


def show_names(count: int, maker: TextMaker) -> list[str]:
    names = dict.fromkeys(f"The {w.title()} Files {i}" for i, w in enumerate(maker.words[:count]))
    return list(names)


def claim_rows(
    count: int, articles: int, shows: list[str], backend: str
) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(5)
    for claim_id in range(1, count + 1):
        show = rng.choice(shows)
        facet = rng.choice(("stage", "release"))
        value = rng.choice(STAGES) if facet == "stage" else f"202{rng.randint(4, 7)}"
        day = EPOCH + dt.timedelta(days=rng.randrange(SPAN_DAYS))
        yield (
            claim_id, rng.randint(1, articles), show, rng.randint(1, 3), facet, value,
            "confirmed", day.date().isoformat(), f"{show} is {value}, the studio said.",
            "bench.rule", _stamp(day, backend),
        )  # fmt: skip


def event_rows(
    count: int, claims: int, articles: int, shows: list[str], backend: str
) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(6)
    step = SPAN_DAYS * 86400 / count
    for event_id in range(1, count + 1):
        show = rng.choice(shows)
        detected = EPOCH + dt.timedelta(seconds=event_id * step)
        old, new = rng.sample(STAGES, 2)
        yield (
            event_id, show, rng.randint(1, 3), "stage", old, new, "confirmed",
            detected.date().isoformat(), f"{show} moved from {old} to {new}.", "bench.rule",
            rng.randint(1, claims), rng.randint(1, articles), _stamp(detected, backend),
        )  # fmt: skip


def state_rows(shows: list[str], claims: int, backend: str) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(7)
    state_id = 0
    for show in shows:
        for season in range(1, rng.randint(1, 3) + 1):
            for facet, value in (("stage", rng.choice(STAGES)), ("release", "2026")):
                state_id += 1
                moment = EPOCH + dt.timedelta(days=rng.randrange(SPAN_DAYS))
                yield (
                    state_id, f"{show}|{season}", show, season, facet, value, "confirmed",
                    moment.date().isoformat(), rng.randint(1, claims), _stamp(moment, backend),
                )  # fmt: skip


def load(engine: Engine, args: argparse.Namespace) -> None:
    backend = engine.dialect.name
    maker = TextMaker(seed=1)
    shows = show_names(args.shows, maker)
    started = time.perf_counter()
    if backend == "postgresql":
        # Build the search index once after loading rather than row by row.
        with engine.begin() as conn:
            conn.execute(text("DROP INDEX ix_articles_search_vector"))
    bulk_insert(
        engine,
        "articles",
        ARTICLE_COLUMNS,
        article_rows(args.articles, texts=maker, words=80, backend=backend),
    )
    if backend == "postgresql":
        with engine.begin() as conn:
            conn.execute(
                text("CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)")
            )
    print(f"  {args.articles:,} articles in {time.perf_counter() - started:.0f} s", flush=True)
    bulk_insert(
        engine,
        "claims",
        (
            "id",
            "article_id",
            "show",
            "season",
            "facet",
            "value",
            "certainty",
            "as_of",
            "evidence",
            "rule_id",
            "created_at",
        ),
        claim_rows(args.claims, args.articles, shows, backend),
    )
    bulk_insert(
        engine,
        "change_events",
        (
            "id",
            "show",
            "season",
            "facet",
            "from_value",
            "to_value",
            "certainty",
            "as_of",
            "evidence",
            "rule_id",
            "claim_id",
            "article_id",
            "detected_at",
        ),
        event_rows(args.events, args.claims, args.articles, shows, backend),
    )
    bulk_insert(
        engine,
        "production_state",
        (
            "id",
            "production_key",
            "show",
            "season",
            "facet",
            "value",
            "certainty",
            "as_of",
            "claim_id",
            "updated_at",
        ),
        state_rows(shows, args.claims, backend),
    )
    finish_load(engine, ["articles", "claims", "change_events", "production_state"])
    print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)


Workload = Callable[[Session, random.Random], object]


def workloads(shows: list[str], maker: TextMaker) -> dict[str, Workload]:
    common = list(maker.words[200:3000])  # each in 0.3% to 4% of the articles
    rare = list(maker.words[3000:20000])  # like names: each in under 0.3%
    end = EPOCH + dt.timedelta(days=SPAN_DAYS)

    def listing(session: Session, search: str | None) -> object:
        ids = browse_articles.article_ids(session, search=search)
        return browse_articles.article_rows(session, ids, with_text=False)

    def search(words: list[str]) -> Workload:
        def run(session: Session, rng: random.Random) -> object:
            return listing(session, " ".join(rng.sample(words, rng.choice((1, 2)))))

        return run

    def timeline(session: Session, rng: random.Random) -> object:
        stored = browse.resolve_show(session, rng.choice(shows).lower())
        return browse.show_timeline(session, stored) if stored else []

    return {
        "status": lambda session, rng: browse.status(session),
        "history SHOW": timeline,
        "events --since": lambda session, rng: browse.event_page(
            session,
            since=(end - dt.timedelta(days=rng.uniform(0.5, 2))).replace(tzinfo=dt.UTC),
            limit=None,
        )[0],
        "search (rare word)": search(rare),
        "search (common)": search(common),
        "articles (newest)": lambda session, rng: listing(session, None),
    }


def run(engine: Engine, shows: list[str], runs: int) -> dict[str, tuple[float, ...]]:
    """Per workload: wall-clock p50 and p95, this process's CPU p50 (ms), rows returned."""
    sessions = make_session_factory(engine)
    rng = random.Random(9)
    results: dict[str, tuple[float, ...]] = {}
    for name, work in workloads(shows, TextMaker(seed=1)).items():
        wall, cpu, sizes = [], [], []
        for attempt in range(runs + 3):
            with sessions() as session:
                started, started_cpu = time.perf_counter(), time.process_time()
                found = work(session, rng)
                elapsed, elapsed_cpu = (
                    time.perf_counter() - started,
                    time.process_time() - started_cpu,
                )
            if attempt >= 3:  # the first runs warm caches
                wall.append(elapsed * 1000)
                cpu.append(elapsed_cpu * 1000)
                sizes.append(len(found) if isinstance(found, list) else 0)
        results[name] = (
            statistics.median(wall), statistics.quantiles(wall, n=20)[-1],
            statistics.median(cpu), round(statistics.mean(sizes)),
        )  # fmt: skip
    return results


@contextlib.contextmanager
def database(backend_or_url: str) -> Iterator[Engine]:
    """A scratch database for a backend name, or the database at a URL, migrated."""
    if "://" not in backend_or_url:
        with scratch_database(backend_or_url) as engine:
            yield engine
        return
    engine = make_engine(backend_or_url)
    upgrade(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def store_arguments(parser: argparse.ArgumentParser, *, runs: int) -> None:
    """Add the options that size (or name) the store a benchmark runs on."""
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=300_000)
    parser.add_argument("--shows", type=int, default=1000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument(
        "--database-url",
        action="append",
        default=[],
        help="use this database instead of a scratch one, loading it only if it has no "
        "articles, and keep it (repeat for several backends)",
    )


@contextlib.contextmanager
def loaded(backend_or_url: str, args: argparse.Namespace) -> Iterator[Engine]:
    """The benchmark store: loaded now, unless the database already holds articles."""
    with database(backend_or_url) as engine:
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM articles")).scalar_one()
        if stored:
            print(f"{engine.dialect.name}: reusing {stored:,} stored articles", flush=True)
        else:
            print(f"{engine.dialect.name}: loading", flush=True)
            load(engine, args)
        yield engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    store_arguments(parser, runs=50)
    args = parser.parse_args()
    report: dict[str, dict[str, tuple[float, ...]]] = {}
    for backend_or_url in args.database_url or args.backends.split(","):
        with loaded(backend_or_url, args) as engine:
            backend = engine.dialect.name
            report[backend] = run(engine, show_names(args.shows, TextMaker(seed=1)), args.runs)
    print(
        f"\n{args.articles:,} articles, {args.claims:,} claims, {args.events:,} events, "
        f"{args.shows:,} shows; {args.runs} runs each; ms"
    )
    print(
        f"{'query':<20} {'backend':<11} {'p50':>7} {'p95':>7} {'cpu p50':>8} {'rows':>5}  p95 < 50"
    )
    for backend, results in report.items():
        for name, (p50, p95, cpu, rows) in results.items():
            mark = "ok" if p95 < 50 else "MISSED"
            print(f"{name:<20} {backend:<11} {p50:7.1f} {p95:7.1f} {cpu:8.1f} {rows:>5}  {mark}")
    print(
        "cpu p50: CPU time of this process alone (for PostgreSQL, without the server's);"
        f" load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
