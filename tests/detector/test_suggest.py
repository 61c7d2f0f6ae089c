"""Shows outside the catalog that an article gives a status become suggestions."""

from __future__ import annotations

import datetime as dt

from detector.catalog import Catalog
from detector.model import ArticleInput
from detector.suggest import candidate_titles, suggest

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
