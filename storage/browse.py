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
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Any, Literal

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, joinedload, object_session

from newsmon.detector.model import as_certainty
from newsmon.detector.periods import as_of_key
from newsmon.storage.corroboration import (
    annotate_status,
    current_reports,
    firmest,
    reports_of,
)
from newsmon.storage.models import (
    Article,
    ChangeEvent,
    ClaimRow,
    Delivery,
    DeliveryStatus,
    ProductionState,
    Source,
)
from newsmon.storage.outlets import outlet_of
from newsmon.storage.quiet import baseline_state
from newsmon.storage.views import (
    ArticleLink,
    ClaimView,
    EventView,
    OutletReport,
    TimelineEntry,
)

Row = dict[str, Any]
Order = Literal["asc", "desc"]
TimeOrder = Literal["happened", "detected"]
"""``happened``: by ``as_of`` (a timeline people read); ``detected``: as newsmon learnt them."""

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

    Keys: show, season, stage, certainty (the stage's, the firmest any outlet
    gave), as_of (when the stage began), release, release_certainty,
    release_as_of, updated, and who reported each and when newsmon learnt it
    (see :func:`storage.corroboration.annotate_status`). ``show`` is matched
    ignoring case.
    """
    # One row per production, folded in SQL: thousands of productions stay fast.
    stage = ProductionState.facet == "stage"
    release = ProductionState.facet == "release"
    query = select(
        ProductionState.show,
        ProductionState.season,
        func.max(case((stage, ProductionState.value))).label("stage"),
        func.max(case((stage, ProductionState.certainty))).label("certainty"),
        func.max(case((stage, ProductionState.as_of))).label("as_of"),
        func.max(case((release, ProductionState.value))).label("release"),
        func.max(case((release, ProductionState.certainty))).label("release_certainty"),
        func.max(case((release, ProductionState.as_of))).label("release_as_of"),
        func.max(ProductionState.updated_at).label("updated"),
    ).group_by(ProductionState.production_key, ProductionState.show, ProductionState.season)
    if show is not None:
        query = query.where(func.lower(ProductionState.show) == show.lower())
    rows = [row._asdict() for row in session.execute(query)]
    rows.sort(key=lambda r: (r["show"].lower(), r["season"] is not None, r["season"] or 0))
    return annotate_status(session, rows)


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
    A facet's state says who reported its value (``outlet_count``, ``outlets``),
    the firmest certainty they gave, and when newsmon learnt it (``detected_at``).
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

    current = current_reports(session, names)
    seasons: dict[tuple[str, int | None], Row] = {}
    for state in states:
        season = seasons.setdefault((state.show, state.season), _season_row(state.season))
        found = current.get((state.show, state.season, state.facet))
        reports = found.reports if found is not None else []
        season[state.facet] = {
            "value": state.value,
            "certainty": found.certainty(state.certainty) if found else state.certainty,
            "as_of": state.as_of,
            "detected_at": found.detected_at if found is not None else None,
            "outlet_count": len(reports),
            "outlets": [report.as_dict() for report in reports],
        }
    for change in with_outlets(session, [EventView.of(event) for event in latest]):
        season = seasons.setdefault((change.show, change.season), _season_row(change.season))
        season["last_change"] = change

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


def show_timeline(
    session: Session, show: str, *, order: TimeOrder = "happened"
) -> list[TimelineEntry]:
    """Every claim and change event of ``show`` (stored spelling), oldest first.

    ``happened``: by when they hold (``as_of``), a timeline; an unreadable
    ``as_of`` sorts last. ``detected``: in the order newsmon read them
    (``detected_at``), for programs. Either way a claim comes before the
    event it caused. Changes carry the outlets that reported them.
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
        entries.append((_when(order, read.as_of, read.read_at, 0, read.id), read))
    changes = with_outlets(
        session, [EventView.from_columns(event, _link(event)) for event in events]
    )
    for change in changes:
        assert change.id is not None  # stored events have ids
        entries.append((_when(order, change.as_of, change.detected_at, 1, change.id), change))
    return [entry for _key, entry in sorted(entries, key=lambda entry: entry[0])]


def _when(
    order: TimeOrder, as_of: str, detected: dt.datetime, kind: int, row_id: int
) -> tuple[Any, ...]:
    # A claim sorts before the event it caused; ids break ties in the order of reading.
    if order == "detected":
        return (detected, kind, row_id)
    return (as_of_order(as_of), kind, row_id)


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


def happened_first(events: Sequence[EventView]) -> list[EventView]:
    """Events in the order they happened (``as_of``), oldest first.

    Stable: events of one date keep the order they came in (for a page in
    detection order, the order newsmon learnt them); an unreadable date sorts last.
    """
    return sorted(events, key=lambda event: as_of_order(event.as_of))


def newest_happened_first(events: Sequence[EventView]) -> list[EventView]:
    """Events newest first by when they happened, as a person reads news.

    Events of one date keep their order; an unreadable date sorts last.
    """
    readable = [event for event in events if as_of_order(event.as_of)[0] == 0]
    unreadable = [event for event in events if as_of_order(event.as_of)[0] != 0]
    ordered = sorted(readable, key=lambda event: as_of_order(event.as_of), reverse=True)
    return ordered + unreadable


def with_outlets(session: Session, events: Sequence[EventView]) -> list[EventView]:
    """The stored ``events`` with the outlets that reported each, first read first.

    An event stored without reports (not through :func:`storage.state.apply_claims`)
    is reported by its own article.
    """
    found = reports_of(session, [event.id for event in events if event.id is not None])
    shown = []
    for event in events:
        reports = found.get(event.id) if event.id is not None else None
        shown.append(event.reported_by(reports or [own_report(event)]))
    return shown


def own_report(event: EventView) -> OutletReport:
    """The event's own article as its one report."""
    return OutletReport(
        outlet=outlet_of(event.article.url),
        article_id=event.article.id,
        url=event.article.url,
        headline=event.article.headline,
        certainty=event.certainty,
        as_of=event.as_of,
        reported_at=event.detected_at,
    )


def alert_view(delivery: Delivery) -> EventView:
    """A delivery's change as its alert words it, with its outlets and firmest certainty.

    Only the outlets read by the time the delivery was made count, so every
    retry of an alert sends the same words; the certainty is the firmest of
    the event's own and theirs.
    """
    event = EventView.of(delivery.event)
    session = object_session(delivery)
    reports: list[OutletReport] = []
    if session is not None and event.id is not None:
        reports = reports_of(session, [event.id], known_at=delivery.created_at).get(event.id, [])
    if not reports:
        return event.reported_by([own_report(event)])
    certainty = firmest([event.certainty, *(report.certainty for report in reports)])
    return replace(event.reported_by(reports), certainty=as_certainty(certainty))


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
    ``show`` is the stored spelling (see :func:`resolve_show`). ``since`` is
    a detection time. Each event carries the outlets that reported it.
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
        found = [EventView.of(event) for event in session.scalars(query)]
        return with_outlets(session, found), False
    events = session.scalars(query.limit(limit + 1)).all()
    page = [EventView.of(event) for event in events[:limit]]
    return with_outlets(session, page), len(events) > limit


def article_events(session: Session, article_id: int) -> list[EventView]:
    """The change events one article caused, in detection order."""
    events = session.scalars(
        select(ChangeEvent)
        .options(with_article_ref(ChangeEvent.article))
        .where(ChangeEvent.article_id == article_id)
        .order_by(ChangeEvent.id)
    )
    return with_outlets(session, [EventView.of(event) for event in events])


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
