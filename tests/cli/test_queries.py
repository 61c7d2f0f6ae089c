"""The query commands print what the store holds: a table that fits, one JSON document, or lines."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from newsmon.cli import main
from newsmon.detector.model import Certainty, Claim
from newsmon.storage.articles import add_article
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.models import ChangeEvent
from newsmon.storage.state import apply_claims


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
    assert [set(r) for r in rows] == [
        {
            "show", "season", "stage", "certainty", "as_of", "outlet_count", "outlets",
            "detected_at", "release", "release_certainty", "release_as_of",
            "release_outlet_count", "release_outlets", "release_detected_at", "updated",
        }
    ]  # fmt: skip
    assert rows[0]["outlet_count"] == 1
    assert [outlet["outlet"] for outlet in rows[0]["outlets"]] == ["127.0.0.1"]  # type: ignore[attr-defined]
    assert (rows[0]["show"], rows[0]["stage"], rows[0]["certainty"], rows[0]["release"]) == (
        "Harrow Point",
        "filming",
        "confirmed",
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
    # The canonical address, as the API and the pages link it: no tracking parameters.
    assert rows[-1]["article_url"] == "http://127.0.0.1/2025-06-18"
    article = rows[-1]["article"]
    assert isinstance(article, dict)
    assert article["url"] == rows[-1]["article_url"]


def test_articles_keys_and_search(config: Path) -> None:
    rows = _json(config, "articles", "--search", "filming")
    # The API's article keys (without the text): the same read layer.
    assert [set(r) for r in rows] == [
        {
            "id",
            "url",
            "fetched_url",
            "headline",
            "published",
            "source",
            "site_name",
            "author",
            "first_seen_at",
            "duplicate_of",
            "duplicate_reason",
            "duplicates",
        }
    ]
    assert rows[0]["published"] == "2025-06-18"
    assert rows[0]["url"] == "http://127.0.0.1/2025-06-18"


def test_tables_are_readable(config: Path) -> None:
    result = CliRunner().invoke(main, ["--config", str(config), "status"])
    assert result.exit_code == 0
    productions, sources = result.output.split("\n\n")
    header, rule, row = productions.splitlines()
    assert sources.splitlines()[0].split() == ["source", "baseline", "baselined_at"]
    assert header.split() == [
        "show", "season", "stage", "certainty", "outlet_count", "as_of", "release", "detected_at",
    ]  # fmt: skip
    assert set(rule.replace(" ", "")) == {"-"}
    assert row.startswith("Harrow Point")
    assert row.split()[2:6] == ["1", "filming", "confirmed", "1"]


def test_unknown_show_is_one_clear_line(config: Path) -> None:
    result = CliRunner().invoke(main, ["--config", str(config), "history", "Nope"])
    assert result.exit_code == 2
    assert result.output.strip() == "newsmon: error: nothing is stored for show 'Nope'"


LISTINGS = [["status"], ["history", "Harrow Point"], ["events"], ["articles"]]


@pytest.mark.parametrize("args", LISTINGS, ids=[a[0] for a in LISTINGS])
def test_json_is_one_document_and_jsonl_one_object_per_line(config: Path, args: list[str]) -> None:
    run = CliRunner().invoke
    document = run(main, ["--config", str(config), *args, "--json"])
    assert document.exit_code == 0, document.output
    rows = json.load(io.StringIO(document.output))
    assert isinstance(rows, list)
    assert rows
    assert all(isinstance(row, dict) for row in rows)
    lines = run(main, ["--config", str(config), *args, "--jsonl"]).output.splitlines()
    assert len(lines) == len(rows)
    assert [json.loads(line) for line in lines] == rows


def test_an_empty_listing_is_an_empty_array(config: Path) -> None:
    assert _json(config, "events", "--since", "2999-01-01") == []
    result = CliRunner().invoke(main, ["--config", str(config), "events", "--since", "2999-01-01"])
    assert result.output.strip() == "(nothing stored yet)"


def _age_first_event(config: Path, days: float) -> None:
    database_url = f"sqlite:///{config.parent / 'store.db'}"
    engine, sessions = open_database(database_url)
    with unit_of_work(sessions) as session:
        first = session.scalars(select(ChangeEvent).order_by(ChangeEvent.id)).first()
        assert first is not None
        first.detected_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    engine.dispose()


@pytest.mark.parametrize(
    ("since", "events"),
    [
        ("2d", ["filming"]),
        ("36h", ["filming"]),
        ("4d", ["announced", "filming"]),
        ("1w", ["announced", "filming"]),
        ("today", ["filming"]),
        ("yesterday", ["filming"]),
        ("Yesterday", ["filming"]),
        ("2999-01-01", []),
        ("2000-01-01T00:00:00+02:00", ["announced", "filming"]),
    ],
)
def test_since_takes_ages_day_words_and_iso_dates(
    config: Path, since: str, events: list[str]
) -> None:
    _age_first_event(config, days=3)
    assert [row["to"] for row in _json(config, "events", "--since", since)] == events
    iso_day = (dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).date().isoformat()
    assert len(_json(config, "events", "--since", iso_day)) == 2


@pytest.mark.parametrize("value", ["soon", "3 days", "2m", "2026-13-01", "tomorrow"])
def test_a_bad_since_is_one_clear_line(config: Path, value: str) -> None:
    result = CliRunner().invoke(main, ["--config", str(config), "events", "--since", value])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"newsmon: error: --since: {value!r} is not an age such as 36h")


LONG_EVIDENCE = (
    "Harrow Point has wrapped production on its first season after eleven weeks in "
    "Glasgow, the studio said on Friday, with post-production starting next month."
)


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_tables_fit_the_terminal_and_wrap_the_evidence(config: Path, columns: int) -> None:
    database_url = f"sqlite:///{config.parent / 'store.db'}"
    engine, sessions = open_database(database_url)
    with unit_of_work(sessions) as session:
        article = add_article(
            session,
            source_name="local",
            url="http://127.0.0.1/2025-07-01-a-long-address-that-goes-on-and-on-for-a-while",
            canonical_url="http://127.0.0.1/2025-07-01",
            headline="Harrow Point wraps",
            text=LONG_EVIDENCE,
            published=dt.date(2025, 7, 1),
            published_raw="2025-07-01",
            published_source="structured-data",
        )
        claim = Claim(show="Harrow Point", season=1, facet="stage", value="wrapped",
                      certainty=Certainty.confirmed, as_of="2025-07-01",
                      evidence=LONG_EVIDENCE, rule_id="test")  # fmt: skip
        apply_claims(session, article=article, claims=[claim])
    engine.dispose()
    for command in (["history", "Harrow Point"], ["events"]):
        result = CliRunner().invoke(
            main, ["--config", str(config), *command], env={"COLUMNS": str(columns)}
        )
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert max(len(line) for line in lines) <= columns, result.output
        start = lines[0].index("evidence")
        end = start + len(lines[1][start:].split(" ")[0])
        # Wrapped, not cut: every word of the evidence is there, in order.
        column = " ".join(line[start:end].strip() for line in lines[2:])
        assert LONG_EVIDENCE in " ".join(column.split())
        if columns >= 160:
            assert "article_url" in lines[0]


def _add_recap(config: Path) -> None:
    """A change learnt last that happened first: an archive article about another show."""
    database_url = f"sqlite:///{config.parent / 'store.db'}"
    engine, sessions = open_database(database_url)
    with unit_of_work(sessions) as session:
        article = add_article(
            session,
            source_name="local",
            url="http://127.0.0.1/archive",
            canonical_url="http://127.0.0.1/archive",
            headline="Salt Road wrapped",
            text="Salt Road wrapped in March 2019.",
            published=dt.date(2025, 7, 1),
            published_raw="2025-07-01",
            published_source="structured-data",
        )
        claim = Claim(
            show="Salt Road",
            season=1,
            facet="stage",
            value="wrapped",
            certainty=Certainty.confirmed,
            as_of="2019-03",
            evidence="Salt Road wrapped in March 2019.",
            rule_id="test",
        )
        apply_claims(session, article=article, claims=[claim])
    engine.dispose()


def test_tables_read_in_happened_order_and_json_in_detection_order(config: Path) -> None:
    _add_recap(config)
    learnt = [(r["show"], r["as_of"]) for r in _json(config, "events")]
    assert learnt == [
        ("Harrow Point", "2025-02-10"),
        ("Harrow Point", "2025-06-18"),
        ("Salt Road", "2019-03"),
    ]
    happened = [(r["show"], r["as_of"]) for r in _json(config, "events", "--order", "happened")]
    assert happened == [learnt[2], learnt[0], learnt[1]]
    assert all(r["detected_at"] for r in _json(config, "events"))

    table = CliRunner().invoke(main, ["--config", str(config), "events"])
    assert table.exit_code == 0, table.output
    header, _rule, *rows = table.output.splitlines()
    assert header.split()[:9] == [
        "show", "season", "facet", "from", "to", "certainty", "as_of", "detected_at", "quiet",
    ]  # fmt: skip
    shows = [row.split()[0] for row in rows if row[:1].strip()]
    assert shows == ["Salt", "Harrow", "Harrow"]
    detected = CliRunner().invoke(main, ["--config", str(config), "events", "--order", "detected"])
    assert [r.split()[0] for r in detected.output.splitlines()[2:] if r[:1].strip()] == [
        "Harrow",
        "Harrow",
        "Salt",
    ]
    history = _json(config, "history", "Harrow Point")
    assert all(row["detected_at"] for row in history)
