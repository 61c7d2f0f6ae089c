"""Apply an article's claims to the store: claims, folded state, events, outbox.

Everything here happens inside the caller's transaction, so a change event
and the deliveries it causes are committed together with the new state, or
not at all. Which channels an event is delivered to is decided by a route
(``alerts.routing.Router`` applies the configured subscriptions); the store
itself knows nothing of channels.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from detector.fold import fold
from detector.model import Certainty, Claim
from storage.models import Article, ChangeEvent, ClaimRow, Delivery, ProductionState, utcnow

logger = logging.getLogger(__name__)

FacetKey = tuple[str, int | None, str]
DeliveryTarget = tuple[str, str]
"""``(channel kind, target)``, e.g. ``("webhook", "https://...")``."""
Route = Callable[[ChangeEvent], Iterable[DeliveryTarget]]
"""Given a new change event (not flushed yet), the targets it is delivered to."""


def production_key(show: str, season: int | None) -> str:
    """Return the unique text key of a production; ``null`` stands for no season."""
    return f"{show}|{'null' if season is None else season}"


def claim_from_row(row: ClaimRow) -> Claim:
    """Return the detector's view of a stored claim."""
    return Claim(
        show=row.show,
        season=row.season,
        facet="stage" if row.facet == "stage" else "release",
        value=row.value,
        certainty=Certainty[row.certainty],
        as_of=row.as_of,
        evidence=row.evidence,
        rule_id=row.rule_id,
    )


def apply_claims(
    session: Session,
    *,
    article: Article,
    claims: Sequence[Claim],
    route: Route | None = None,
) -> list[ChangeEvent]:
    """Store ``claims`` read from ``article`` and record every state change they cause.

    For each facet the claims touch, all claims seen so far are folded (the
    FORMAT.md rule, so arrival order cannot move a show backwards); a facet
    whose value changed gets a change event and one pending delivery per
    target that ``route`` picks for it (none without a route). Returns the
    new events.
    """
    # A revised article is read again: what it already said is history, not news.
    known = _claim_signatures(session, article)
    rows = [_claim_row(article, c) for c in claims if _signature(c) not in known]
    session.add_all(rows)
    session.flush()
    article.detected_at = utcnow()

    events: list[ChangeEvent] = []
    touched = dict.fromkeys((row.show, row.season, row.facet) for row in rows)
    for show, season, facet in touched:
        event = _refold(session, article=article, show=show, season=season, facet=facet)
        if event is None:
            continue
        events.append(event)
        chosen = dict.fromkeys(route(event)) if route is not None else {}
        session.add_all(
            Delivery(event=event, channel=kind, target=target) for kind, target in chosen
        )
    session.flush()
    return events


ClaimSignature = tuple[str, int | None, str, str, str, str, str]


def _signature(claim: Claim) -> ClaimSignature:
    return (
        claim.show,
        claim.season,
        claim.facet,
        claim.value,
        claim.certainty.name,
        claim.as_of,
        claim.evidence,
    )


def _claim_signatures(session: Session, article: Article) -> set[ClaimSignature]:
    if article.id is None:
        return set()
    stored = session.scalars(select(ClaimRow).where(ClaimRow.article_id == article.id))
    return {_signature(claim_from_row(row)) for row in stored}


def _claim_row(article: Article, claim: Claim) -> ClaimRow:
    return ClaimRow(
        article=article,
        show=claim.show,
        season=claim.season,
        facet=claim.facet,
        value=claim.value,
        certainty=claim.certainty.name,
        as_of=claim.as_of,
        evidence=claim.evidence,
        rule_id=claim.rule_id,
    )


def _refold(
    session: Session, *, article: Article, show: str, season: int | None, facet: str
) -> ChangeEvent | None:
    history = session.scalars(
        select(ClaimRow)
        .where(ClaimRow.show == show, ClaimRow.facet == facet, _season_is(season))
        .order_by(ClaimRow.id)
    ).all()
    as_claims = [claim_from_row(row) for row in history]
    row_of = {id(claim): row for claim, row in zip(as_claims, history, strict=True)}
    winner = fold(as_claims).get((show, season, facet))
    if winner is None:
        return None
    winning_row = row_of[id(winner)]

    key = production_key(show, season)
    state = session.scalars(
        select(ProductionState).where(
            ProductionState.production_key == key, ProductionState.facet == facet
        )
    ).one_or_none()
    old_value = state.value if state is not None else None
    if state is None:
        state = ProductionState(production_key=key, show=show, season=season, facet=facet)
        session.add(state)
    state.value = winning_row.value
    state.certainty = winning_row.certainty
    state.as_of = winning_row.as_of
    state.claim_id = winning_row.id
    state.updated_at = utcnow()
    if old_value == winning_row.value:
        return None

    logger.info("%s %s: %s -> %s", key, facet, old_value, winning_row.value)
    event = ChangeEvent(
        show=show,
        season=season,
        facet=facet,
        from_value=old_value,
        to_value=winning_row.value,
        certainty=winning_row.certainty,
        as_of=winning_row.as_of,
        evidence=winning_row.evidence,
        rule_id=winning_row.rule_id,
        claim_id=winning_row.id,
        article=article,
    )
    session.add(event)
    return event


def _season_is(season: int | None) -> ColumnElement[bool]:
    return ClaimRow.season.is_(None) if season is None else ClaimRow.season == season
