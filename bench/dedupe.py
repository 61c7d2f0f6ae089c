"""Per-article cost of the three dedupe layers as the store grows.

Usage (from the repository root)::

    .venv/bin/python bench/dedupe.py [--sizes 10000,100000] [--backend sqlite|postgresql]
                                     [--probes 50]

For each size, a scratch database is migrated and filled with that many
synthetic articles (rows, text fingerprints, MinHash signatures and their
LSH band keys; bulk-loaded), plus a few hundred real articles stored through
:func:`storage.ingest.ingest_article` (with a reader that finds nothing).
Then four kinds of incoming article are checked, ``--probes`` of each: a
re-fetch of a stored URL, an exact copy under a new URL, a near-duplicate
(one paragraph rewritten) and a new story.
Every probe is timed through each layer separately (canonical URL lookup,
text-fingerprint lookup, near-duplicate lookup including the MinHash of its
text), and new stories are then ingested (classified, then stored: row, search
index, signature, bands).

Target (issue 8): the per-article cost at 1M stored articles is at most
twice the cost at 10k. ``--sizes 10000,100000,1000000`` runs the 1M case
(about 10 minutes and 3 GB of scratch disk with SQLite).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import datetime as dt  # noqa: E402

from sqlalchemy import Engine  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from bench._synthetic import (  # noqa: E402
    ARTICLE_COLUMNS,
    TextMaker,
    article_rows,
    bulk_insert,
    finish_load,
    random_signature_rows,
    scratch_database,
)
from newsmon.storage.articles import NewArticle  # noqa: E402
from newsmon.storage.db import make_session_factory, unit_of_work  # noqa: E402
from newsmon.storage.dedupe import (  # noqa: E402
    DEFAULT_THRESHOLD,
    check_near_duplicate,
    check_same_article,
    check_text_hash,
)
from newsmon.storage.ingest import Reading, ingest_article  # noqa: E402
from newsmon.storage.signatures import signature_of  # noqa: E402

REAL_ARTICLES = 300
PARAGRAPHS, PARAGRAPH_WORDS = 6, 50
LAYERS = ("canonical-url", "text-hash", "near-duplicate", "all three", "store new")


def _store(session: Session, new: NewArticle) -> object:
    # The article's way in, as a crawl stores it; reading is the detector's cost, not measured here.
    return ingest_article(session, new, read=lambda _article: Reading(claims=()))


def _new(url: str, body: str) -> NewArticle:
    return NewArticle(
        source_name="bench", url=url, canonical_url=url, headline="Bench article", text=body,
        published=dt.date(2025, 1, 1), published_raw=None, published_source="page",
    )  # fmt: skip


def _story(maker: TextMaker) -> list[str]:
    return maker.texts(PARAGRAPHS, PARAGRAPH_WORDS)


def load(engine: Engine, size: int) -> tuple[sessionmaker[Session], list[tuple[str, list[str]]]]:
    started = time.perf_counter()
    backend = engine.dialect.name
    bulk_insert(
        engine,
        "articles",
        ARTICLE_COLUMNS,
        article_rows(size, texts=None, words=0, backend=backend),
    )
    signatures, bands = random_signature_rows(size)
    bulk_insert(engine, "article_signatures", ("article_id", "minhash", "shingles"), signatures)
    bulk_insert(engine, "lsh_bands", ("key", "article_id"), bands)
    finish_load(engine, ["articles"])
    sessions = make_session_factory(engine)
    maker = TextMaker(seed=size)
    real = []
    with unit_of_work(sessions) as session:
        for n in range(REAL_ARTICLES):
            url = f"https://real.test/{size}/{n}"
            paragraphs = _story(maker)
            _store(session, _new(url, "\n\n".join(paragraphs)))
            real.append((url, paragraphs))
    print(f"  loaded {size:,} articles in {time.perf_counter() - started:.0f} s", flush=True)
    return sessions, real


def probes(
    real: list[tuple[str, list[str]]], count: int, maker: TextMaker
) -> list[tuple[str, str, str]]:
    """(kind, canonical URL, text) of the incoming articles."""
    result = []
    for n in range(count):
        url, paragraphs = real[n]
        result.append(("re-fetch", url, "\n\n".join(paragraphs)))
        result.append(("exact copy", f"https://copy.test/{n}", "\n\n".join(paragraphs)))
        url, paragraphs = real[count + n]
        changed = [*paragraphs[:-1], maker.texts(1, PARAGRAPH_WORDS)[0]]
        result.append(("near copy", f"https://near.test/{n}", "\n\n".join(changed)))
        result.append(("new story", f"https://new.test/{n}", "\n\n".join(_story(maker))))
    return result


def _timed(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def measure(
    sessions: sessionmaker[Session], cases: list[tuple[str, str, str]]
) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {layer: [] for layer in LAYERS}
    wrong: list[str] = []
    with sessions() as session:
        for kind, url, body in cases:
            signature_of.cache_clear()
            t1, same = _timed(partial(check_same_article, session, canonical_url=url, text=body))
            t2, exact = _timed(partial(check_text_hash, session, text=body))
            t3, near = _timed(
                partial(check_near_duplicate, session, text=body, threshold=DEFAULT_THRESHOLD)
            )
            expected = {"re-fetch": same, "exact copy": exact, "near copy": near}.get(kind)
            if (expected is None) if kind != "new story" else (near is not None):
                wrong.append(kind)
            for layer, ms in zip(LAYERS, (t1, t2, t3, t1 + t2 + t3), strict=False):
                times[layer].append(ms)
    for kind, url, body in cases:
        if kind == "new story":
            with unit_of_work(sessions) as session:
                ms, _ = _timed(partial(_store, session, _new(url, body)))
            times["store new"].append(ms)
    if wrong:
        print(f"  not recognised as what they are: {', '.join(wrong)}")
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="stored articles, comma-separated")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--probes", type=int, default=50, help="probes of each kind per size")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results: dict[int, dict[str, list[float]]] = {}
    for size in sizes:
        print(f"{args.backend}: {size:,} stored articles", flush=True)
        with scratch_database(args.backend) as engine:
            sessions, real = load(engine, size)
            cases = probes(real, args.probes, TextMaker(seed=size + 1))
            measure(sessions, cases[:8])  # warm-up: imports, caches, prepared plans
            results[size] = measure(sessions, cases[8:])

    print(f"\nper-article cost, ms (mean / p95), {args.backend}, {4 * args.probes} probes per size")
    print(f"{'stored':>10} " + " ".join(f"{layer:>18}" for layer in LAYERS))
    for size, times in results.items():
        cells = [f"{statistics.mean(t):7.2f} / {p95(t):7.2f}" for t in times.values()]
        print(f"{size:>10,} " + " ".join(f"{cell:>18}" for cell in cells))
    if len(sizes) > 1:
        first, last = results[sizes[0]]["all three"], results[sizes[-1]]["all three"]
        ratio = statistics.mean(last) / statistics.mean(first)
        verdict = "meets" if ratio <= 2 else "misses"
        print(
            f"\nall three layers at {sizes[-1]:,} / at {sizes[0]:,}: {ratio:.2f}x "
            f"({verdict} the target of at most 2x)"
        )


if __name__ == "__main__":
    main()
