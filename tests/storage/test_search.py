"""Full-text search behind one interface: ranked, stemmed, safe with any input; and the
store's queries use indexes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from newsmon.cli import main
from newsmon.storage.articles import add_article, find_by_canonical_url, revise_article
from newsmon.storage.browse_articles import article_ids, article_rows
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.search import fts5_query, websearch_query
from tests.conftest import create_postgres_database, drop_postgres_database

ARTICLES = [
    # (slug, published, headline, text) written for these tests
    (
        "kingsferry-wraps",
        "2024-05-02",
        "Kingsferry wraps filming of its second season",
        "The harbour drama finished principal photography in Cork on Friday.",
    ),
    (
        "roundup",
        "2024-05-03",
        "The week in television",
        "Elsewhere, the Kingsferry cast was seen in Cork. Copperline began filming in Leeds.",
    ),
    (
        "copperline-casting",
        "2024-04-20",
        "Copperline adds three to its cast",
        "The mining thriller is casting for a second season that starts filming in June.",
    ),
    (
        "orchard-delay",
        "2024-03-11",
        "The Orchard Protocol is delayed",
        "Post-production problems pushed the spy series back to the autumn.",
    ),
]


def _fill(factory: sessionmaker[Session]) -> None:
    with unit_of_work(factory) as session:
        for slug, published, headline, body in ARTICLES:
            url = f"https://tv.test/{slug}"
            add_article(
                session,
                source_name="tv",
                url=url,
                canonical_url=url,
                headline=headline,
                text=body,
                published=dt.date.fromisoformat(published),
                published_raw=published,
                published_source="page",
            )


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[sessionmaker[Session]]:
    """The test articles, stored once per backend for the tests that only read."""
    if request.param == "sqlite":
        url, admin = f"sqlite:///{tmp_path_factory.mktemp('search') / 'store.db'}", None
    else:
        admin = request.getfixturevalue("postgres_admin_url")
        url = create_postgres_database(admin)
    engine, factory = open_database(url)
    _fill(factory)
    yield factory
    engine.dispose()
    if admin is not None:
        drop_postgres_database(admin, url)


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    """The test articles in a store of their own, for tests that change it."""
    engine, factory = open_database(database_url)
    _fill(factory)
    yield factory
    engine.dispose()


def _search(factory: sessionmaker[Session], query: str) -> list[str]:
    with factory() as session:
        found = article_rows(session, article_ids(session, search=query), with_text=False)
        return [row["url"].rsplit("/", 1)[1] for row in found]


def test_results_are_ranked_headline_first(store: sessionmaker[Session]) -> None:
    assert _search(store, "kingsferry") == ["kingsferry-wraps", "roundup"]
    assert _search(store, "copperline") == ["copperline-casting", "roundup"]


def test_words_match_in_any_form_and_all_must_appear(store: sessionmaker[Session]) -> None:
    assert set(_search(store, "filmed")) == {"kingsferry-wraps", "roundup", "copperline-casting"}
    assert _search(store, "copperline leeds") == ["roundup"]
    assert _search(store, "spy delayed") == ["orchard-delay"]


def test_phrases_or_and_exclusions(store: sessionmaker[Session]) -> None:
    assert set(_search(store, '"second season"')) == {"kingsferry-wraps", "copperline-casting"}
    assert set(_search(store, "harbour or mining")) == {"kingsferry-wraps", "copperline-casting"}
    assert _search(store, "copperline -leeds") == ["copperline-casting"]


NASTY_QUERIES = [
    '"',
    'filming"',
    "*",
    "NEAR(cast cork)",
    "AND",
    "OR",
    "NOT cork",
    "-",
    "(",
    ")",
    "headline:cork",
    "^cork",
    "cork's",
    "' OR 1=1 --",
    "100%",
    "a\\b",
    "--",
    "-cork",
    '"unterminated phrase',
    "cast +",
    "{x}",
    "&|!<->",
    "!!!",
]


def test_any_input_is_searched_without_error(store: sessionmaker[Session]) -> None:
    for query in NASTY_QUERIES:
        found = _search(store, query)  # raises on an FTS syntax error
        assert set(found) <= {slug for slug, *_ in ARTICLES}, query


def test_syntax_characters_are_searched_as_text(store: sessionmaker[Session]) -> None:
    assert _search(store, "(cast) leeds* ^copperline") == ["roundup"]
    assert _search(store, "headline:copperline") == []  # a word, not a column filter
    assert fts5_query('say "hi') == '("say" AND "hi")'
    assert fts5_query("-only") is None
    assert websearch_query("a or -b c") == '"a" or -"b" "c"'


def test_search_follows_new_versions(sessions: sessionmaker[Session]) -> None:
    with unit_of_work(sessions) as session:
        article = find_by_canonical_url(session, "https://tv.test/orchard-delay")
        assert article is not None
        revise_article(
            session,
            article,
            url=article.url,
            headline=article.headline,
            text="The spy series has resumed shooting in Vienna.",
            modified=None,
        )
    assert _search(sessions, "vienna") == ["orchard-delay"]
    assert _search(sessions, "autumn") == []


def test_cli_search_takes_any_text(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    config = tmp_path / "newsmon.yaml"
    config.write_text(f"database_url: {database_url}\n")
    engine, factory = open_database(database_url)
    with unit_of_work(factory) as session:
        add_article(
            session,
            source_name="tv",
            url="https://tv.test/a",
            canonical_url="https://tv.test/a",
            headline="Kingsferry wraps",
            text="Filming is over.",
            published=dt.date(2024, 5, 2),
            published_raw=None,
            published_source="page",
        )
    engine.dispose()
    for query in ('kingsferry "', "NEAR(", "filmed"):
        result = CliRunner().invoke(
            main, ["--config", str(config), "articles", "--search", query, "--jsonl"]
        )
        assert result.exit_code == 0, result.output
        assert [json.loads(line)["url"] for line in result.output.splitlines()] == [
            "https://tv.test/a"
        ] or query == "NEAR("


QUERIES_AND_INDEXES = {
    # What the CLI and the dedupe layers ask, and the index that must answer it.
    "SELECT id FROM articles WHERE canonical_url = 'x'": "(canonical_url=?)",
    "SELECT id FROM articles WHERE text_hash = 'x' ORDER BY id LIMIT 1": "ix_articles_text_hash",
    "SELECT DISTINCT article_id FROM lsh_bands WHERE key IN (1, 2, 3)": "PRIMARY KEY",
    "SELECT id FROM articles ORDER BY published DESC, id DESC LIMIT 9": "ix_articles_published_id",
    "SELECT id FROM claims WHERE lower(show) = 'kingsferry'": "ix_claims_show_lower",
    "SELECT id FROM change_events WHERE lower(show) = 'kingsferry'": "ix_change_events_show_lower",
    "SELECT id FROM change_events WHERE detected_at >= '2024-01-01' ORDER BY detected_at, id": (
        "ix_change_events_detected_at"
    ),
    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'cork'": "VIRTUAL TABLE INDEX",
}


def test_store_queries_use_indexes(tmp_path: Path) -> None:
    engine, _factory = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    with engine.connect() as conn:
        for query, index in QUERIES_AND_INDEXES.items():
            plan = [row[3] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {query}"))]
            assert any(index in step for step in plan), (query, plan)
    engine.dispose()


def test_search_triggers_exist_at_the_latest_migration(tmp_path: Path) -> None:
    # SQLite drops a table's triggers when a batch migration rebuilds it; a later
    # migration rebuilding ``articles`` must create them again.
    engine, _factory = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    with engine.connect() as conn:
        triggers = set(
            conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars()
        )
    engine.dispose()
    assert {"articles_fts_insert", "articles_fts_update", "articles_fts_delete"} <= triggers


def test_common_words_rank_only_the_most_recent_matches(
    sessions: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    # "filming" is in the headline of the oldest match only; with a window of
    # two, ranking sees just the two most recently stored matches.
    monkeypatch.setattr("newsmon.storage.search.RANK_WINDOW", 2)
    with unit_of_work(sessions) as session:
        add_article(
            session, source_name="tv", url="https://tv.test/latest",
            canonical_url="https://tv.test/latest", headline="Latest news",
            text="A studio said filming went well.", published=dt.date(2024, 6, 1),
            published_raw=None, published_source="page",
        )  # fmt: skip
    assert _search(sessions, "filming") == ["latest", "copperline-casting"]
