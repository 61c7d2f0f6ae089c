"""The read layer's articles, for the CLI, the HTTP API and the web page: lists, search, links.

Like :mod:`storage.browse`, every function takes the caller's session first,
never commits and returns plain values; article pages use ``(published, id)``
keyset cursors. Full-text search is :func:`article_ids` (over
:mod:`storage.search`); the other functions page, filter and describe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, joinedload

from newsmon.storage.browse import Row, with_article_ref
from newsmon.storage.models import Article, ClaimRow, Source
from newsmon.storage.search import search_articles
from newsmon.storage.views import ArticleLink, ClaimView

ArticleKey = tuple[dt.date, int]
"""Where a page of articles (newest first) left off: the last ``(published, id)``."""


def article_ids(session: Session, *, search: str | None = None, limit: int = 200) -> list[int]:
    """Ids of stored articles, newest first; with ``search``, those matching it, best first.

    ``search`` is a full-text query (see :mod:`storage.search`): words,
    ``"a phrase"``, ``or``, ``-excluded``.
    """
    if search and search.strip():
        return [article.id for article in search_articles(session, search, limit=limit)]
    newest = select(Article.id).order_by(Article.published.desc(), Article.id.desc())
    return list(session.scalars(newest.limit(limit)))


def article_page(
    session: Session,
    *,
    source: str | None = None,
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
    after: ArticleKey | None = None,
    limit: int = 50,
) -> tuple[list[int], bool]:
    """Ids of one page of articles, newest first, and whether more follow."""
    query = select(Article.id, Article.published).order_by(
        Article.published.desc(), Article.id.desc()
    )
    query = query.where(*article_filters(session, source, published_from, published_to))
    if after is not None:
        published, last_id = after
        query = query.where(
            or_(
                Article.published < published,
                and_(Article.published == published, Article.id < last_id),
            )
        )
    rows = session.execute(query.limit(limit + 1)).all()
    return [row.id for row in rows[:limit]], len(rows) > limit


def filter_article_ids(
    session: Session,
    ids: Collection[int],
    *,
    source: str | None = None,
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
) -> set[int]:
    """Return those of ``ids`` that come from ``source`` and were published in the range."""
    if not ids:
        return set()
    clauses = article_filters(session, source, published_from, published_to)
    query = select(Article.id).where(Article.id.in_(list(ids)), *clauses)
    return set(session.scalars(query))


def article_filters(
    session: Session,
    source: str | None,
    published_from: dt.date | None,
    published_to: dt.date | None,
) -> list[ColumnElement[bool]]:
    """Return WHERE clauses for a source name and a range of publication dates."""
    clauses: list[ColumnElement[bool]] = []
    if source is not None:
        source_id = session.scalar(select(Source.id).where(Source.name == source))
        clauses.append(Article.source_id == (source_id if source_id is not None else -1))
    if published_from is not None:
        clauses.append(Article.published >= published_from)
    if published_to is not None:
        clauses.append(Article.published <= published_to)
    return clauses


def article_rows(session: Session, ids: Sequence[int], *, with_text: bool = True) -> list[Row]:
    """Return articles ``ids`` in that order, with source and duplicate links."""
    if not ids:
        return []
    found = {
        article.id: article
        for article in session.scalars(
            select(Article)
            .options(joinedload(Article.source), with_article_ref(Article.duplicate_of))
            .where(Article.id.in_(list(ids)))
        )
    }
    copies: dict[int, list[Row]] = {}
    # Ids first: answered from the index alone. Asked for whole rows at once,
    # SQLite scans the table, misled by a column that is NULL in nearly every row.
    copy_ids = session.scalars(
        select(Article.id).where(Article.duplicate_of_id.in_(list(found)))
    ).all()
    for copy in session.scalars(
        select(Article).where(Article.id.in_(copy_ids)).order_by(Article.id)
    ):
        assert copy.duplicate_of_id is not None
        copies.setdefault(copy.duplicate_of_id, []).append(
            {**ArticleLink.of(copy).fields(), "reason": copy.duplicate_reason}
        )
    rows = []
    for article_id in ids:
        article = found.get(article_id)
        if article is None:
            continue
        original = article.duplicate_of
        row = {
            **ArticleLink.of(article).fields(),
            "fetched_url": article.url,
            "source": article.source.name if article.source else None,
            "site_name": article.site_name,
            "author": article.author,
            "first_seen_at": article.first_seen_at,
            "duplicate_of": None if original is None else ArticleLink.of(original).fields(),
            "duplicate_reason": article.duplicate_reason,
            "duplicates": copies.get(article.id, []),
        }
        if with_text:
            row["text"] = article.text
        rows.append(row)
    return rows


def article_claims(session: Session, article_id: int) -> list[ClaimView]:
    """Return the claims read from one article, in the order they were stored."""
    claims = session.scalars(
        select(ClaimRow)
        .options(with_article_ref(ClaimRow.article))
        .where(ClaimRow.article_id == article_id)
        .order_by(ClaimRow.id)
    ).all()
    return [ClaimView.from_columns(claim, ArticleLink.of(claim.article)) for claim in claims]


def article_texts(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Return the text of each article in ``ids`` (for showing evidence in context)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(Article.id, Article.text).where(Article.id.in_(wanted)))
    return {row.id: row.text for row in rows}


def source_names(session: Session) -> list[str]:
    """Return the names of every stored source, sorted."""
    return list(session.scalars(select(Source.name).order_by(Source.name)))
