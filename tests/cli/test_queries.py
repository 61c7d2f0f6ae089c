"""The query commands print what the store holds, as a table or as JSON lines."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from detector.model import Certainty, Claim
from newsmon.cli import main
from storage.articles import add_article
from storage.db import open_database, unit_of_work
from storage.state import apply_claims


@pytest.fixture
def config(tmp_path: Path) -> Path:
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    (tmp_path / "catalog.yaml").write_text('- title: Harrow Point\n  aliases: ["#HarrowPoint"]\n')
    path = tmp_path / "newsmon.yaml"
    path.write_text(f"database_url: {database_url}\ncatalog: catalog.yaml\n")
    engine, sessions = open_database(database_url)
    for day, stage in (("2025-02-10", "announced"), ("2025-06-18", "filming")):
        with unit_of_work(sessions) as session:
            article = add_article(
                session,
                source_name="local",
                url=f"http://127.0.0.1/{day}?utm_source=x",
                canonical_url=f"http://127.0.0.1/{day}",
                headline=f"Harrow Point {stage}",
                text=f"Harrow Point is {stage}.",
                published=dt.date.fromisoformat(day),
                published_raw=day,
                published_source="structured-data",
            )
            claim = Claim(
                show="Harrow Point",
                season=1,
                facet="stage",
                value=stage,
                certainty=Certainty.confirmed,
                as_of=day,
                evidence=f"Harrow Point is {stage}.",
                rule_id="test",
            )
            apply_claims(session, article=article, claims=[claim])
    engine.dispose()
    return path


def _json(config: Path, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["--config", str(config), *args, "--json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.output)
    return rows


def test_status_keys_and_alias_lookup(config: Path) -> None:
    rows = _json(config, "status", "#harrowpoint")
    assert [set(r) for r in rows] == [{"show", "season", "stage", "release", "updated"}]
    assert (rows[0]["show"], rows[0]["stage"], rows[0]["release"]) == (
        "Harrow Point",
        "filming",
        None,
    )


def test_events_keys_order_and_since(config: Path) -> None:
    rows = _json(config, "events")
    assert [(r["from"], r["to"]) for r in rows] == [(None, "announced"), ("announced", "filming")]
    assert {
        "show",
        "season",
        "facet",
        "from",
        "to",
        "certainty",
        "as_of",
        "evidence",
        "article_url",
        "detected_at",
    } <= set(rows[0])
    assert _json(config, "events", "--since", "2999-01-01") == []


def test_history_is_oldest_first_with_evidence_and_article(config: Path) -> None:
    rows = _json(config, "history", "Harrow Point")
    assert [(r["kind"], r["to"]) for r in rows] == [
        ("claim", "announced"),
        ("event", "announced"),
        ("claim", "filming"),
        ("event", "filming"),
    ]
    assert rows[-1]["evidence"] == "Harrow Point is filming."
    assert rows[-1]["article_url"] == "http://127.0.0.1/2025-06-18?utm_source=x"


def test_articles_keys_and_search(config: Path) -> None:
    rows = _json(config, "articles", "--search", "filming")
    assert [set(r) for r in rows] == [
        {"id", "url", "canonical_url", "headline", "published", "duplicate_of"}
    ]
    assert rows[0]["published"] == "2025-06-18"


def test_tables_are_readable(config: Path) -> None:
    result = CliRunner().invoke(main, ["--config", str(config), "status"])
    assert result.exit_code == 0
    header, rule, row = result.output.splitlines()
    assert header.split() == ["show", "season", "stage", "release", "updated"]
    assert set(rule.replace(" ", "")) == {"-"}
    assert row.startswith("Harrow Point")


def test_unknown_show_is_one_clear_line(config: Path) -> None:
    result = CliRunner().invoke(main, ["--config", str(config), "history", "Nope"])
    assert result.exit_code == 2
    assert result.output.strip() == "newsmon: error: nothing is stored for show 'Nope'"
