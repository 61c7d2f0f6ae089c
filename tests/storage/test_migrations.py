"""Migrations build the models' schema, and can be undone, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from storage.db import downgrade, make_engine, upgrade
from storage.models import Base


def test_upgrade_matches_models_and_downgrade_undoes_it(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        assert {"articles", "claims", "production_state", "change_events", "deliveries",
                "sources"} <= set(inspect(engine).get_table_names())
        downgrade(engine, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        assert "deliveries" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
