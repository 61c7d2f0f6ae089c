"""The store as the pipelines of one crawl process see it."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import Session, sessionmaker

from newsmon.storage.db import open_database


@cache
def session_factory(database_url: str) -> sessionmaker[Session]:
    """One engine per database per crawl process, shared by the pipelines.

    The store is migrated once per process: not again when the crawl's command
    has opened it already (or was told by the service that it is current).
    """
    _engine, factory = open_database(database_url, once=True)
    return factory
