"""Migrations build the models' schema, and can be undone, on both backends."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from newsmon.storage.db import (
    alembic_config,
    at_latest_migration,
    downgrade,
    latest_migration,
    make_engine,
    make_session_factory,
    open_database,
    upgrade,
)
from newsmon.storage.models import Base
from newsmon.storage.quiet import is_baselined
from newsmon.storage.search import include_object, search_articles

# SQLite cannot reflect the lower(show) indexes, so Alembic says it skips comparing them.
pytestmark = pytest.mark.filterwarnings("ignore:.*expression-based index")


def _diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        return list(compare_metadata(context, Base.metadata))


def _revisions(database_url: str) -> list[str]:
    """Every revision id, oldest first."""
    script = ScriptDirectory.from_config(alembic_config(database_url))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_upgrade_matches_models_and_downgrade_undoes_it(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        assert _diff(engine) == []
        assert {
            "articles",
            "claims",
            "production_state",
            "change_events",
            "deliveries",
            "sources",
            "article_versions",
            "article_signatures",
            "lsh_bands",
        } <= set(inspect(engine).get_table_names())
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert "deliveries" in inspect(engine).get_table_names()
        assert _diff(engine) == []
    finally:
        engine.dispose()


def test_every_migration_downgrades_and_upgrades_again(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        for revision in _revisions(database_url):
            upgrade(engine, revision)
            tables = set(inspect(engine).get_table_names())
            downgrade(engine, "-1")
            upgrade(engine, revision)
            assert set(inspect(engine).get_table_names()) == tables, revision
        assert _diff(engine) == []
    finally:
        engine.dispose()


def test_articles_stored_before_search_existed_are_searchable(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        script = ScriptDirectory.from_config(alembic_config(database_url))
        before_search = script.get_revision("0004_article_store").down_revision
        assert isinstance(before_search, str)
        upgrade(engine, before_search)
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO articles (url, canonical_url, headline, text, text_hash,"
                    " published, published_source, first_seen_at)"
                    " VALUES ('https://a.test/1', 'https://a.test/1',"
                    " 'Kingsferry wraps', 'The crew of Kingsferry finished filming.', 'x',"
                    " '2024-05-01', 'page', '2024-05-01 10:00:00+00:00')"
                )
            )
        upgrade(engine)
        with make_session_factory(engine)() as session:
            found = search_articles(session, "filmed kingsferry")
            assert [article.url for article in found] == ["https://a.test/1"]
            assert found[0].version == 1
    finally:
        engine.dispose()


def test_sources_polled_before_baselines_existed_keep_alerting(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0011_ingest_state_latest")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO sources (id, name, created_at) VALUES"
                    " (1, 'polled', '2026-01-01 00:00:00+00:00'),"
                    " (2, 'never-polled', '2026-01-01 00:00:00+00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO source_polls (source_id, started_at, finished_at, pages, stored,"
                    " dropped, error_count, errors) VALUES"
                    " (1, '2026-01-02 00:00:00+00:00', '2026-01-02 00:05:00+00:00',"
                    " 3, 1, 0, 0, '{}')"
                )
            )
        upgrade(engine)
        with make_session_factory(engine)() as session:
            assert is_baselined(session, "polled")
            assert not is_baselined(session, "never-polled")
    finally:
        engine.dispose()


def test_latest_migration_is_alembics_head() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert latest_migration() == script.get_current_head()


def test_a_store_behind_the_latest_migration_is_brought_up_when_opened(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert not at_latest_migration(engine)  # a new store has no version table
        revisions = _revisions(database_url)
        upgrade(engine, revisions[-2])
        assert not at_latest_migration(engine)
        opened, _sessions = open_database(database_url)
        opened.dispose()
        assert at_latest_migration(engine)
        assert _diff(engine) == []
    finally:
        engine.dispose()
