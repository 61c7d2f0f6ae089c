"""The store's one read layer: shows, their state, timelines, change events, deliveries.

The CLI, the JSON API, the Atom feeds and the web pages all read through
these functions (articles: :mod:`storage.browse_articles`). Each takes the
caller's session first and never commits. Change events and claims come back
as :mod:`storage.views` values, so every surface links the same article and
words the same summary; states and listings as plain dictionaries;
deliveries as their ORM rows, which the caller describes. Lists are paged
with keyset cursors (the last id of the previous page), so a page deep in a
large store costs what the first one does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any, Literal

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, joinedload

from newsmon.detector.periods import as_of_key
from newsmon.storage.models import (
    Article,
    ChangeEvent,
    ClaimRow,
    Delivery,
    DeliveryStatus,
    ProductionState,
    Source,
)
from newsmon.storage.quiet import baseline_state
from newsmon.storage.views import (
    ArticleLink,
    ClaimView,
    EventView,
    TimelineEntry,
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


def status(session: Session, *, show: str | None = None) -> list[Row]:
    """Current stage and release per production, each with its certainty.

    Keys: show, season, stage, certainty (the stage's), release,
    release_certainty, updated. ``show`` is matched ignoring case.
    """
    # One row per production, folded in SQL: thousands of productions stay fast.
    stage = ProductionState.facet == "stage"
    release = ProductionState.facet == "release"
    query = select(
        ProductionState.show,
        ProductionState.season,
        func.max(case((stage, ProductionState.value))).label("stage"),
        func.max(case((stage, ProductionState.certainty))).label("certainty"),
        func.max(case((release, ProductionState.value))).label("release"),
        func.max(case((release, ProductionState.certainty))).label("release_certainty"),
        func.max(ProductionState.updated_at).label("updated"),
    ).group_by(ProductionState.production_key, ProductionState.show, ProductionState.season)
    if show is not None:
        query = query.where(func.lower(ProductionState.show) == show.lower())
    rows = [row._asdict() for row in session.execute(query)]
    return sorted(
        rows, key=lambda r: (r["show"].lower(), r["season"] is not None, r["season"] or 0)
    )


def source_baselines(session: Session, configured: dict[str, bool]) -> list[Row]:
    """Whether each source's news alerts yet: the configured ones, then others stored.

    ``configured`` maps a configured source's name to its ``baseline`` setting.
    Keys: ``source``, ``baseline`` (``baselined``, ``pending`` or ``off``), ``baselined_at``.
    """
    rows = session.execute(select(Source.name, Source.baselined_at))
    stored = {row.name: row.baselined_at for row in rows}
    names = [*configured, *sorted(name for name in stored if name not in configured)]
    return [
        {
            "source": name,
            "baseline": baseline_state(stored.get(name), opted_out=not configured.get(name, True)),
            "baselined_at": stored.get(name),
        }
        for name in names
    ]


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
        season["last_change"] = EventView.of(event)

    by_show: dict[str, list[Row]] = {}
    for (show, _season), row in seasons.items():
        by_show.setdefault(show, []).append(row)
    rows = []
    for name in names:
        own = sorted(
            by_show.get(name, []), key=lambda row: (row["season"] is None, row["season"] or 0)
        )
        changes = [row["last_change"] for row in own if row["last_change"] is not None]
        last = max(changes, key=lambda change: change.id) if changes else None
        rows.append({"show": name, "last_change": last, "seasons": own})
    return rows, total


def _season_row(season: int | None) -> Row:
    return {"season": season, "stage": None, "release": None, "last_change": None}


def show_timeline(session: Session, show: str) -> list[TimelineEntry]:
    """Every claim and change event of ``show`` (stored spelling), oldest first.

    Entries are ordered by when they hold (``as_of``), a claim before the
    event it caused; an unreadable ``as_of`` sorts last.
    """
    # Plain rows, not ORM objects: a long-followed show has hundreds of entries.
    claims = session.execute(
        select(
            ClaimRow.id,
            ClaimRow.show,
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
            ChangeEvent.show,
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
    entries: list[tuple[tuple[Any, ...], TimelineEntry]] = []
    for claim in claims:
        read = ClaimView.from_columns(claim, _link(claim))
        entries.append(((as_of_order(claim.as_of), 0, claim.id), read))
    for event in events:
        change = EventView.from_columns(event, _link(event))
        entries.append(((as_of_order(event.as_of), 1, event.id), change))
    return [entry for _key, entry in sorted(entries, key=lambda entry: entry[0])]


def _link(row: Any) -> ArticleLink:
    return ArticleLink.from_columns(
        row.article_id,
        row.article_url,
        row.article_canonical_url,
        row.article_headline,
        row.article_published,
    )


def as_of_order(value: str) -> tuple[Any, ...]:
    """Sort key of an ``as_of``: by when it holds; an unreadable one last, not an error."""
    try:
        return (0, *as_of_key(value))
    except ValueError:
        return (1, value)


def event_page(
    session: Session,
    *,
    show: str | None = None,
    facet: str | None = None,
    since: dt.datetime | None = None,
    certainty: Collection[str] | None = None,
    after_id: int | None = None,
    order: Order = "asc",
    limit: int | None = 50,
) -> tuple[list[EventView], bool]:
    """One page of change events in detection order, and whether more follow.

    ``after_id`` is the keyset cursor: the last id of the previous page (ids
    above it for ``asc``, below it for ``desc``); ``limit`` None reads them all.
    ``show`` is the stored spelling (see :func:`resolve_show`).
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
    if limit is None:
        return [EventView.of(event) for event in session.scalars(query)], False
    events = session.scalars(query.limit(limit + 1)).all()
    return [EventView.of(event) for event in events[:limit]], len(events) > limit


def article_events(session: Session, article_id: int) -> list[EventView]:
    """The change events one article caused, in detection order."""
    events = session.scalars(
        select(ChangeEvent)
        .options(with_article_ref(ChangeEvent.article))
        .where(ChangeEvent.article_id == article_id)
        .order_by(ChangeEvent.id)
    )
    return [EventView.of(event) for event in events]


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
