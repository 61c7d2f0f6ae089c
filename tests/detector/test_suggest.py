"""Shows outside the catalog that an article gives a status become suggestions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from newsmon.detector.analyze import analyze
from newsmon.detector.catalog import Catalog
from newsmon.detector.model import ArticleInput
from newsmon.detector.suggest import candidate_titles, looks_like_title, suggest

CATALOG = Catalog([("Copper Sky", ["#CopperSky"]), ("The Long Quiet", [])])


def _article(text: str, headline: str = "") -> ArticleInput:
    return ArticleInput(
        url="https://cases.test/suggest",
        headline=headline,
        text=text,
        published=dt.date(2024, 5, 10),
    )


def test_unknown_title_with_a_status_is_suggested_with_evidence_and_rule() -> None:
    article = _article('Halberd renewed "Copper Sky" and cancelled the comedy "Lantern Street."')
    found = suggest(article, CATALOG)
    assert [(s.title, s.facet, s.value, s.rule_id) for s in found] == [
        ("Lantern Street", "stage", "cancelled", "stage.cancelled.cancel")
    ]
    assert found[0].evidence == article.text


def test_headline_single_quotes_count_and_the_body_repeats_the_title() -> None:
    article = _article(
        "The drama about a pirate radio station wrapped filming in Belfast on Friday.",
        headline="'Static Bloom' Wraps Production",
    )
    found = suggest(article, CATALOG)
    assert {(s.title, s.value) for s in found} == {("Static Bloom", "wrapped")}


def test_titles_without_a_status_and_catalog_titles_are_not_suggested() -> None:
    article = _article(
        'Ana Ruiz, who starred in "Grey Docks," joins "Copper Sky." "Copper Sky" wrapped on Friday.'
    )
    assert suggest(article, CATALOG) == []
    assert candidate_titles(article, CATALOG) == ["Grey Docks"]


def test_episode_titles_and_lowercase_quotes_are_not_candidates() -> None:
    article = _article(
        'The episode titled "The Long Night" aired on Sunday. She said it was "a lot of fun."'
    )
    assert candidate_titles(article, CATALOG) == []


def test_extending_a_catalog_leaves_the_original_unchanged() -> None:
    wider = CATALOG.extended(["Lantern Street", "copper sky"])
    assert wider.canonical("lantern street") == "Lantern Street"
    assert wider.canonical("#CopperSky") == "Copper Sky"
    assert CATALOG.canonical("Lantern Street") is None
    assert len(wider) == len(CATALOG) + 1


CASES_FILE = Path(__file__).with_name("suggest_cases.yaml")
CASES: dict[str, Any] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
CASE_CATALOG = Catalog.from_entries(CASES["catalog"], source=str(CASES_FILE))


def _case_article(case: dict[str, Any]) -> ArticleInput:
    return ArticleInput(
        url=f"https://cases.test/{case['id']}",
        headline=case.get("headline", ""),
        text=case["text"],
        published=dt.date(2025, 5, 10),
    )


@pytest.mark.parametrize("case", CASES["cases"], ids=[c["id"] for c in CASES["cases"]])
def test_suggestion_case(case: dict[str, Any]) -> None:
    article = _case_article(case)
    found = suggest(article, CASE_CATALOG)
    assert sorted({s.title for s in found}) == sorted(case["suggested"]), [
        (s.title, s.rule_id) for s in found
    ]
    for name in case["not_titles"]:
        # Were it a title, the detector would give it a status: only the filter keeps it out.
        as_title = analyze(article, CASE_CATALOG.extended([name]))
        assert any(claim.show == name for claim in as_title), f"{name!r}: {case['why']}"


def test_suggestion_cases_cover_each_kind_of_non_title() -> None:
    ids = [c["id"] for c in CASES["cases"]]
    assert len(ids) == len(set(ids))
    for prefix in ("caps-", "caption-", "sign-", "everyday-", "passed-on-", "turned-down-"):
        assert any(i.startswith(prefix) for i in ids), prefix


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("MARCH 2024", False),
        ("NEXT WEEK ON SET", False),
        ("TRON", True),
        ("You", False),
        ("Volume", False),
        ("Billable", True),
        ("X-Men", True),
        ("Salt Road", True),
    ],
)
def test_looks_like_title(name: str, title: bool) -> None:
    assert looks_like_title(name) is title
