"""Engines, sessions and bringing a database to the latest migration."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from newsmon.errors import first_line
from newsmon.redact import scrub

logger = logging.getLogger(__name__)

# The migrations ship inside the package (``newsmon/alembic``), so an installed wheel
# migrates like a clone; no resolve(): in a clone that folder is a link to ``alembic/``.
ALEMBIC_DIR = Path(__file__).parent.parent / "alembic"


class DatabaseError(Exception):
    """The database cannot be opened or migrated; worded as one line for the user."""


def shown_url(database_url: str) -> str:
    """Return the database URL as it may be printed: its password masked."""
    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except Exception:
        return scrub(database_url, [])


def _problem(database_url: str, exc: BaseException) -> str:
    # Driver messages may quote the URL, even one SQLAlchemy could not parse.
    try:
        password = make_url(database_url).password
    except Exception:
        password = None
    return scrub(first_line(exc), [str(password) if password else None])


def make_engine(database_url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite files get their folder, foreign keys and WAL."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": 30})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the CLI read while a crawl writes; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL syncs at checkpoints, not at every commit: a commit
    # stays atomic and survives the process being killed at any moment (each
    # article's unit of work is in or out); only a power cut may take back the
    # last few commits, whole, and the next crawl fetches those articles again.
    # FULL made every article wait for a disk flush.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session factory whose sessions keep loaded values usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One session per unit of work: commit on success, roll back on error."""
    with factory() as session, session.begin():
        yield session


def alembic_config(database_url: str) -> Any:
    """An Alembic Config pointing at the project's migrations and this database."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


MIGRATION_LOCK = 0x6E65_7773_6D6F_6E00 >> 1
"""PostgreSQL advisory lock key held while migrating (any 63-bit number no one else uses)."""


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (the latest by default).

    On PostgreSQL the migration runs under a transaction-scoped advisory lock:
    processes started at once on an empty database (workers, ``db upgrade``)
    wait for the first one instead of racing it to create the same tables;
    each then finds the schema current and does nothing.
    """
    from alembic import command

    config = alembic_config(engine.url.render_as_string(hide_password=False))
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK}
                )
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except Exception as exc:
        url = engine.url.render_as_string(hide_password=True)
        problem = scrub(str(exc), [engine.url.password and str(engine.url.password)])
        raise DatabaseError(f"database {url}: cannot migrate: {problem}") from exc


@cache
def latest_migration() -> str | None:
    """The revision at the head of the project's migrations, read from their files.

    Read with a regular expression rather than through Alembic, whose import and
    script loading cost a commonly current store a fifth of a CPU second per
    process; None (so Alembic decides) unless the revisions form one line. Read once a
    process: the files do not change while it runs.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (ALEMBIC_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = _REVISION.search(source)
        if revision is None:
            return None
        revisions.add(revision.group(1))
        parent = _DOWN_REVISION.search(source)
        if parent is None:
            return None
        if parent.group(1):
            parents.add(parent.group(1))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


_REVISION = re.compile(r"^revision(?:: *str)? *= *['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"^down_revision(?:: *[\w |\[\],]+)? *= *(?:None|['\"]([^'\"]+)['\"])", re.MULTILINE
)


def at_latest_migration(engine: Engine) -> bool:
    """Whether the store already holds the latest migration (then nothing is to upgrade)."""
    head = latest_migration()
    if head is None:
        return False
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except Exception:  # no version table yet: a new store, which Alembic creates
        return False
    return [row[0] for row in versions] == [head]


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to ``revision``."""
    from alembic import command

    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


_CURRENT: set[str] = set()
"""Databases this process has brought to the latest migration, or was told are there."""


def open_database(
    database_url: str, *, migrate: bool = True, once: bool = False
) -> tuple[Engine, sessionmaker[Session]]:
    """Open the store at the latest migration: what every command needing it calls.

    ``migrate=False``: the caller knows the schema is current (a crawl started
    by the service, whose parent migrated the store when it started), so
    Alembic's scripts are not loaded to learn that nothing is to do.
    ``once``: skip the check when this process has already made this
    database current (a crawl's command and its pipelines open one store).
    """
    try:
        engine = make_engine(database_url)
        with engine.connect():
            pass
    except Exception as exc:
        # ``from None``: a traceback of the cause would quote the URL in full.
        raise DatabaseError(
            f"database_url: cannot open {shown_url(database_url)}: {_problem(database_url, exc)}"
        ) from None
    if migrate and not (once and database_url in _CURRENT) and not at_latest_migration(engine):
        upgrade(engine)
    _CURRENT.add(database_url)
    return engine, make_session_factory(engine)
