"""Catalog loading, lookup and its one-line errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from detector.catalog import Catalog
from detector.mentions import find_mentions


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
    ],
)
def test_bad_catalog_names_file_and_entry(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "shows.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"shows\.yaml") as info:
        Catalog.load(path)
    assert message in str(info.value)
    assert "\n" not in str(info.value).strip() or "YAML" in str(info.value)


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
