"""Read-only queries over the store: status, one show's history, events, articles.

Each returns plain dictionaries with the keys the CLI and API print, so the
callers only format them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, joinedload

from newsmon.detector.periods import as_of_key
from newsmon.storage.corroboration import annotate_status
from newsmon.storage.models import Article, ChangeEvent, ClaimRow, ProductionState, Source
from newsmon.storage.quiet import baseline_state
from newsmon.storage.search import search_articles

Row = dict[str, Any]


def _as_of_key(value: str) -> tuple[Any, ...]:
    try:
        return as_of_key(value)
    except ValueError:
        return (dt.date.max,)


def status(session: Session, *, show: str | None = None) -> list[Row]:
    """Current stage and release per production, each with its certainty.

    Keys: show, season, stage, certainty (the stage's, the firmest any outlet
    gave), as_of (when the stage began), release, release_certainty,
    release_as_of, updated, and who reported each (see
    :func:`storage.corroboration.annotate_status`).
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


def show_history(session: Session, show: str, *, order: TimeOrder = "happened") -> list[Row]:
    """Every claim and change event for ``show``, oldest first.

    ``happened``: by when they hold (``as_of``), a timeline; ``detected``: in
    the order newsmon read them (``detected_at``), for programs.
    """
    # Plain rows rather than ORM objects: a show may have hundreds of each.
    claims = session.execute(
        select(
            ClaimRow.id, ClaimRow.show, ClaimRow.season, ClaimRow.facet, ClaimRow.value,
            ClaimRow.certainty, ClaimRow.as_of, ClaimRow.rule_id, ClaimRow.evidence, Article.url,
            ClaimRow.created_at,
        )
        .join(Article, Article.id == ClaimRow.article_id)
        .where(func.lower(ClaimRow.show) == show.lower())
    )  # fmt: skip
    events = session.execute(
        select(
            ChangeEvent.id, ChangeEvent.show, ChangeEvent.season, ChangeEvent.facet,
            ChangeEvent.from_value, ChangeEvent.to_value, ChangeEvent.certainty,
            ChangeEvent.as_of, ChangeEvent.rule_id, ChangeEvent.evidence, Article.url,
            ChangeEvent.quiet, ChangeEvent.detected_at,
        )
        .join(Article, Article.id == ChangeEvent.article_id)
        .where(func.lower(ChangeEvent.show) == show.lower())
    )  # fmt: skip
    entries: list[tuple[tuple[Any, ...], Row]] = []
    for claim in claims:
        entries.append((
            _when(order, claim.as_of, claim.created_at, 0, claim.id),
            {"kind": "claim", "show": claim.show, "season": claim.season, "facet": claim.facet,
             "from": None, "to": claim.value, "certainty": claim.certainty, "as_of": claim.as_of,
             "rule": claim.rule_id, "evidence": claim.evidence, "article_url": claim.url,
             "quiet": None, "detected_at": claim.created_at},
        ))  # fmt: skip
    for event in events:
        entries.append((
            _when(order, event.as_of, event.detected_at, 1, event.id),
            {"kind": "event", "show": event.show, "season": event.season, "facet": event.facet,
             "from": event.from_value, "to": event.to_value, "certainty": event.certainty,
             "as_of": event.as_of, "rule": event.rule_id, "evidence": event.evidence,
             "article_url": event.url, "quiet": event.quiet, "detected_at": event.detected_at},
        ))  # fmt: skip
    return [row for _key, row in sorted(entries, key=lambda entry: entry[0])]


TimeOrder = Literal["happened", "detected"]
"""``happened``: by ``as_of`` (a timeline people read); ``detected``: as newsmon learnt them."""


def _when(
    order: TimeOrder, as_of: str, detected: dt.datetime, kind: int, row_id: int
) -> tuple[Any, ...]:
    # A claim sorts before the event it caused; ids break ties in the order of reading.
    if order == "detected":
        return (detected, kind, row_id)
    return (_as_of_key(as_of), kind, row_id)


def event_row(event: ChangeEvent) -> Row:
    """The public shape of one change event."""
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
        "article_url": event.article.url,
        "detected_at": event.detected_at,
        "quiet": event.quiet,
    }


def events(
    session: Session,
    *,
    since: dt.datetime | None = None,
    show: str | None = None,
    order: TimeOrder = "detected",
) -> list[Row]:
    """Change events in the order they were detected (or happened), optionally since a time.

    ``since`` is a detection time either way: what newsmon learnt since then.
    """
    query = (
        select(ChangeEvent)
        .options(joinedload(ChangeEvent.article).load_only(Article.url))
        # Detection order; the detected_at index then serves --since too.
        .order_by(ChangeEvent.detected_at, ChangeEvent.id)
    )
    if since is not None:
        query = query.where(ChangeEvent.detected_at >= since)
    if show is not None:
        query = query.where(func.lower(ChangeEvent.show) == show.lower())
    rows = [event_row(event) for event in session.scalars(query)]
    if order == "happened":  # stable: events of one date keep the order they were learnt
        rows.sort(key=lambda row: _as_of_key(row["as_of"]))
    return rows


def articles(session: Session, *, search: str | None = None, limit: int = 200) -> list[Row]:
    """Stored articles, newest first; with ``search``, those matching it, best match first.

    ``search`` is a full-text query (see :mod:`storage.search`): words,
    ``"a phrase"``, ``or``, ``-excluded``.
    """
    found: Iterable[Article]
    if search and search.strip():
        found = search_articles(session, search, limit=limit)
    else:
        found = session.scalars(
            select(Article).order_by(Article.published.desc(), Article.id.desc()).limit(limit)
        )
    return [
        {
            "id": article.id,
            "url": article.url,
            "canonical_url": article.canonical_url,
            "headline": article.headline,
            "published": article.published,
            "duplicate_of": article.duplicate_of_id,
        }
        for article in found
    ]


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
