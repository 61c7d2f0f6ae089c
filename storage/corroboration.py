"""Corroboration: which outlets reported each change, and how firmly.

A rumour is worth reading when more than one outlet carries it. Every change
event keeps its reports (``event_reports``): one row per outlet (a site, see
:mod:`storage.outlets`) that said the event's new value while it held. The
article that caused the event is its first report; a later article of
another outlet saying the same value adds a row instead of being ignored,
and one saying it more firmly (a rumour, then the network's announcement)
raises the certainty. A copy of a story (same text, syndicated, a
near-duplicate: :mod:`storage.dedupe` links it to the story's original)
counts as the original's outlet, so a story syndicated ten times is one
report.

The current state of a facet is the value its latest change event set, so
the state's outlets are that event's reports, and the state's certainty is
the firmest of them (the fold keeps the claim with the latest ``as_of``,
which may be a vaguer report than an earlier, firmer one of the same value).

Everything here runs inside :func:`storage.state.apply_claims`'s
transaction. Routing sees an event with its outlets counted
(:class:`Corroborated`), so a subscription can wait for a second outlet
(``min_sources``); when an event's reports grow, it is routed again and any
channel that now wants it gets its one delivery.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from newsmon.detector.fold import FacetState, StateKey, state_key
from newsmon.detector.model import CERTAINTIES, Claim
from newsmon.storage.models import (
    Article,
    ChangeEvent,
    ClaimRow,
    Delivery,
    EventReport,
    utcnow,
)
from newsmon.storage.outlets import outlet_of
from newsmon.storage.quiet import BASELINE
from newsmon.storage.views import OutletReport, utc


def firmest(values: Iterable[str]) -> str | None:
    """The most certain of ``values`` (unknown names count as least certain)."""
    best: str | None = None
    for value in values:
        if best is None or _rank(value) > _rank(best):
            best = value
    return best


def _rank(certainty: str) -> int:
    return CERTAINTIES.index(certainty) if certainty in CERTAINTIES else -1


@dataclass(frozen=True, slots=True)
class Corroborated:
    """A change event as routing sees it: with its outlets counted and its firmest certainty."""

    show: str
    facet: str
    to_value: str
    certainty: str
    as_of: str
    sources: int
    """How many outlets reported it so far."""

    @classmethod
    def of(cls, event: ChangeEvent, reports: Sequence[OutletReport]) -> Corroborated:
        """The event with ``reports`` (its own certainty counts even without any)."""
        certainty = firmest([event.certainty, *(r.certainty for r in reports)]) or event.certainty
        return cls(
            show=event.show,
            facet=event.facet,
            to_value=event.to_value,
            certainty=certainty,
            as_of=event.as_of,
            sources=max(len(reports), 1),
        )


def article_outlet(session: Session, article: Article) -> str:
    """The outlet an article counts for: its story's original's site."""
    if article.duplicate_of_id is None:
        return outlet_of(article.canonical_url or article.url)
    original = session.execute(
        select(Article.canonical_url, Article.url).where(Article.id == article.duplicate_of_id)
    ).one()
    return outlet_of(original.canonical_url or original.url)


@dataclass(slots=True)
class Reports:
    """What one article's claims added to the reports of change events."""

    grown: list[ChangeEvent] = field(default_factory=list)
    """Earlier events that gained an outlet or certainty: routed again."""


