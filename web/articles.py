"""Articles for the API and the pages: browsing, search with filters, one article in full."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsmon.storage import browse, browse_articles
from newsmon.storage.models import Article
from newsmon.storage.search import search_statement
from newsmon.web import cursors, schemas
from newsmon.web.answers import event_model
from newsmon.web.excerpts import plain, search_terms, snippet

SEARCH_WINDOW_LIMIT = 5000
"""The most search matches a filtered search looks through."""


def _article_model(row: dict[str, Any], terms: list[str]) -> schemas.Article:
    text = row.get("text", "")
    return schemas.Article.model_validate({**row, "snippet": plain(snippet(text, terms))})


def articles(
    session: Session,
    *,
    query: str | None,
    source: str | None,
    published_from: dt.date | None,
    published_to: dt.date | None,
    cursor: str | None,
    limit: int,
) -> tuple[schemas.ArticlePage, list[dict[str, Any]]]:
    """Return a page of articles (searched, or newest first) and the raw rows.

    Text search is ``storage.browse_articles.article_ids``; source and date filters are
    applied to its matches, looking through at most ``SEARCH_WINDOW_LIMIT``.
    """
    if query:
        offset = cursors.decode_id(cursor, "s") or 0
        ids, more = _search_ids(
            session,
            query,
            source=source,
            published_from=published_from,
            published_to=published_to,
            offset=offset,
            limit=limit,
        )
        next_cursor = cursors.encode("s", offset + len(ids)) if more else None
    else:
        after = cursors.decode_article_key(cursor)
        ids, more = browse_articles.article_page(
            session,
            source=source,
            published_from=published_from,
            published_to=published_to,
            after=after,
            limit=limit,
        )
        next_cursor = None
        if more and ids:
            last = browse_articles.article_rows(session, [ids[-1]], with_text=False)[0]
            next_cursor = cursors.encode("a", last["published"].isoformat(), last["id"])
    rows = browse_articles.article_rows(session, ids)
    terms = search_terms(query)
    items = [_article_model(row, terms) for row in rows]
    return schemas.ArticlePage(items=items, next_cursor=next_cursor, has_more=more), rows


def count(
    session: Session,
    *,
    query: str | None,
    source: str | None,
    published_from: dt.date | None,
    published_to: dt.date | None,
) -> tuple[int, bool]:
    """Return how many articles the listing holds, and whether it holds more than that.

    Counted up to ``SEARCH_WINDOW_LIMIT``, as far as paging can reach, so a
    count costs no more than a page deep in the results.
    """
    clauses = browse_articles.article_filters(session, source, published_from, published_to)
    if query:
        dialect = session.get_bind().dialect.name
        statement = search_statement(dialect, query, limit=SEARCH_WINDOW_LIMIT + 1)
        if statement is None:
            return 0, False
        ids = statement.with_only_columns(Article.id).where(*clauses).order_by(None)
    else:
        ids = select(Article.id).where(*clauses).limit(SEARCH_WINDOW_LIMIT + 1)
    total = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    return min(total, SEARCH_WINDOW_LIMIT), total > SEARCH_WINDOW_LIMIT


def _search_ids(
    session: Session,
    query: str,
    *,
    source: str | None,
    published_from: dt.date | None,
    published_to: dt.date | None,
    offset: int,
    limit: int,
) -> tuple[list[int], bool]:
    filtered = source is not None or published_from is not None or published_to is not None
    window = offset + limit + 1
    while True:
        size = min(window * (4 if filtered else 1), SEARCH_WINDOW_LIMIT)
        hits = browse_articles.article_ids(session, search=query, limit=size)
        if filtered:
            wanted = browse_articles.filter_article_ids(
                session,
                hits,
                source=source,
                published_from=published_from,
                published_to=published_to,
            )
            matching = [hit for hit in hits if hit in wanted]
        else:
            matching = hits
        exhausted = len(hits) < size or size >= SEARCH_WINDOW_LIMIT
        if len(matching) > offset + limit or exhausted:
            break
        window *= 4
    page = matching[offset : offset + limit]
    return page, len(matching) > offset + limit


def article(session: Session, article_id: int) -> schemas.ArticleDetail | None:
    """Return one article in full with its claims and events; None if not stored."""
    rows = browse_articles.article_rows(session, [article_id])
    if not rows:
        return None
    row = rows[0]
    claims = browse_articles.article_claims(session, article_id)
    caused = browse.article_events(session, article_id)
    return schemas.ArticleDetail.model_validate(
        {
            **row,
            "snippet": plain(snippet(row["text"], [])),
            "claims": [claim.fields() for claim in claims],
            "events": [event_model(event) for event in caused],
        }
    )
