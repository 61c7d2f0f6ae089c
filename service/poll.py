"""One crawl of the configured sources, recorded: what ``newsmon crawl`` runs in its process.

It checks the shared queue (``redis_url``) can be used, runs the crawl
(:func:`crawler.crawl.run_crawl`), and records one poll per source in
``source_polls`` (a worker, which polls no source, records none). A crawl
that could not run is recorded as failed, with its one-line reason, for
every source it was to poll. The result is a :class:`crawler.crawl.CrawlSummary`
in every case: ``newsmon crawl --json`` prints it, and the service reads it
back from the child's output (:func:`read_summary`).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from newsmon.crawler.crawl import CrawlError, CrawlSummary
from newsmon.errors import first_line
from newsmon.storage.polls import record_poll

if TYPE_CHECKING:
    from newsmon.config import Settings

logger = logging.getLogger(__name__)


def poll_sources(
    settings: Settings,
    sessions: sessionmaker[Session],
    *,
    only: Sequence[str] = (),
    worker: bool = False,
    idle_exit: float = 0.0,
    time_limit: float | None = None,
    baseline: bool = False,
) -> CrawlSummary:
    """Crawl the sources named in ``only`` (default: all) once, and record their polls.

    A worker (``worker``) polls no source and records nothing; its summary
    counts what it read of every source. With ``baseline`` the crawl is every
    polled source's baseline: it stores and reads, and sends no alert.
    """
    from newsmon.crawler.crawl import run_crawl
    from newsmon.crawler.distributed import redis_problem
    from newsmon.pipelines.ingest import BASELINE_SETTING

    polled = [s.name for s in settings.sources if not worker and (not only or s.name in only)]
    started_at = _now()
    try:
        problem = redis_problem(settings.redis_url) if settings.redis_url else None
        if problem:
            raise CrawlError(problem)
        summary = run_crawl(
            settings,
            only=only,
            worker=worker,
            idle_exit=idle_exit,
            time_limit=time_limit,
            extra={BASELINE_SETTING: True} if baseline else None,
        )
    except CrawlError as exc:
        summary = CrawlSummary.could_not_run(polled, str(exc))
    if not worker:
        record_polls(sessions, summary, started_at)
    return summary


def record_polls(
    sessions: sessionmaker[Session], summary: CrawlSummary, started_at: dt.datetime
) -> None:
    """Record one poll per source of ``summary``; a failure to do so is logged, not raised."""
    finished_at = _now()
    try:
        with sessions() as session, session.begin():
            for source in summary.sources:
                record_poll(
                    session,
                    source=source.name,
                    started_at=started_at,
                    finished_at=finished_at,
                    pages=source.pages,
                    stored=source.items,
                    dropped=source.dropped,
                    errors=source.errors,
                    finish_reason=summary.finish_reason,
                    message=summary.message,
                )
    except Exception as exc:
        # The articles are stored; only the record of the poll is missing.
        logger.error("cannot record the polls of this crawl: %s", first_line(exc))


def read_summary(stdout: bytes) -> CrawlSummary | None:
    """The summary a ``newsmon crawl --json`` child printed last, if it printed one."""
    for raw in reversed(stdout.decode("utf-8", "replace").splitlines()):
        line = raw.strip()
        if not line.startswith("{"):
            continue
        try:
            value = json.loads(line)
            if isinstance(value, dict):
                return CrawlSummary.from_dict(value)
        except ValueError:
            continue
    return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