def record_reports(
    session: Session,
    *,
    article: Article,
    claims: Sequence[tuple[Claim, int]],
    after: dict[StateKey, FacetState],
    events: Sequence[ChangeEvent],
) -> Reports:
    """Add the article's claims to the reports of the events that set each facet's value.

    ``claims`` are the article's new claims with their row ids; ``after`` the
    folded states of the facets they touch; ``events`` the change events
    they caused (flushed here). A claim reports the facet's current value
    when it says that value; the firmest such claim per facet counts, once
    per outlet.
    """
    session.flush()
    now = utcnow()
    outlet = article_outlet(session, article)
    best: dict[StateKey, tuple[Claim, int]] = {}
    for claim, claim_id in claims:
        key = state_key(claim)
        state = after.get(key)
        if state is None or claim.value != state.holder.value:
            continue
        if key not in best or claim.certainty > best[key][0].certainty:
            best[key] = (claim, claim_id)
    created = {(e.show, e.season, e.facet): e for e in events}
    result = Reports()
    for key, event in created.items():
        if key not in best:  # an earlier claim holds again: its article reports the value
            _report_holder(session, event, now)
    for key, (claim, claim_id) in best.items():
        found = created.get(key) or latest_event(session, key)
        if found is None:
            continue
        report = _Report(outlet, article.id, claim, claim_id)
        if _add(session, found, report, now) and key not in created:
            result.grown.append(found)
    session.flush()
    return result


@dataclass(frozen=True, slots=True)
class _Report:
    outlet: str
    article_id: int
    claim: Claim
    claim_id: int


def _add(session: Session, event: ChangeEvent, report: _Report, now: dt.datetime) -> bool:
    """Record the outlet's report; whether the event's reports grew (a new outlet, or firmer)."""
    outlet, article_id, claim, claim_id = (
        report.outlet, report.article_id, report.claim, report.claim_id,
    )  # fmt: skip
    row = session.scalar(
        select(EventReport).where(EventReport.event_id == event.id, EventReport.outlet == outlet)
    )
    if row is None:
        session.add(
            EventReport(
                event_id=event.id,
                outlet=outlet,
                article_id=article_id,
                claim_id=claim_id,
                certainty=claim.certainty.name,
                as_of=claim.as_of,
                reported_at=now,
            )
        )
        return True
    if _rank(claim.certainty.name) <= _rank(row.certainty):
        return False
    row.certainty, row.claim_id, row.as_of = claim.certainty.name, claim_id, claim.as_of
    return True


def _report_holder(session: Session, event: ChangeEvent, now: dt.datetime) -> None:
    holder = session.execute(
        select(ClaimRow.article_id, ClaimRow.certainty, ClaimRow.as_of).where(
            ClaimRow.id == event.claim_id
        )
    ).one()
    article = session.get_one(Article, holder.article_id)
    session.add(
        EventReport(
            event_id=event.id,
            outlet=article_outlet(session, article),
            article_id=article.id,
            claim_id=event.claim_id,
            certainty=holder.certainty,
            as_of=holder.as_of,
            reported_at=now,
        )
    )


def latest_event(session: Session, key: StateKey) -> ChangeEvent | None:
    """The change event that set a facet's current value (its latest)."""
    show, season, facet = key
    return session.scalar(
        select(ChangeEvent)
        .where(ChangeEvent.show == show, _season_is(season), ChangeEvent.facet == facet)
        .order_by(ChangeEvent.id.desc())
        .limit(1)
    )


def _season_is(season: int | None) -> ColumnElement[bool]:
    return ChangeEvent.season.is_(None) if season is None else ChangeEvent.season == season


CorroboratedRoute = Callable[[Corroborated], Iterable[tuple[str, str]]]
"""Given an event with its outlets counted, the ``(kind, target)`` pairs it goes to."""


def release_held(
    session: Session, events: Sequence[ChangeEvent], route: CorroboratedRoute | None
) -> int:
    """Route again events whose reports grew; add a delivery for each channel that now wants one.

    A channel that already has the event keeps its one delivery; one whose
    subscription waited for more outlets (``min_sources``) or a firmer
    report gets it now. Events read as a baseline stay history. Returns
    how many deliveries were added.
    """
    if route is None:
        return 0
    now = utcnow()
    added = 0
    for event in events:
        if event.quiet == BASELINE:
            continue
        view = Corroborated.of(event, reports_of(session, [event.id]).get(event.id, []))
        existing = {
            (row.channel, row.target)
            for row in session.execute(
                select(Delivery.channel, Delivery.target).where(Delivery.event_id == event.id)
            )
        }
        for kind, target in dict.fromkeys(route(view)):
            if (kind, target) in existing:
                continue
            session.add(
                Delivery(
                    event_id=event.id,
                    channel=kind,
                    target=target,
                    created_at=now,
                    next_attempt_at=now,
                )
            )
            added += 1
    session.flush()
    return added


