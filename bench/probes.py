"""How many of the phrasing probes the detector reads as labelled.

The probes in ``bench/probes/*.yaml`` are short texts in the project's own words, one
file per kind of reporting (halts and wraps, seasons and premieres, release dates and
slates, hedges and announcements, British usage, a film's life), each labelled from
``../shared/corpus/FORMAT.md`` before the detector read it. They use the titles of
``tests/detector/cases.yaml``'s catalog and its case format. Unlike those cases, not
every probe passes: a probe that fails is a phrasing the rules do not read yet, so the
figures say how much of the press's everyday language the rules cover.

    .venv/bin/python bench/probes.py [--misses] [FILE ...]

``--misses`` prints each probe that differs, with what the detector gave.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmon.detector.analyze import analyze  # noqa: E402
from newsmon.detector.catalog import Catalog  # noqa: E402
from tests.detector.casefile import case_article, describe  # noqa: E402

PROBES = ROOT / "bench" / "probes"
CASES = ROOT / "tests" / "detector" / "cases.yaml"


def read_probe(probe: dict[str, Any], catalog: Catalog) -> tuple[bool, list[str]]:
    """Whether the detector gives exactly the probe's claims, and what it gave."""
    claims = analyze(case_article(probe, site="probes.test"), catalog)
    expected: list[str] = probe["claims"]
    found = [f"{describe(c, with_as_of=True)} ({c.rule_id})" for c in claims]
    # Each label takes one claim it describes, in any order; a label without as_of
    # leaves the claim's as_of unjudged.
    left = list(claims)
    for label in expected:
        with_as_of = len(label.split("|")) == 6
        hit = next((c for c in left if describe(c, with_as_of=with_as_of) == label), None)
        if hit is None:
            return False, found
        left.remove(hit)
    return not left, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="probe files (default: all)")
    parser.add_argument("--misses", action="store_true", help="print each probe that differs")
    args = parser.parse_args()
    catalog_entries = yaml.safe_load(CASES.read_text(encoding="utf-8"))["catalog"]
    catalog = Catalog.from_entries(catalog_entries, source=str(CASES))
    files = args.files or sorted(PROBES.glob("*.yaml"))
    total = passed = 0
    for path in files:
        probes = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        right = 0
        for probe in probes:
            ok, found = read_probe(probe, catalog)
            right += ok
            if not ok and args.misses:
                print(f"{path.stem}: {probe['id']}")
                print(f"  text:     {probe.get('headline', '')} {probe.get('text', '')}".rstrip())
                print(f"  labelled: {probe['claims']}")
                print(f"  read:     {found}")
        print(f"{path.stem:10} {right:3d} of {len(probes):3d} probes read as labelled")
        total += len(probes)
        passed += right
    print(f"{'all':10} {passed:3d} of {total:3d} ({passed / max(total, 1):.0%})")


if __name__ == "__main__":
    main()
