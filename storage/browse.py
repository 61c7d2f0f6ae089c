"""Read queries behind the HTTP API and the web page: pages of shows, events, deliveries.

Every function takes the caller's session first, never commits, and returns
plain dictionaries (deliveries excepted: their ORM rows, which the caller
describes). Lists are paged with keyset cursors (the last id of the previous
page), so a page deep in a large store costs what the first one does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any, Literal

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload

from newsmon.detector.periods import as_of_key
from newsmon.storage.models import (
    Article,
    ChangeEvent,
    ClaimRow,
    Delivery,
    DeliveryStatus,
    ProductionState,
)

Row = dict[str, Any]
Order = Literal["asc", "desc"]

_ARTICLE_REF = (Article.id, Article.url, Article.canonical_url, Article.headline, Article.published)
_ARTICLE_COLUMNS = tuple(column.label(f"article_{column.key}") for column in _ARTICLE_REF)


def with_article_ref(relationship: Any) -> Any:
    """Load only what a link to the article shows (texts can be long, pages list many)."""
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
        "quiet": event.quiet,
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

    # The ids first, then the rows by primary key: given the subquery, PostgreSQL
    # misjudges how many rows come back and scans the whole table.
    latest_ids = session.scalars(
        select(func.max(ChangeEvent.id))
        .where(ChangeEvent.show.in_(names))
        .group_by(ChangeEvent.show, ChangeEvent.season)
    ).all()
    latest = session.scalars(
        select(ChangeEvent)
        .options(with_article_ref(ChangeEvent.article))
        .where(ChangeEvent.id.in_(latest_ids))
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
            ChangeEvent.quiet,
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
        "quiet": getattr(found, "quiet", None),
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
    query = select(ChangeEvent).options(with_article_ref(ChangeEvent.article))
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
