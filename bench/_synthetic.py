"""Synthetic stores for the storage benchmarks: scratch databases and fast bulk loading.

Rows are written with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL)
straight into the migrated schema, so the indexes, triggers and generated
columns are the real ones; only the ORM is bypassed, for speed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from newsmon.storage.db import make_engine, upgrade
from newsmon.storage.signatures import BANDS, NUM_PERM

POSTGRES_ADMIN_URL = os.environ.get(
    "NEWSMON_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
EPOCH = dt.datetime(2024, 1, 1)
CHUNK = 50_000

_SYLLABLES = ["ka", "ri", "mo", "ne", "sul", "tor", "ven", "da", "li", "pe", "gro", "bal", "fin",
              "ush", "ar", "el", "om", "tra", "vi", "zen"]  # fmt: skip


def vocabulary(size: int = 20_000, seed: int = 7) -> list[str]:
    """Made-up words, distinct, of two to four syllables."""
    rng = np.random.default_rng(seed)
    words: dict[str, None] = {}
    while len(words) < size:
        count = int(rng.integers(2, 5))
        words["".join(rng.choice(_SYLLABLES, count))] = None
    return list(words)


class TextMaker:
    """Random texts with a Zipf-like word frequency, like real prose."""

    def __init__(self, seed: int = 11, size: int = 20_000):
        self.words = np.array(vocabulary(size))
        ranks = np.arange(1, size + 1)
        self.weights = (1 / ranks) / (1 / ranks).sum()
        self.rng = np.random.default_rng(seed)

    def texts(self, count: int, words: int) -> list[str]:
        """``count`` texts of ``words`` words each."""
        picks = self.rng.choice(len(self.words), size=(count, words), p=self.weights)
        return [" ".join(row) for row in self.words[picks]]


@contextlib.contextmanager
def scratch_database(backend: str) -> Iterator[Engine]:
    """A new, migrated database on ``backend`` (sqlite or postgresql), removed afterwards."""
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="newsmon-bench-"))
        engine = make_engine(f"sqlite:///{folder / 'bench.db'}")
        try:
            upgrade(engine)
            yield engine
        finally:
            engine.dispose()
            shutil.rmtree(folder, ignore_errors=True)
        return
    name = f"newsmon_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_ADMIN_URL).set(database=name)
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bulk_insert(
    engine: Engine, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert ``rows`` into ``table``: executemany on SQLite, COPY on PostgreSQL."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        names = ", ".join(columns)
        if engine.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-500000")
            marks = ", ".join("?" for _ in columns)
            batch: list[Sequence[Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= CHUNK:
                    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
                    batch.clear()
            if batch:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
        raw.commit()
    finally:
        raw.close()


ARTICLE_COLUMNS = (
    "id", "url", "canonical_url", "headline", "text", "text_hash", "published",
    "published_source", "first_seen_at", "version", "detected_at",
)  # fmt: skip


def article_rows(
    count: int, *, texts: TextMaker | None, words: int, start: int = 1, backend: str = "sqlite"
) -> Iterator[tuple[Any, ...]]:
    """Rows of ``count`` synthetic articles, published over two years, ids from ``start``."""
    rng = np.random.default_rng(start)
    for first in range(0, count, 10_000):
        size = min(10_000, count - first)
        bodies = texts.texts(size, words) if texts else ["short synthetic text"] * size
        heads = texts.texts(size, 8) if texts else ["synthetic headline"] * size
        days = rng.integers(0, 730, size)
        hashes = rng.bytes(32 * size).hex()
        for i in range(size):
            article_id = start + first + i
            seen = EPOCH + dt.timedelta(days=int(days[i]), seconds=article_id % 86400)
            url = f"https://site{article_id % 97}.test/{article_id}/story"
            stamp: Any = seen if backend == "postgresql" else seen.isoformat(" ", "microseconds")
            if backend == "postgresql":
                stamp = seen.replace(tzinfo=dt.UTC)
            yield (
                article_id, url, url, heads[i], bodies[i], hashes[64 * i : 64 * (i + 1)],
                seen.date(), "page", stamp, 1, stamp,
            )  # fmt: skip


def random_signature_rows(
    count: int, *, start: int = 1, seed: int = 3
) -> tuple[Iterator[tuple[int, bytes, int]], Iterator[tuple[int, int]]]:
    """Signatures and LSH band keys of ``count`` unrelated articles, band keys in key order.

    Random values stand for the signatures of texts that share nothing,
    which is what nearly every stored article is to a new one.
    """
    rng = np.random.default_rng(seed)

    def signatures() -> Iterator[tuple[int, bytes, int]]:
        for first in range(0, count, 10_000):
            size = min(10_000, count - first)
            values = rng.integers(0, 2**32, size=(size, NUM_PERM), dtype=np.uint64)
            data = values.astype("<u4")
            for i in range(size):
                yield start + first + i, data[i].tobytes(), 300

    keys = rng.integers(-(2**63), 2**63 - 1, size=count * BANDS, dtype=np.int64)
    owners = np.repeat(np.arange(start, start + count, dtype=np.int64), BANDS)
    order = np.argsort(keys, kind="stable")
    keys, owners = keys[order], owners[order]

    def bands() -> Iterator[tuple[int, int]]:
        for first in range(0, len(keys), 1_000_000):
            yield from zip(
                keys[first : first + 1_000_000].tolist(),
                owners[first : first + 1_000_000].tolist(),
                strict=True,
            )

    return signatures(), bands()


def finish_load(engine: Engine, tables: Sequence[str]) -> None:
    """After a bulk load: move PostgreSQL's id sequences past the loaded ids, then ANALYZE."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            for table in tables:
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                        f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                    )
                )
        conn.execute(text("ANALYZE"))