def reports_of(
    session: Session, event_ids: Iterable[int], *, known_at: dt.datetime | None = None
) -> dict[int, list[OutletReport]]:
    """The reports of each event, first read first; ``known_at``: only those read by then.

    An alert lists the outlets known when its delivery was made, so a retry
    sends the same document.
    """
    ids = sorted(set(event_ids))
    if not ids:
        return {}
    query = (
        select(
            EventReport.event_id,
            EventReport.outlet,
            EventReport.article_id,
            EventReport.certainty,
            EventReport.as_of,
            EventReport.reported_at,
            Article.canonical_url,
            Article.url,
            Article.headline,
        )
        .join(Article, Article.id == EventReport.article_id)
        .where(EventReport.event_id.in_(ids))
        .order_by(EventReport.event_id, EventReport.reported_at, EventReport.id)
    )
    if known_at is not None:
        query = query.where(EventReport.reported_at <= known_at)
    found: dict[int, list[OutletReport]] = {}
    for row in session.execute(query):
        found.setdefault(row.event_id, []).append(
            OutletReport(
                outlet=row.outlet,
                article_id=row.article_id,
                url=row.canonical_url or row.url,
                headline=row.headline,
                certainty=row.certainty,
                as_of=row.as_of,
                reported_at=utc(row.reported_at),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class CurrentReports:
    """A facet's current value as corroborated: the event that set it and its reports."""

    event_id: int
    detected_at: dt.datetime
    """When newsmon learnt the current value."""
    reports: list[OutletReport]

    def certainty(self, own: str) -> str:
        """The firmest of ``own`` (the state's) and the reports'."""
        return firmest([own, *(r.certainty for r in self.reports)]) or own


def current_reports(session: Session, shows: Sequence[str]) -> dict[StateKey, CurrentReports]:
    """For each facet of the given shows: the event that set its value, and its reports."""
    if not shows:
        return {}
    latest_ids = (
        select(func.max(ChangeEvent.id))
        .where(ChangeEvent.show.in_(list(shows)))
        .group_by(ChangeEvent.show, ChangeEvent.season, ChangeEvent.facet)
    )
    latest = session.execute(
        select(
            ChangeEvent.id,
            ChangeEvent.show,
            ChangeEvent.season,
            ChangeEvent.facet,
            ChangeEvent.detected_at,
        ).where(ChangeEvent.id.in_(latest_ids))
    ).all()
    reports = reports_of(session, [row.id for row in latest])
    return {
        (row.show, row.season, row.facet): CurrentReports(
            row.id, row.detected_at, reports.get(row.id, [])
        )
        for row in latest
    }


def annotate_status(session: Session, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add to ``newsmon status`` rows who reported each facet, and when newsmon learnt it.

    Adds ``outlet_count``, ``outlets``, ``detected_at`` (the stage's; the
    release's as ``release_outlet_count``, ``release_outlets``,
    ``release_detected_at``), and raises ``certainty`` and
    ``release_certainty`` to the firmest report.
    """
    current = current_reports(session, sorted({row["show"] for row in rows}))
    for row in rows:
        for facet, prefix in (("stage", ""), ("release", "release_")):
            found = current.get((row["show"], row["season"], facet))
            reports = found.reports if found is not None else []
            if found is not None and row.get(f"{prefix}certainty"):
                row[f"{prefix}certainty"] = found.certainty(row[f"{prefix}certainty"])
            row[f"{prefix}outlet_count"] = len(reports)
            row[f"{prefix}outlets"] = [r.as_dict() for r in reports]
            row[f"{prefix}detected_at"] = found.detected_at if found is not None else None
    return rows


def describe(reports: Sequence[OutletReport]) -> dict[str, object]:
    """``outlet_count`` and ``outlets`` (the public shape of each report)."""
    return {"outlet_count": len(reports), "outlets": [r.as_dict() for r in reports]}
