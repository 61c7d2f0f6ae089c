"""Full-text search over article headlines and texts, one interface for both backends.

SQLite: an FTS5 table ``articles_fts`` over ``articles`` (external content,
kept in sync by triggers), ranked by BM25 with the headline weighted up.
PostgreSQL: a stored generated ``tsvector`` column ``articles.search_vector``
(headline weight A, text weight B) with a GIN index, ranked by ``ts_rank``.
Both are created by migration ``0003_article_store``; the models do not
declare them, so :func:`include_object` keeps Alembic's comparisons off them.

Results are the best matches among the 500 most recently stored matching
articles: ranking every match of a common word in a store of millions would
take seconds, and a news search wants recent articles anyway.

Queries are read the way web search boxes read them, on both backends:
words must all appear (in any form the stemmer relates: "filming" finds
"filmed"), ``"quoted words"`` must appear together, ``or`` between words
accepts either, ``-word`` excludes. Anything else in the input (FTS syntax
characters, stray quotes) is taken as text and never raises an error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, column, func, literal_column, select, table, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnClause

from newsmon.storage.models import Article

FTS_TABLE = "articles_fts"
SEARCH_COLUMN = "search_vector"
SEARCH_INDEX = "ix_articles_search_vector"
HEADLINE_WEIGHT = 4.0
"""BM25 weight of a headline match relative to a text match (SQLite)."""
RANK_WINDOW = 500
"""Matches ranked per query: the most recently stored ones."""

_UNMANAGED_TABLE = re.compile(rf"^{FTS_TABLE}(_(data|idx|content|docsize|config))?$")
_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORDISH = re.compile(r"\w")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic hook: leave the search tables, column and index out of comparisons."""
    if type_ == "table" and name and _UNMANAGED_TABLE.match(name):
        return False
    if type_ == "column" and name == SEARCH_COLUMN:
        return False
    return not (type_ == "index" and name == SEARCH_INDEX)


def _groups(query: str) -> list[list[tuple[bool, str]]]:
    """``query`` as OR-separated groups of (excluded, phrase) terms."""
    groups: list[list[tuple[bool, str]]] = [[]]
    for match in _QUERY_PART.finditer(query):
        minus, quoted, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        excluded = bool(minus) or (bare is not None and bare.startswith("-") and len(bare) > 1)
        phrase = quoted if quoted is not None else bare.removeprefix("-")
        if _WORDISH.search(phrase):
            groups[-1].append((excluded, phrase))
    # A group of exclusions alone would match everything else: drop it.
    return [group for group in groups if any(not excluded for excluded, _ in group)]


def fts5_query(query: str) -> str | None:
    """Return an FTS5 MATCH expression for a user's query, every term quoted; ``None`` if empty."""

    def quoted(phrase: str) -> str:
        return '"' + phrase.replace('"', '""') + '"'

    parts = []
    for group in _groups(query):
        wanted = " AND ".join(quoted(p) for excluded, p in group if not excluded)
        unwanted = "".join(f" NOT {quoted(p)}" for excluded, p in group if excluded)
        parts.append(f"({wanted}{unwanted})")
    return " OR ".join(parts) or None


def websearch_query(query: str) -> str | None:
    """Return the same query for PostgreSQL's ``websearch_to_tsquery``; ``None`` if empty."""
    parts = []
    for group in _groups(query):
        terms = [
            ("-" if excluded else "") + ('"' + phrase.replace('"', " ") + '"')
            for excluded, phrase in group
        ]
        parts.append(" ".join(terms))
    return " or ".join(parts) or None


def search_statement(dialect: str, query: str, *, limit: int) -> Select[Article] | None:
    """Return the ranked SELECT of articles matching ``query``; ``None`` if it has no words.

    Ranking reads the ``RANK_WINDOW`` most recently stored matches, so a
    query matching half the store costs no more than a rare one.
    """
    if dialect == "postgresql":
        words = websearch_query(query)
        if words is None:
            return None
        tsquery = func.websearch_to_tsquery(literal_column("'english'"), words)
        vector: ColumnClause[Any] = literal_column(f"articles.{SEARCH_COLUMN}")
        recent = (
            select(Article.id)
            .where(vector.op("@@")(tsquery))
            .order_by(Article.id.desc())
            .limit(RANK_WINDOW)
            .subquery("recent")
        )
        return (
            select(Article)
            .join(recent, recent.c.id == Article.id)
            .order_by(
                func.ts_rank(vector, tsquery).desc(), Article.published.desc(), Article.id.desc()
            )
            .limit(limit)
        )
    match = fts5_query(query)
    if match is None:
        return None
    fts = table(FTS_TABLE, column("rowid"))
    recent = (
        select(
            fts.c.rowid.label("id"),
            literal_column(f"bm25({FTS_TABLE}, {HEADLINE_WEIGHT}, 1.0)").label("score"),
        )
        .where(text(f"{FTS_TABLE} MATCH :match").bindparams(match=match))
        .order_by(fts.c.rowid.desc())
        .limit(RANK_WINDOW)
        .subquery("recent")
    )
    return (
        select(Article)
        .join(recent, recent.c.id == Article.id)
        .order_by(recent.c.score, Article.published.desc(), Article.id.desc())
        .limit(limit)
    )


def search_articles(session: Session, query: str, *, limit: int = 200) -> Sequence[Article]:
    """Articles whose headline or text match ``query``, best match first."""
    statement = search_statement(session.get_bind().dialect.name, query, limit=limit)
    if statement is None:
        return []
    return session.scalars(statement).all()
