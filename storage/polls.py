"""Each crawl of a source, recorded; and the sources' health read back from it."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsmon.storage.articles import source_by_name
from newsmon.storage.models import Article, Source, SourcePoll
from newsmon.storage.quiet import completes_baseline

logger = logging.getLogger(__name__)


def record_poll(
    session: Session,
    *,
    source: str,
    started_at: dt.datetime,
    finished_at: dt.datetime,
    pages: int = 0,
    stored: int = 0,
    dropped: int = 0,
    errors: Mapping[str, int] | None = None,
    finish_reason: str | None = None,
    message: str | None = None,
) -> SourcePoll:
    """Append one poll of ``source`` and set the source's ``last_polled_at``.

    The first poll that runs to its end sets ``baselined_at``: the source's
    news alerts from then on (:mod:`storage.quiet`).

    ``errors`` counts failures by kind, as the crawl summary gives them; a crawl
    that could not run at all is recorded with ``finish_reason="error"`` and a
    one-line ``message``. The caller's unit of work commits.
    """
    counts = {str(kind): int(count) for kind, count in (errors or {}).items() if count}
    row = SourcePoll(
        source=source_by_name(session, source),
        started_at=started_at,
        finished_at=finished_at,
        finish_reason=finish_reason,
        pages=pages,
        stored=stored,
        dropped=dropped,
        error_count=sum(counts.values()) + (1 if message else 0),
        errors=counts,
        message=message,
    )
    row.source.last_polled_at = finished_at
    done = completes_baseline(
        finish_reason=finish_reason, pages=pages, stored=stored, dropped=dropped
    )
    if row.source.baselined_at is None and done:
        row.source.baselined_at = finished_at
    session.add(row)
    session.flush()
    logger.debug("poll of %s recorded: %s error(s)", source, row.error_count)
    return row


def source_health(session: Session, *, recent: int = 10) -> list[dict[str, Any]]:
    """Every stored source with its last poll, recent failures and article counts.

    Keys: ``name``, ``created_at``, ``last_polled_at``, ``baselined_at`` (when a
    poll first ran to its end; None while its polls are its baseline), ``last_poll`` (or None),
    ``recent_polls``, ``recent_failed`` (polls with errors among the last
    ``recent``), ``failing_streak`` (polls with errors in a row, newest first),
    ``articles``, ``duplicates``, ``last_article_at``.
    """
    counts = {
        source_id: (total, duplicates, last_seen)
        for source_id, total, duplicates, last_seen in session.execute(
            select(
                Article.source_id,
                func.count(),
                func.count(Article.duplicate_of_id),
                func.max(Article.first_seen_at),
            ).group_by(Article.source_id)
        )
    }
    rows = []
    for source in session.scalars(select(Source).order_by(Source.name)):
        polls = session.scalars(
            select(SourcePoll)
            .where(SourcePoll.source_id == source.id)
            .order_by(SourcePoll.started_at.desc(), SourcePoll.id.desc())
            .limit(recent)
        ).all()
        streak = 0
        for poll in polls:
            if not poll.error_count:
                break
            streak += 1
        total, duplicates, last_seen = counts.get(source.id, (0, 0, None))
        rows.append(
            {
                "name": source.name,
                "created_at": source.created_at,
                "last_polled_at": source.last_polled_at,
                "baselined_at": source.baselined_at,
                "last_poll": poll_row(polls[0]) if polls else None,
                "recent_polls": len(polls),
                "recent_failed": sum(1 for poll in polls if poll.error_count),
                "failing_streak": streak,
                "articles": total,
                "duplicates": duplicates,
                "last_article_at": last_seen,
            }
        )
    return rows


def poll_row(poll: SourcePoll) -> dict[str, Any]:
    """One poll as the API shows it."""
    return {
        "started_at": poll.started_at,
        "finished_at": poll.finished_at,
        "finish_reason": poll.finish_reason,
        "pages": poll.pages,
        "stored": poll.stored,
        "dropped": poll.dropped,
        "error_count": poll.error_count,
        "errors": dict(poll.errors or {}),
        "message": poll.message,
    }
