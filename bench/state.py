"""Cost of applying one claim to a production, with few and with many earlier claims.

Usage (from the repository root)::

    .venv/bin/python bench/state.py [--sizes 300,30000] [--backend sqlite|postgresql]
                                    [--probes 30]

For each size, a scratch database is migrated and given that many earlier
claims about one production's stage (bulk-loaded, dates one day apart) and
the state they fold to. Then ``--probes`` articles are applied one by one,
each in its own unit of work (``storage.state.apply_claims`` and the
commit): first claims dated after every earlier one (the usual case, weighed
against the stored state alone), then claims dated among the earlier ones
(out of order: the facet is refolded from its rows). Median milliseconds.

Target: the usual case costs at most twice as much at 30,000 earlier claims
as at 300.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import Engine, insert, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from bench._synthetic import scratch_database  # noqa: E402
from newsmon.detector.fold import fold_facet  # noqa: E402
from newsmon.detector.model import STAGES, Certainty, Claim  # noqa: E402
from newsmon.storage.articles import add_article  # noqa: E402
from newsmon.storage.db import make_session_factory, unit_of_work  # noqa: E402
from newsmon.storage.models import Article, ClaimRow, ProductionState  # noqa: E402
from newsmon.storage.state import apply_claims, production_key  # noqa: E402

SHOW, SEASON = "Harrow Point", 1
START = dt.date(1900, 1, 1)


def _claim(day: int, value: str) -> Claim:
    return Claim(
        show=SHOW,
        season=SEASON,
        facet="stage",
        value=value,
        certainty=Certainty.confirmed,
        as_of=(START + dt.timedelta(days=day)).isoformat(),
        evidence=f"{SHOW} is {value} (day {day}).",
        rule_id="bench.state",
    )


def _load(engine: Engine, size: int) -> None:
    """``size`` earlier claims, two days apart, and the state they fold to."""
    sessions = make_session_factory(engine)
    earlier = [_claim(2 * day, STAGES[day % 5]) for day in range(size)]
    with unit_of_work(sessions) as session:
        article = _article(session, "earlier")
        rows = [
            {
                "article_id": article.id, "show": c.show, "season": c.season, "facet": c.facet,
                "value": c.value, "certainty": c.certainty.name, "as_of": c.as_of,
                "evidence": c.evidence, "rule_id": c.rule_id,
            }
            for c in earlier
        ]  # fmt: skip
        ids = list(session.scalars(insert(ClaimRow).returning(ClaimRow.id), rows))
        folded = fold_facet(earlier)
        session.execute(
            insert(ProductionState),
            [
                {
                    "production_key": production_key(SHOW, SEASON), "show": SHOW,
                    "season": SEASON, "facet": "stage", "value": folded.holder.value,
                    "certainty": folded.holder.certainty.name, "as_of": folded.holder.as_of,
                    "claim_id": ids[earlier.index(folded.holder)],
                    "latest_as_of": folded.latest_as_of,
                    "latest_certainty": folded.latest_certainty.name,
                }
            ],
        )  # fmt: skip
    with engine.connect() as conn:
        # What autovacuum does after a bulk load: planner statistics.
        conn.execute(text("ANALYZE"))
        conn.commit()


def _article(session: Session, name: str) -> Article:
    return add_article(
        session,
        source_name="bench",
        url=f"http://127.0.0.1/{name}",
        canonical_url=f"http://127.0.0.1/{name}",
        headline=name,
        text=f"text of {name}",
        published=dt.date(2025, 1, 1),
        published_raw=None,
        published_source="page",
        detected_at=dt.datetime.now(dt.UTC),
    )


def _apply(engine: Engine, name: str, claim: Claim) -> float:
    """Milliseconds to apply one claim and commit (the article is stored beforehand)."""
    sessions = make_session_factory(engine)
    with unit_of_work(sessions) as session:
        article_id = _article(session, name).id
    with sessions() as session:
        article = session.get_one(Article, article_id)
        started = time.perf_counter()
        apply_claims(
            session, article=article, claims=[claim], route=lambda _e: [], first_reading=True
        )
        session.commit()
        return (time.perf_counter() - started) * 1000


def measure(backend: str, size: int, probes: int) -> tuple[float, float]:
    """Median ms of an in-order claim and of an out-of-order claim, with ``size`` earlier."""
    with scratch_database(backend) as engine:
        _load(engine, size)
        in_order = [
            _apply(engine, f"new-{n}", _claim(2 * size + n, STAGES[n % 5])) for n in range(probes)
        ]
        late = [
            _apply(engine, f"late-{n}", _claim(2 * (size // 2) + 1, STAGES[n % 5]))
            for n in range(probes)
        ]
    return statistics.median(in_order), statistics.median(late)


def main() -> None:
    """Print the cost per size, and the ratio of the largest size to the smallest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,30000")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--probes", type=int, default=30)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {}
    print(f"backend {args.backend}, {args.probes} probes, median ms per claim applied")
    print(f"{'earlier claims':>15} {'in order':>10} {'out of order':>13}")
    for size in sizes:
        results[size] = measure(args.backend, size, args.probes)
        print(f"{size:>15} {results[size][0]:>10.2f} {results[size][1]:>13.2f}")
    smallest, largest = results[sizes[0]][0], results[sizes[-1]][0]
    print(f"in order: {largest / smallest:.2f}x the cost at {sizes[-1]} as at {sizes[0]}")


if __name__ == "__main__":
    main()
