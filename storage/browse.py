"""Read queries behind the HTTP API and the web page: pages of shows, events, deliveries.

Every function takes the caller's session as a keyword argument, never
commits, and returns plain dictionaries (ORM objects stay inside). Lists are
paged with keyset cursors (an id or a ``(published, id)`` pair), so a page
deep in a large store costs what the first one does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, joinedload

from detector.periods import as_of_key
from storage.models import (
    Article,
    ChangeEvent,
    ClaimRow,
    Delivery,
    DeliveryStatus,
    ProductionState,
    Source,
)

Row = dict[str, Any]
Order = Literal["asc", "desc"]


_ARTICLE_REF = (Article.id, Article.url, Article.canonical_url, Article.headline, Article.published)


_ARTICLE_COLUMNS = tuple(column.label(f"article_{column.key}") for column in _ARTICLE_REF)


def _with_article(relationship: Any) -> Any:
    # Only what a link to the article shows: texts can be long, and pages list many.
    return joinedload(relationship).load_only(*_ARTICLE_REF)


def resolve_show(session: Session, name: str) -> str | None:
    """Return how the store spells the show ``name`` (exactly, then ignoring case)."""
    exact = session.scalar(
        select(ProductionState.show).where(ProductionState.show == name).limit(1)
    )
    if exact is not None:
        return exact
    # production_state holds one row per facet of a production: small enough to scan.
    return session.scalar(
        select(ProductionState.show)
        .where(func.lower(ProductionState.show) == name.strip().lower())
        .limit(1)
    )


def article_ref(article: Article) -> Row:
    """Return the short form of an article that events, claims and lists link to."""
    return {
        "id": article.id,
        "url": article.canonical_url or article.url,
        "headline": article.headline,
        "published": article.published,
    }


def event_row(event: ChangeEvent) -> Row:
    """One change event with its article (loaded with it)."""
    return {
        "id": event.id,
        "show": event.show,
        "season": event.season,
        "facet": event.facet,
        "from": event.from_value,
        "to": event.to_value,
        "certainty": event.certainty,
        "as_of": event.as_of,
        "evidence": event.evidence,
        "rule": event.rule_id,
        "claim_id": event.claim_id,
        "detected_at": event.detected_at,
        "article": article_ref(event.article),
    }


def show_overview(
    session: Session, *, shows: Collection[str] | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[Row], int]:
    """Return shows with each season's current state, the most recently changed first.

    ``shows`` restricts the result to those stored names. Returns one page of
    rows (``show``, ``last_change``, ``seasons``) and the number of shows in all.
    """
    # One index lookup per show (production_state is small) instead of grouping
    # every change event: the newest event id of a show is the last entry of its index.
    known = select(ProductionState.show).distinct()
    if shows is not None:
        known = known.where(ProductionState.show.in_(list(shows)))
    named = known.subquery()
    last_id = (
        select(func.max(ChangeEvent.id))
        .where(ChangeEvent.show == named.c.show)
        .scalar_subquery()
        .label("last_id")
    )
    page = session.execute(
        select(named.c.show, last_id)
        .order_by(last_id.desc(), named.c.show)
        .limit(limit)
        .offset(offset)
    ).all()
    total = session.scalar(select(func.count()).select_from(named)) or 0
    names = [name for name, _last in page]
    if not names:
        return [], total

    latest = session.scalars(
        select(ChangeEvent)
        .options(_with_article(ChangeEvent.article))
        .where(
            ChangeEvent.id.in_(
                select(func.max(ChangeEvent.id))
                .where(ChangeEvent.show.in_(names))
                .group_by(ChangeEvent.show, ChangeEvent.season)
            )
        )
    ).all()
    states = session.execute(
        select(
            ProductionState.show,
            ProductionState.season,
            ProductionState.facet,
            ProductionState.value,
            ProductionState.certainty,
            ProductionState.as_of,
        ).where(ProductionState.show.in_(names))
    ).all()

    seasons: dict[tuple[str, int | None], Row] = {}
    for state in states:
        season = seasons.setdefault((state.show, state.season), _season_row(state.season))
        season[state.facet] = {
            "value": state.value,
            "certainty": state.certainty,
            "as_of": state.as_of,
        }
    for event in latest:
        season = seasons.setdefault((event.show, event.season), _season_row(event.season))
        season["last_change"] = event_row(event)

    by_show: dict[str, list[Row]] = {}
    for (show, _season), row in seasons.items():
        by_show.setdefault(show, []).append(row)
    rows = []
    for name in names:
        own = sorted(
            by_show.get(name, []), key=lambda row: (row["season"] is None, row["season"] or 0)
        )
        changes = [row["last_change"] for row in own if row["last_change"] is not None]
        last = max(changes, key=lambda change: change["id"]) if changes else None
        rows.append({"show": name, "last_change": last, "seasons": own})
    return rows, total


def _season_row(season: int | None) -> Row:
    return {"season": season, "stage": None, "release": None, "last_change": None}


def show_timeline(session: Session, show: str) -> list[Row]:
    """Every claim and change event of ``show`` (stored spelling), oldest first.

    Entries are ordered by when they hold (``as_of``), a claim before the
    event it caused; each has ``kind`` (``claim`` or ``event``) and its article.
    """
    # Plain rows, not ORM objects: a long-followed show has hundreds of entries.
    claims = session.execute(
        select(
            ClaimRow.id,
            ClaimRow.season,
            ClaimRow.facet,
            ClaimRow.value,
            ClaimRow.certainty,
            ClaimRow.as_of,
            ClaimRow.evidence,
            ClaimRow.rule_id,
            ClaimRow.created_at,
            *_ARTICLE_COLUMNS,
        )
        .join(Article, ClaimRow.article_id == Article.id)
        .where(ClaimRow.show == show)
    ).all()
    events = session.execute(
        select(
            ChangeEvent.id,
            ChangeEvent.season,
            ChangeEvent.facet,
            ChangeEvent.from_value,
            ChangeEvent.to_value,
            ChangeEvent.certainty,
            ChangeEvent.as_of,
            ChangeEvent.evidence,
            ChangeEvent.rule_id,
            ChangeEvent.claim_id,
            ChangeEvent.detected_at,
            *_ARTICLE_COLUMNS,
        )
        .join(Article, ChangeEvent.article_id == Article.id)
        .where(ChangeEvent.show == show)
    ).all()
    entries: list[tuple[tuple[Any, ...], Row]] = []
    for claim in claims:
        row = _entry(
            "claim", show, claim, old=None, new=claim.value, claim_id=claim.id,
            when=claim.created_at,
        )  # fmt: skip
        entries.append(((_as_of_order(claim.as_of), 0, claim.id), row))
    for event in events:
        row = _entry(
            "event", show, event, old=event.from_value, new=event.to_value,
            claim_id=event.claim_id, when=event.detected_at,
        )  # fmt: skip
        entries.append(((_as_of_order(event.as_of), 1, event.id), row))
    return [row for _key, row in sorted(entries, key=lambda entry: entry[0])]


def _entry(
    kind: str, show: str, found: Any, *, old: str | None, new: str, claim_id: int, when: Any
) -> Row:
    return {
        "kind": kind,
        "id": found.id,
        "show": show,
        "season": found.season,
        "facet": found.facet,
        "from": old,
        "to": new,
        "certainty": found.certainty,
        "as_of": found.as_of,
        "evidence": found.evidence,
        "rule": found.rule_id,
        "claim_id": claim_id,
        "detected_at": when,
        "article": {
            "id": found.article_id,
            "url": found.article_canonical_url or found.article_url,
            "headline": found.article_headline,
            "published": found.article_published,
        },
    }


def _as_of_order(value: str) -> tuple[Any, ...]:
    try:
        return (0, *as_of_key(value))
    except ValueError:
        return (1, value)  # an unreadable date sorts last instead of failing the page


def article_texts(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Return the text of each article in ``ids`` (for showing evidence in context)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(select(Article.id, Article.text).where(Article.id.in_(wanted)))
    return {row.id: row.text for row in rows}


def event_page(
    session: Session,
    *,
    show: str | None = None,
    facet: str | None = None,
    since: dt.datetime | None = None,
    certainty: Collection[str] | None = None,
    after_id: int | None = None,
    order: Order = "asc",
    limit: int = 50,
) -> tuple[list[Row], bool]:
    """One page of change events in detection order, and whether more follow.

    ``after_id`` is the keyset cursor: the last id of the previous page (ids
    above it for ``asc``, below it for ``desc``).
    """
    query = select(ChangeEvent).options(_with_article(ChangeEvent.article))
    if show is not None:
        query = query.where(ChangeEvent.show == show)
    if facet is not None:
        query = query.where(ChangeEvent.facet == facet)
    if since is not None:
        query = query.where(ChangeEvent.detected_at >= since)
    if certainty:
        query = query.where(ChangeEvent.certainty.in_(list(certainty)))
    query = _keyset(query, ChangeEvent.id, after_id, order)
    events = session.scalars(query.limit(limit + 1)).all()
    return [event_row(event) for event in events[:limit]], len(events) > limit


def _keyset(query: Select[Any], column: Any, after_id: int | None, order: Order) -> Select[Any]:
    if order == "asc":
        if after_id is not None:
            query = query.where(column > after_id)
        return query.order_by(column.asc())
    if after_id is not None:
        query = query.where(column < after_id)
    return query.order_by(column.desc())


ArticleKey = tuple[dt.date, int]
"""Where a page of articles (newest first) left off: the last ``(published, id)``."""


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
            .options(joinedload(Article.source), _with_article(Article.duplicate_of))
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
            {**article_ref(copy), "reason": copy.duplicate_reason}
        )
    rows = []
    for article_id in ids:
        article = found.get(article_id)
        if article is None:
            continue
        original = article.duplicate_of
        row = {
            **article_ref(article),
            "fetched_url": article.url,
            "source": article.source.name if article.source else None,
            "site_name": article.site_name,
            "author": article.author,
            "first_seen_at": article.first_seen_at,
            "duplicate_of": None if original is None else article_ref(original),
            "duplicate_reason": article.duplicate_reason,
            "duplicates": copies.get(article.id, []),
        }
        if with_text:
            row["text"] = article.text
        rows.append(row)
    return rows


def article_findings(session: Session, article_id: int) -> tuple[list[Row], list[Row]]:
    """Return the claims read from one article and the change events it caused."""
    claims = session.scalars(
        select(ClaimRow).where(ClaimRow.article_id == article_id).order_by(ClaimRow.id)
    ).all()
    events = session.scalars(
        select(ChangeEvent)
        .options(_with_article(ChangeEvent.article))
        .where(ChangeEvent.article_id == article_id)
        .order_by(ChangeEvent.id)
    ).all()
    claim_rows = [
        {
            "id": claim.id,
            "show": claim.show,
            "season": claim.season,
            "facet": claim.facet,
            "value": claim.value,
            "certainty": claim.certainty,
            "as_of": claim.as_of,
            "evidence": claim.evidence,
            "rule": claim.rule_id,
        }
        for claim in claims
    ]
    return claim_rows, [event_row(event) for event in events]


def delivery_page(
    session: Session,
    *,
    status: DeliveryStatus | None = None,
    channel: str | None = None,
    event_id: int | None = None,
    after_id: int | None = None,
    limit: int = 50,
) -> tuple[list[Delivery], bool]:
    """One page of deliveries, newest first (with their events loaded), and whether more follow."""
    query = select(Delivery).options(
        joinedload(Delivery.event).joinedload(ChangeEvent.article).load_only(*_ARTICLE_REF)
    )
    if status is not None:
        query = query.where(Delivery.status == status)
    if channel is not None:
        query = query.where(Delivery.channel == channel)
    if event_id is not None:
        query = query.where(Delivery.event_id == event_id)
    query = _keyset(query, Delivery.id, after_id, "desc")
    rows = session.scalars(query.limit(limit + 1)).unique().all()
    return list(rows[:limit]), len(rows) > limit


def source_names(session: Session) -> list[str]:
    """Return the names of every stored source, sorted."""
    return list(session.scalars(select(Source.name).order_by(Source.name)))
