"""Fixtures shared by the whole suite: the shared corpus and a store on each backend."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
POSTGRES_ADMIN_URL = os.environ.get(
    "NEWSMON_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(autouse=True)
def _no_terminal_size_from_the_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables print for a pipe unless a test sets ``COLUMNS`` itself.

    Parallel test workers and some terminals export ``COLUMNS``, which would
    make the CLI fit its tables to a width no test asked for.
    """
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository (present in CI)."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present beside the repository")
    return SHARED


def _postgres_available() -> bool:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    """The PostgreSQL server's URL; skipped where there is none, but never in CI."""
    if not _postgres_available():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
    return POSTGRES_ADMIN_URL


def create_postgres_database(admin_url: str) -> str:
    """Create an empty, uniquely named database and return its URL."""
    name = f"newsmon_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(admin_url: str, url: str) -> None:
    """Drop a database made by create_postgres_database."""
    name = make_url(url).database
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'newsmon.db'}"
        return
    admin = request.getfixturevalue("postgres_admin_url")
    url = create_postgres_database(admin)
    try:
        yield url
    finally:
        drop_postgres_database(admin, url)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the files holding end-to-end runs (marked ``slow``) first.

    Test files go to the workers in collection order, one file per worker at a time; a long
    file left for last keeps one worker busy while the other has nothing to do. Sorting is
    stable, so every file keeps its own order, and every worker collects the same order.
    """
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)
