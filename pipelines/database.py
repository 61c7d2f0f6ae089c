"""The store as the pipelines of one crawl process see it."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import Session, sessionmaker

from newsmon.storage.db import open_database


@cache
def session_factory(database_url: str) -> sessionmaker[Session]:
    """One engine per database per crawl process, migrated once, shared by the pipelines."""
    _engine, factory = open_database(database_url)
    return factory
