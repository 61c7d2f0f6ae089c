"""Retention: remove the text of old articles, keep everything history needs.

An article published before the horizon loses its text and the texts of its
earlier versions. Its row stays (URL, headline, dates, text fingerprint and
near-duplicate signature), and so do its claims, change events and their
evidence sentences: history still links to it, and a copy of it crawled
later is still recognised. Articles the detector has not read yet keep
their text.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import ColumnElement, LargeBinary, cast, func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from newsmon.storage.models import Article, ArticleVersion, utcnow

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PruneCount:
    """How much text a prune removes (or would remove)."""

    articles: int = 0
    versions: int = 0
    bytes: int = 0
    """Size of the removed text, UTF-8 encoded."""

    def __add__(self, other: PruneCount) -> PruneCount:
        return PruneCount(
            self.articles + other.articles, self.versions + other.versions, self.bytes + other.bytes
        )


def _old(before: dt.date) -> ColumnElement[bool]:
    return (Article.published < before) & (Article.text != "")


def _size(column: InstrumentedAttribute[str]) -> ColumnElement[int]:
    return func.coalesce(func.sum(func.length(cast(column, LargeBinary))), 0)


def unread_old_articles(session: Session, *, before: dt.date) -> int:
    """Old articles that keep their text because the detector has not read them yet."""
    return (
        session.scalar(select(func.count()).where(_old(before), Article.detected_at.is_(None))) or 0
    )


def plan_prune(session: Session, *, before: dt.date) -> PruneCount:
    """Count what :func:`prune_batch` run to the end would remove; change nothing."""
    read = _old(before) & Article.detected_at.is_not(None)
    articles, size = session.execute(select(func.count(), _size(Article.text)).where(read)).one()
    versions, version_size = session.execute(
        select(func.count(), _size(ArticleVersion.text))
        .join(Article, Article.id == ArticleVersion.article_id)
        .where(
            Article.published < before, Article.detected_at.is_not(None), ArticleVersion.text != ""
        )
    ).one()
    return PruneCount(articles, versions, size + version_size)


def prune_batch(
    session: Session, *, before: dt.date, after_id: int = 0, limit: int = 1000
) -> tuple[PruneCount, int | None]:
    """Remove the text of up to ``limit`` old articles with ids above ``after_id``.

    Returns what was removed and the last article id looked at, to pass as
    ``after_id`` next time; ``None`` when no old article is left.
    """
    ids = list(
        session.scalars(
            select(Article.id)
            .where(Article.id > after_id, _old(before), Article.detected_at.is_not(None))
            .order_by(Article.id)
            .limit(limit)
        )
    )
    if not ids:
        return PruneCount(), None
    now = utcnow()
    size = session.scalar(select(_size(Article.text)).where(Article.id.in_(ids))) or 0
    version_rows = ArticleVersion.article_id.in_(ids) & (ArticleVersion.text != "")
    versions, version_size = session.execute(
        select(func.count(), _size(ArticleVersion.text)).where(version_rows)
    ).one()
    session.execute(update(ArticleVersion).where(version_rows).values(text="", text_pruned_at=now))
    session.execute(
        update(Article).where(Article.id.in_(ids)).values(text="", text_pruned_at=now),
        execution_options={"synchronize_session": False},
    )
    logger.info("pruned the text of %s articles and %s versions", len(ids), versions)
    return PruneCount(len(ids), versions, size + version_size), ids[-1]
