"""Catalog suggestions: remember what articles say about shows the catalog does not know.

``record_suggestions`` runs in an article's unit of work (``storage.ingest``), beside
``apply_claims``; ``list_suggestions`` groups the rows by title for
``newsmon catalog suggest``. Functions take the caller's session and never
commit.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from newsmon.detector.suggest import Suggestion
from newsmon.storage.models import Article, CatalogSuggestion

logger = logging.getLogger(__name__)


def title_key(title: str) -> str:
    """How ways of writing one title are grouped: case-folded, spaces collapsed."""
    return " ".join(title.replace("’", "'").casefold().split())


def record_suggestions(session: Session, *, article: Article, found: Sequence[Suggestion]) -> None:
    """Store what ``article`` says about unknown shows, replacing what it said before.

    Reading an article again (a new version of it) replaces its rows, so
    each article counts once per title whatever the number of runs.
    """
    session.execute(delete(CatalogSuggestion).where(CatalogSuggestion.article_id == article.id))
    session.add_all(
        CatalogSuggestion(
            title_key=title_key(item.title)[:300],
            title=item.title[:300],
            article_id=article.id,
            published=article.published,
            season=item.season,
            facet=item.facet,
            value=item.value,
            certainty=item.certainty.name,
            as_of=item.as_of,
            evidence=item.evidence,
            rule_id=item.rule_id,
        )
        for item in found
    )
    if found:
        logger.debug("%s: %d catalog suggestions", article.canonical_url, len(found))


@dataclass(frozen=True, kw_only=True, slots=True)
class Evidence:
    """One claim an article made about a suggested title."""

    published: dt.date
    season: int | None
    facet: str
    value: str
    certainty: str
    evidence: str
    rule_id: str
    article_url: str


@dataclass(frozen=True, kw_only=True, slots=True)
class SuggestedTitle:
    """A title outside the catalog, with how often and when the press gave it a status."""

    title: str
    """The most recent way an article wrote it."""
    articles: int
    """Number of distinct articles."""
    first_seen: dt.date
    last_seen: dt.date
    evidence: list[Evidence]
    """Newest first."""


def list_suggestions(
    session: Session,
    *,
    known: Callable[[str], bool] = lambda _title: False,
    min_articles: int = 1,
    evidence_per_title: int = 3,
) -> list[SuggestedTitle]:
    """Suggested titles, the most often seen first; titles for which ``known`` is true are left out.

    ``known`` is typically ``lambda t: catalog.canonical(t) is not None``, so a
    title added to the catalog stops being suggested.
    """
    rows = session.execute(
        select(CatalogSuggestion, Article.canonical_url)
        .join(Article, Article.id == CatalogSuggestion.article_id)
        .order_by(CatalogSuggestion.published.desc(), CatalogSuggestion.id.desc())
    ).all()
    grouped: dict[str, list[tuple[CatalogSuggestion, str]]] = {}
    for row, url in rows:
        grouped.setdefault(row.title_key, []).append((row, url))
    result: list[SuggestedTitle] = []
    for items in grouped.values():
        newest = items[0][0]
        if known(newest.title):
            continue
        articles = {row.article_id for row, _ in items}
        if len(articles) < min_articles:
            continue
        result.append(
            SuggestedTitle(
                title=newest.title,
                articles=len(articles),
                first_seen=min(row.published for row, _ in items),
                last_seen=max(row.published for row, _ in items),
                evidence=[_evidence(row, url) for row, url in items[:evidence_per_title]],
            )
        )
    result.sort(key=lambda s: (-s.articles, -s.last_seen.toordinal(), s.title.casefold()))
    return result


def _evidence(row: CatalogSuggestion, url: str) -> Evidence:
    return Evidence(
        published=row.published,
        season=row.season,
        facet=row.facet,
        value=row.value,
        certainty=row.certainty,
        evidence=row.evidence,
        rule_id=row.rule_id,
        article_url=url,
    )
