"""Apply an article's claims to the store: claims, folded state, events, outbox.

Everything here happens inside the caller's transaction, so a change event
and the deliveries it causes are committed together with the new state, or
not at all. Which channels an event is delivered to is decided by a route
(``alerts.routing.Router`` applies the configured subscriptions); the store
itself knows nothing of channels.

The fold is :mod:`detector.fold`'s. ``production_state`` keeps, beside the
claim holding each facet, the latest claim folded, so a claim dated at or
after it is weighed against that one row; only a claim arriving out of order
refolds its facet, over plain rows of the few columns the fold reads.
Writers of one production are serialised (PostgreSQL: a transaction-scoped
advisory lock per production, taken in a fixed order; SQLite: its single
writer), so concurrent crawls never fold from a stale state.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from newsmon.detector.fold import (
    FacetState,
    StateKey,
    check_claim,
    diff,
    fold_facet,
    fold_in,
    holders,
)
from newsmon.detector.model import Certainty, Claim
from newsmon.storage.corroboration import (
    Corroborated,
    record_reports,
    release_held,
    reports_of,
)
from newsmon.storage.models import Article, ChangeEvent, ClaimRow, Delivery, ProductionState, utcnow
from newsmon.storage.quiet import BASELINE, OLD, is_old

logger = logging.getLogger(__name__)

FacetKey = StateKey
DeliveryTarget = tuple[str, str]
"""``(channel kind, target)``, e.g. ``("webhook", "https://...")``."""
Route = Callable[[Corroborated], Iterable[DeliveryTarget]]
"""Given a change event with its outlets counted, the targets it is delivered to."""


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
    first_reading: bool = False,
    baseline: bool = False,
    max_age: float | None = None,
) -> list[ChangeEvent]:
    """Store ``claims`` read from ``article`` and record every state change they cause.

    ``article`` must be flushed (it has an id). A claim the article already
    made (a revised article read again) is not stored twice; one with a bad
    date is logged and left out. Each facet the new claims touch is folded
    (FORMAT.md's rule: arrival order cannot move a show backwards); a facet
    whose value changed gets a change event and one pending delivery per
    target that ``route`` picks for it (none without a route). Each claim
    saying a facet's current value is recorded as its outlet's report of
    the event that set it (:mod:`storage.corroboration`); an earlier event
    whose reports grew is routed again. Marks the article read. Returns
    the new events.

    An event read as its source's ``baseline`` gets no delivery; one whose
    ``as_of`` is older than ``max_age`` seconds is marked ``old`` (the route
    applies each channel's own limit). Either records why in ``quiet``.
    """
    if article.detected_at is None:
        article.detected_at = utcnow()
    fresh = _new_claims(session, article, claims, first_reading=first_reading)
    if not fresh:
        return []
    lock_productions(session, {production_key(c.show, c.season) for c in fresh})
    folding = _Folding(session)
    claim_ids = _insert_claims(session, article, fresh)
    folding.row_of.update({id(c): row_id for c, row_id in zip(fresh, claim_ids, strict=True)})
    folding.fresh.update(id(c) for c in fresh)
    folding.load_states({state_key_of(c) for c in fresh})
    after = folding.fold(fresh)
    events = folding.save(after, article)
    reports = record_reports(
        session, article=article, claims=list(zip(fresh, claim_ids, strict=True)), after=after,
        events=events,
    )  # fmt: skip
    counted = reports_of(session, [event.id for event in events])
    for event in events:
        if baseline:
            event.quiet = BASELINE
            continue
        if is_old(event.as_of, max_age):
            event.quiet = OLD
        view = Corroborated.of(event, counted.get(event.id, []))
        chosen = dict.fromkeys(route(view)) if route is not None else {}
        session.add_all(
            Delivery(event=event, channel=kind, target=target) for kind, target in chosen
        )
    if not baseline:  # a baseline poll alerts nobody, held rumours included
        release_held(session, reports.grown, route)
    session.flush()
    return events


def facet_history(session: Session, keys: Iterable[StateKey]) -> list[Claim]:
    """Every stored claim of the given facets, in feed order, read as plain rows."""
    columns = (
        ClaimRow.id, ClaimRow.show, ClaimRow.season, ClaimRow.facet, ClaimRow.value,
        ClaimRow.certainty, ClaimRow.as_of, ClaimRow.evidence, ClaimRow.rule_id,
    )  # fmt: skip
    rows: list[Any] = []
    for show, season, facet in set(keys):
        rows.extend(
            session.execute(
                select(*columns).where(
                    ClaimRow.show == show, _season_is(season), ClaimRow.facet == facet
                )
            ).all()
        )
    rows.sort(key=lambda row: row.id)
    return [claim_from_row(row) for row in rows]


def state_key_of(claim: Claim) -> StateKey:
    """``(show, season, facet)`` of a claim."""
    return (claim.show, claim.season, claim.facet)


def lock_productions(session: Session, keys: Iterable[str]) -> None:
    """Hold each production until the transaction ends, so its writers take turns.

    PostgreSQL takes a transaction-scoped advisory lock per production, in
    one order for every writer (no deadlock); SQLite has one writer at a
    time already.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for lock_id in sorted({_lock_id(key) for key in keys}):
        session.execute(select(func.pg_advisory_xact_lock(lock_id)))


def _lock_id(key: str) -> int:
    digest = hashlib.blake2b(f"newsmon production {key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


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


def _new_claims(
    session: Session, article: Article, claims: Sequence[Claim], *, first_reading: bool
) -> list[Claim]:
    """The valid claims the article did not make before."""
    valid = []
    for claim in claims:
        try:
            check_claim(claim)
        except ValueError as exc:
            logger.warning("%s: claim left out: %s", article.canonical_url, exc)
        else:
            valid.append(claim)
    if not valid or first_reading:
        return valid
    # A revised article is read again: what it already said is history, not news.
    columns = (ClaimRow.show, ClaimRow.season, ClaimRow.facet, ClaimRow.value)
    known = {
        tuple(row)
        for row in session.execute(
            select(*columns, ClaimRow.certainty, ClaimRow.as_of, ClaimRow.evidence).where(
                ClaimRow.article_id == article.id
            )
        )
    }
    return [c for c in valid if _signature(c) not in known]


def _insert_claims(session: Session, article: Article, claims: Sequence[Claim]) -> list[int]:
    """Insert the claims in one statement; their ids, in order."""
    now = utcnow()
    rows = [
        {
            "article_id": article.id,
            "show": c.show,
            "season": c.season,
            "facet": c.facet,
            "value": c.value,
            "certainty": c.certainty.name,
            "as_of": c.as_of,
            "evidence": c.evidence,
            "rule_id": c.rule_id,
            "created_at": now,
        }
        for c in claims
    ]
    statement = insert(ClaimRow).returning(ClaimRow.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


@dataclass(slots=True)
class _Stored:
    """One ``production_state`` row as the fold sees it."""

    id: int
    holder: Claim
    state: FacetState | None
    """``None`` for a row written before the latest claim was kept."""


class _Folding:
    """The states of the facets one article touches, folded and written back."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.stored: dict[StateKey, _Stored] = {}
        self.row_of: dict[int, int] = {}
        """``id()`` of a Claim object -> its claim row id."""
        self.made: list[Claim] = []
        """Every Claim read back from a row, kept alive so that no ``id()`` is reused."""
        self.fresh: set[int] = set()
        """``id()`` of the claims being applied (the others are read back without evidence)."""

    def load_states(self, keys: set[StateKey]) -> None:
        by_production = {production_key(show, season) for show, season, _facet in keys}
        table = ProductionState
        rows = self.session.execute(
            select(
                table.id, table.show, table.season, table.facet, table.value, table.certainty,
                table.as_of, table.claim_id, table.latest_as_of, table.latest_certainty,
            ).where(table.production_key.in_(sorted(by_production)))
        )  # fmt: skip
        for row in rows:
            key = (row.show, row.season, row.facet)
            if key not in keys:
                continue
            holder = self._claim(key, row.value, row.certainty, row.as_of, row.claim_id)
            state = None
            if row.latest_as_of is not None and row.latest_certainty is not None:
                state = FacetState(holder, row.latest_as_of, Certainty[row.latest_certainty])
            self.stored[key] = _Stored(row.id, holder, state)

    def fold(self, fresh: Sequence[Claim]) -> dict[StateKey, FacetState]:
        current = {k: s.state for k, s in self.stored.items() if s.state is not None}
        after = fold_in(current, fresh, self.history)
        for key, stored in self.stored.items():
            if stored.state is None:  # kept before the latest claim was: refold once
                after[key] = fold_facet(self.history(key))
        return after

    def history(self, key: StateKey) -> list[Claim]:
        """Every claim of one facet in feed order, read as plain rows."""
        show, season, facet = key
        rows = self.session.execute(
            select(ClaimRow.id, ClaimRow.value, ClaimRow.certainty, ClaimRow.as_of)
            .where(ClaimRow.show == show, _season_is(season), ClaimRow.facet == facet)
            .order_by(ClaimRow.id)
        )
        return [self._claim(key, value, cert, as_of, row_id) for row_id, value, cert, as_of in rows]

    def _claim(self, key: StateKey, value: str, certainty: str, as_of: str, row_id: int) -> Claim:
        show, season, facet = key
        claim = Claim(
            show=show,
            season=season,
            facet="stage" if facet == "stage" else "release",
            value=value,
            certainty=Certainty[certainty],
            as_of=as_of,
            evidence="",
            rule_id="",
        )
        self.row_of[id(claim)] = row_id
        self.made.append(claim)
        return claim

    def save(self, after: dict[StateKey, FacetState], article: Article) -> list[ChangeEvent]:
        """Write the changed states; return the change events (added to the session)."""
        before = {key: stored.holder for key, stored in self.stored.items()}
        now = utcnow()
        inserts, updates = [], []
        for key, state in after.items():
            stored = self.stored.get(key)
            if stored is not None and stored.state == state:
                continue  # weighed and kept: the row stays as it is
            values = {
                "value": state.holder.value,
                "certainty": state.holder.certainty.name,
                "as_of": state.holder.as_of,
                "claim_id": self.row_of[id(state.holder)],
                "latest_as_of": state.latest_as_of,
                "latest_certainty": state.latest_certainty.name,
                "updated_at": now,
            }
            if stored is None:
                show, season, facet = key
                key_values = {"production_key": production_key(show, season), "show": show}
                inserts.append({**key_values, "season": season, "facet": facet, **values})
            else:
                updates.append({"row_id": stored.id, **values})
        if inserts:
            self.session.execute(insert(ProductionState), inserts)
        if updates:
            statement = update(ProductionState).where(ProductionState.id == bindparam("row_id"))
            self.session.connection().execute(statement, updates)
        changes = diff(before, holders(after))
        return [self._event(change.old, change.claim, article) for change in changes]

    def _event(self, old: str | None, winner: Claim, article: Article) -> ChangeEvent:
        claim_id = self.row_of[id(winner)]
        evidence, rule_id = winner.evidence, winner.rule_id
        if id(winner) not in self.fresh:  # an earlier claim holds again: read its evidence
            evidence, rule_id = self.session.execute(
                select(ClaimRow.evidence, ClaimRow.rule_id).where(ClaimRow.id == claim_id)
            ).one()
        logger.info(
            "%s %s: %s -> %s",
            production_key(winner.show, winner.season),
            winner.facet,
            old,
            winner.value,
        )
        event = ChangeEvent(
            show=winner.show,
            season=winner.season,
            facet=winner.facet,
            from_value=old,
            to_value=winner.value,
            certainty=winner.certainty.name,
            as_of=winner.as_of,
            evidence=evidence,
            rule_id=rule_id,
            claim_id=claim_id,
            article=article,
        )
        self.session.add(event)
        return event


def _season_is(season: int | None) -> ColumnElement[bool]:
    return ClaimRow.season.is_(None) if season is None else ClaimRow.season == season
