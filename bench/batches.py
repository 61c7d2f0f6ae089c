"""The detector's figures on the project's real batches, per batch and per role.

Scores every ``tests/corpus-real*`` folder with ``newsmon eval``'s scorer and gives
each article to its batch by the ``batch-<letters>-...`` scenario that lists it (a
batch's articles are those of its titles). Events count over the scenarios whose
articles all belong to one batch. Whether a batch is read for rules or kept apart
comes from the README's batch table. It prints one line per batch, then the totals
per role: the figures the README reports for each round.

    .venv/bin/python bench/batches.py [--json OUT]

``--json`` also writes the per-article and per-scenario counts, so that two
versions of the code can be compared batch by batch.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmon.corpus import load_corpus  # noqa: E402
from newsmon.evalreport import Counts  # noqa: E402
from newsmon.evaluate import evaluate_corpus  # noqa: E402

_BATCH_SCENARIO = re.compile(r"batch-(?P<batch>[a-z]+)-")
_TABLE_ROW = re.compile(r"^\| (?P<batch>[A-Z]{1,2}) \| [^|]+ \| (?P<role>read|kept apart) \|")


def roles(readme: Path) -> dict[str, str]:
    """Each batch's role ("read" or "kept apart"), from the README's batch table."""
    found: dict[str, str] = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        if match := _TABLE_ROW.match(line):
            found[match["batch"].lower()] = match["role"]
    return found


def score_folder(folder: Path) -> dict[str, Any]:
    """Counts per article and per scenario of one corpus folder, each with its batch."""
    corpus = load_corpus(folder)
    report = evaluate_corpus(corpus)
    batch_of: dict[str, str] = {}
    for scenario in corpus.scenarios:
        if match := _BATCH_SCENARIO.match(scenario.name):
            for article in scenario.article_ids:
                batch_of.setdefault(article, match["batch"])
    scenario_batch: dict[str, str | None] = {}
    for scenario in corpus.scenarios:
        batches = {batch_of.get(article) for article in scenario.article_ids}
        scenario_batch[scenario.name] = batches.pop() if len(batches) == 1 else None
    return {
        "articles": {
            result.id: {"batch": batch_of.get(result.id), **_counts(result.counts)}
            for result in report.articles
        },
        "scenarios": {
            f"{folder.name}:{result.name}": {
                "batch": scenario_batch.get(result.name),
                **_counts(result.counts),
            }
            for result in report.scenarios
        },
    }


def _counts(counts: Counts) -> dict[str, int]:
    return {"tp": counts.tp, "fp": counts.fp, "fn": counts.fn}


def _sum(rows: list[dict[str, Any]]) -> Counts:
    total = Counts()
    for row in rows:
        total = total + Counts(row["tp"], row["fp"], row["fn"])
    return total


def _line(name: str, claims: Counts, events: Counts) -> str:
    return (
        f"{name:24} gold {claims.tp + claims.fn:5d}  claims P {claims.precision:.3f} "
        f"R {claims.recall:.3f} F1 {claims.f1:.3f}  events F1 {events.f1:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the counts to this file")
    args = parser.parse_args()
    folders = sorted(p for p in (ROOT / "tests").glob("corpus-real*") if p.is_dir())
    scored: dict[str, dict[str, Any]] = {"articles": {}, "scenarios": {}}
    with ProcessPoolExecutor(2) as pool:
        for part in pool.map(score_folder, folders):
            scored["articles"].update(part["articles"])
            scored["scenarios"].update(part["scenarios"])
    role_of = roles(ROOT / "README.md")
    by_batch: dict[str | None, dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: {"articles": [], "scenarios": []}
    )
    for kind in ("articles", "scenarios"):
        for row in scored[kind].values():
            by_batch[row["batch"]][kind].append(row)
    by_role: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: {"articles": [], "scenarios": []}
    )
    # Scenarios that mix batches (batch None) belong to no batch's figures.
    for batch in sorted((b for b in by_batch if b is not None), key=lambda b: (len(b), b)):
        rows = by_batch[batch]
        role = role_of.get(batch, "not in the table")
        name = f"{batch.upper()} ({role})"
        print(_line(name, _sum(rows["articles"]), _sum(rows["scenarios"])))
        for kind in ("articles", "scenarios"):
            by_role[role][kind].extend(rows[kind])
    print()
    for role, rows in sorted(by_role.items()):
        print(_line(role, _sum(rows["articles"]), _sum(rows["scenarios"])))
    if args.json:
        args.json.write_text(json.dumps({"roles": role_of, **scored}), encoding="utf-8")


if __name__ == "__main__":
    main()
