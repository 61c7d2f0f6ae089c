"""Catalog loading, lookup and its one-line errors."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from newsmon.detector.analyze import analyze
from newsmon.detector.catalog import Catalog
from newsmon.detector.mentions import find_mentions
from newsmon.detector.model import ArticleInput


def test_load_and_lookup(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "- title: The Glass Orchard\n  aliases: [Glass Orchard, '#GlassOrchard']\n"
        "- title: Northwind\n",
        encoding="utf-8",
    )
    catalog = Catalog.load(path)
    assert catalog.titles == ["The Glass Orchard", "Northwind"]
    assert catalog.canonical("glass orchard") == "The Glass Orchard"
    assert catalog.canonical("#GLASSORCHARD") == "The Glass Orchard"
    assert catalog.canonical("NORTHWIND") == "Northwind"
    assert catalog.canonical("Southwind") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("title: Northwind\n", "expected a list"),
        ("- aliases: [x]\n", "entry 1: 'title' must be a non-empty string"),
        ("- title: Northwind\n  aliases: North\n", "entry 1 (Northwind): 'aliases' must be a list"),
        ("- title: Northwind\n  year: 2020\n", "unknown keys ['year']"),
        ("- title: [unclosed\n", "not valid YAML"),
        ("- Northwind\n", "entry 1: expected a mapping"),
        ("- title: Northwind\n  kind: miniseries\n", "'kind' must be one of series, film"),
    ],
)
def test_bad_catalog_names_file_and_entry(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "shows.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"shows\.yaml") as info:
        Catalog.load(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value).strip() or "YAML" in str(info.value)


def test_kind_defaults_to_series_and_marks_films(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "- title: Salt Harbour\n  kind: film\n- title: Northwind\n- title: Ferrylight\n"
        "  kind: series\n",
        encoding="utf-8",
    )
    catalog = Catalog.load(path)
    assert catalog.kind("Salt Harbour") == "film"
    assert catalog.kind("Northwind") == "series"
    assert catalog.kind("Ferrylight") == "series"
    assert catalog.films == {"Salt Harbour"}
    assert catalog.extended(["Other Title"]).films == {"Salt Harbour"}


def test_a_catalog_film_has_no_season_even_without_a_film_cue() -> None:
    """A bare title ("begin shooting Salt Harbour 2") is season null once the catalog says film."""
    article = ArticleInput(
        url="https://news.test/a",
        headline="Cameras roll on Salt Harbour 2",
        text="Production has begun on Salt Harbour 2 in Lisbon, the studio said on Monday.",
        published=dt.date(2025, 3, 12),
    )
    as_series = analyze(article, Catalog.from_entries([{"title": "Salt Harbour 2"}]))
    as_film = analyze(article, Catalog.from_entries([{"title": "Salt Harbour 2", "kind": "film"}]))
    assert {c.season for c in as_series} == {1}
    assert as_film
    assert {c.season for c in as_film} == {None}
    assert {(c.facet, c.value) for c in as_film} == {(c.facet, c.value) for c in as_series}


def test_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read catalog"):
        Catalog.load(tmp_path / "absent.yaml")


def test_mentions_cost_does_not_grow_with_catalog_size() -> None:
    small = Catalog.from_entries([{"title": "Northwind"}, {"title": "The Glass Orchard"}])
    big = Catalog.from_entries(
        [{"title": f"The Show Number {i}", "aliases": [f"SN{i}"]} for i in range(10_000)]
        + [{"title": "Northwind"}, {"title": "The Glass Orchard"}]
    )
    text = "Cameras are rolling on The Glass Orchard while Northwind waits for the show. " * 20

    def timed(catalog: Catalog) -> float:
        start = time.perf_counter()
        for _ in range(50):
            found = find_mentions(text, catalog)
        assert {r.show for r in found} == {"Northwind", "The Glass Orchard"}
        return time.perf_counter() - start

    timed(small)
    assert timed(big) < 3 * timed(small) + 0.05


def test_a_roman_numeral_title_is_found_written_with_a_digit() -> None:
    """ "Gladiator II" is as often written "Gladiator 2": both name the catalog title."""
    catalog = Catalog.from_entries([{"title": "Salt Harbour II", "kind": "film"}])
    article = ArticleInput(
        url="https://news.test/b",
        headline="",
        text="Salt Harbour 2 has wrapped in Malta.",
        published=dt.date(2025, 3, 12),
    )
    claims = analyze(article, catalog)
    assert [(c.show, c.value) for c in claims] == [("Salt Harbour II", "wrapped")]
    assert catalog.canonical("Salt Harbour II") == "Salt Harbour II"
