"""Fold claims into the state of each production, and diff states into changes.

The rule is FORMAT.md's, whatever order the claims arrived in::

    sort the claims by as_of (first day, then last day)
    among claims with the same as_of keep the most certain
      (confirmed > expected > rumored; equal certainty: the one fed later)
    state = none
    for each kept claim, in order:
        if facet is release and state is a date or window
           and the claim's window contains the state's window:
            continue        # vaguer news ("2024") confirms "2024-11"
        state = claim

So an old article crawled late, or a recap of past events inside a new one,
never moves a show backwards, and a vaguer release window never undoes a
precise one.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence

from detector.model import Change, Claim, ProductionKey
from detector.periods import Period, as_of_key

logger = logging.getLogger(__name__)

StateKey = tuple[str, int | None, str]
"""``(show, season, facet)``."""

State = dict[StateKey, Claim]
"""The claim that holds each facet of each production."""


def state_key(claim: Claim) -> StateKey:
    """Return the ``(show, season, facet)`` a claim is about."""
    return (claim.show, claim.season, claim.facet)


def check_claim(claim: Claim) -> None:
    """Raise ValueError, naming the claim, if its ``as_of`` or release value is not a date."""
    try:
        as_of_key(claim.as_of)
        if claim.facet == "release":
            Period.parse(claim.value)
    except ValueError as exc:
        raise ValueError(f"{claim.show}|{claim.season} {claim.facet}: {exc}") from None


def _fold_facet(claims: Sequence[Claim]) -> Claim:
    """Pick the claim that holds one facet from its non-empty claims in feed order."""
    kept: dict[tuple[dt.date, dt.date, bool], Claim] = {}
    for claim in claims:
        when = as_of_key(claim.as_of)
        best = kept.get(when)
        # Claims come in feed order, so on equal certainty the later one wins.
        if best is None or claim.certainty >= best.certainty:
            kept[when] = claim
    ordered = [kept[when] for when in sorted(kept)]
    holder = ordered[0]
    for claim in ordered[1:]:
        if claim.facet == "release" and _keeps(holder, claim):
            continue
        holder = claim
    return holder


def _keeps(holder: Claim, claim: Claim) -> bool:
    """Whether ``claim``'s release window is vaguer news that confirms ``holder``'s."""
    held = Period.parse(holder.value)
    return not held.tba and Period.parse(claim.value).contains(held)


def fold(claims: Sequence[Claim]) -> State:
    """Fold claims, given in feed order, into the claim holding each facet.

    Keys are ``(show, season, facet)``, in the order each first appears in
    ``claims``. Raises ValueError when a claim's ``as_of`` or release value is
    not a valid date value.
    """
    grouped: dict[StateKey, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(state_key(claim), []).append(claim)
    return {key: _fold_facet(group) for key, group in grouped.items()}


def diff(before: Mapping[StateKey, Claim], after: Mapping[StateKey, Claim]) -> list[Change]:
    """One Change per facet whose value differs from ``before`` to ``after``.

    ``old`` is None the first time a facet gets a value. A facet whose value
    stays the same (even if a newer claim now holds it) is no change.
    """
    changes: list[Change] = []
    for key, claim in after.items():
        previous = before.get(key)
        old = None if previous is None else previous.value
        if old == claim.value:
            continue
        changes.append(
            Change(
                show=claim.show,
                season=claim.season,
                facet=claim.facet,
                old=old,
                new=claim.value,
                claim=claim,
            )
        )
    return changes


class StateTracker:
    """Keeps every claim seen so far and reports what each new batch changes.

    ``feed`` takes one article's claims at a time (events are computed per
    article, as FORMAT.md labels them) and refolds only the productions that
    article touched.
    """

    def __init__(self, claims: Iterable[Claim] = ()) -> None:
        """Start from ``claims`` already seen (in feed order), without reporting changes."""
        self._claims: dict[ProductionKey, list[Claim]] = {}
        self._states: dict[ProductionKey, State] = {}
        self.feed(list(claims))

    def feed(self, claims: Sequence[Claim]) -> list[Change]:
        """Add one article's claims; return the changes they make to the state.

        Raises ValueError, keeping nothing of the batch, when a claim has a bad
        ``as_of`` or release value.
        """
        for claim in claims:
            check_claim(claim)
        touched: dict[ProductionKey, None] = {}
        for claim in claims:
            self._claims.setdefault(claim.production, []).append(claim)
            touched[claim.production] = None
        changes: list[Change] = []
        for production in touched:
            after = fold(self._claims[production])
            changes.extend(diff(self._states.get(production, {}), after))
            self._states[production] = after
        logger.debug("fed %d claims: %d changes", len(claims), len(changes))
        return changes

    @property
    def state(self) -> State:
        """A copy of the claim holding each facet now, keyed by ``(show, season, facet)``."""
        return {key: claim for state in self._states.values() for key, claim in state.items()}

    def production_state(self, production: ProductionKey) -> State:
        """Return a copy of one production's facets, keyed by ``(show, season, facet)``."""
        return dict(self._states.get(production, {}))

    def claims(self, production: ProductionKey) -> list[Claim]:
        """Every claim seen for one production, in feed order."""
        return list(self._claims.get(production, []))
