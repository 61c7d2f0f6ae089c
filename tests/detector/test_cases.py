"""Walk tests/detector/cases.yaml: every sentence and the exact claims it must give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from newsmon.detector.analyze import analyze
from newsmon.detector.catalog import Catalog
from tests.detector.casefile import case_article, describe

CASES_FILE = Path(__file__).with_name("cases.yaml")
DATA: dict[str, Any] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
CATALOG = Catalog.from_entries(DATA["catalog"], source=str(CASES_FILE))


@pytest.mark.parametrize("case", DATA["cases"], ids=[c["id"] for c in DATA["cases"]])
def test_case(case: dict[str, Any]) -> None:
    claims = analyze(case_article(case), CATALOG)
    expected = case["claims"]
    got = [
        describe(c, with_as_of=len(e.split("|")) == 6)
        for c, e in zip(claims, expected, strict=False)
    ]
    found = [f"{describe(c, with_as_of=True)} ({c.rule_id})" for c in claims]
    message = f"{case['id']}: got {found}"
    assert len(claims) == len(expected), message
    assert got == expected, message


def test_case_table_is_large_and_unique() -> None:
    ids = [c["id"] for c in DATA["cases"]]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 200


def test_every_rule_has_cases() -> None:
    from newsmon.detector.rules import RULES

    seen = {c.rule_id for case in DATA["cases"] for c in analyze(case_article(case), CATALOG)}
    stage_rules = {r.id for r in RULES if r.kind in {"stage", "plan", "released"}}
    assert stage_rules <= seen, sorted(stage_rules - seen)
