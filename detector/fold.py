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

This module is the one place that folds and diffs: the store, the evaluator's
tracker and ``newsmon explain`` all go through :func:`fold_in` and
:func:`diff`. A claim dated at or after the latest one folded is weighed
against the facet's state alone (:func:`advance`); only a claim that arrives
out of order needs the facet's whole history (:func:`fold_facet`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsmon.detector.model import Certainty, Change, Claim, ProductionKey
from newsmon.detector.periods import Period, as_of_key

logger = logging.getLogger(__name__)

StateKey = tuple[str, int | None, str]
"""``(show, season, facet)``."""

State = dict[StateKey, Claim]
"""The claim that holds each facet of each production."""


@dataclass(frozen=True, slots=True)
class FacetState:
    """One facet's fold: the claim holding it, and the latest claim the fold kept.

    ``latest_as_of`` and ``latest_certainty`` describe the claim kept at the
    greatest ``as_of``; it is the holder, unless it was vaguer release news
    that only confirmed the holder. A newer claim is weighed against these.
    """

    holder: Claim
    latest_as_of: str
    latest_certainty: Certainty


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


def fold_facet(claims: Sequence[Claim]) -> FacetState:
    """Fold one facet's non-empty claims, given in feed order."""
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
        holder = _step(holder, claim)
    latest = ordered[-1]
    return FacetState(holder, latest.as_of, latest.certainty)


def _step(holder: Claim, claim: Claim) -> Claim:
    """The holder after ``claim``, the next kept claim in as_of order."""
    if claim.facet == "release" and _keeps(holder, claim):
        return holder
    return claim


def _keeps(holder: Claim, claim: Claim) -> bool:
    """Whether ``claim``'s release window is vaguer news that confirms ``holder``'s."""
    held = Period.parse(holder.value)
    return not held.tba and Period.parse(claim.value).contains(held)


def advance(state: FacetState | None, claim: Claim) -> FacetState | None:
    """The facet's fold after one more claim, fed after every claim folded into ``state``.

    Returns ``None`` when the state alone cannot tell: the claim is older
    than the latest claim folded, or it displaces the holder at the same
    ``as_of`` in a release facet. The caller then refolds the facet's history.
    """
    if state is None:
        return FacetState(claim, claim.as_of, claim.certainty)
    when, latest = as_of_key(claim.as_of), as_of_key(state.latest_as_of)
    if when < latest:
        return None
    if when == latest:
        if claim.certainty < state.latest_certainty:
            return state  # the claim kept at this as_of stays; nothing moves
        if claim.facet == "release" and as_of_key(state.holder.as_of) == latest:
            return None  # the holder it displaces may have hidden an earlier one that holds
    # Otherwise what it displaces, if anything, only confirmed the holder: weigh the holder.
    return FacetState(_step(state.holder, claim), claim.as_of, claim.certainty)


def fold_in(
    states: Mapping[StateKey, FacetState],
    claims: Sequence[Claim],
    history: Callable[[StateKey], Sequence[Claim]],
) -> dict[StateKey, FacetState]:
    """The states of the facets ``claims`` touch once they are fed, in order, after ``states``.

    ``states`` holds the current fold of (at least) those facets; one absent
    has no claim yet. A facet whose claims cannot be weighed against its
    state alone is refolded from ``history(key)``: every claim of the facet
    in feed order, those in ``claims`` included. Raises ValueError when a
    claim's ``as_of`` or release value is not a valid date value.
    """
    for claim in claims:
        check_claim(claim)
    grouped: dict[StateKey, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(state_key(claim), []).append(claim)
    result: dict[StateKey, FacetState] = {}
    for key, group in grouped.items():
        state: FacetState | None = states.get(key)
        for claim in group:
            state = advance(state, claim)
            if state is None:
                state = fold_facet(history(key))
                break
        assert state is not None
        result[key] = state
    return result


def fold(claims: Sequence[Claim]) -> State:
    """Fold claims, given in feed order, into the claim holding each facet.

    Keys are ``(show, season, facet)``, in the order each first appears in
    ``claims``. Raises ValueError when a claim's ``as_of`` or release value is
    not a valid date value.
    """
    grouped: dict[StateKey, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(state_key(claim), []).append(claim)
    return {key: fold_facet(group).holder for key, group in grouped.items()}


def holders(states: Mapping[StateKey, FacetState]) -> State:
    """The claim holding each facet of ``states``."""
    return {key: state.holder for key, state in states.items()}


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
    article, as FORMAT.md labels them); each claim is folded in with
    :func:`fold_in`, so only claims arriving out of order refold their facet.
    """

    def __init__(self, claims: Iterable[Claim] = ()) -> None:
        """Start from ``claims`` already seen (in feed order), without reporting changes."""
        self._claims: dict[StateKey, list[Claim]] = {}
        self._facets: dict[StateKey, FacetState] = {}
        self._productions: dict[ProductionKey, list[Claim]] = {}
        self.feed(list(claims))

    def feed(self, claims: Sequence[Claim]) -> list[Change]:
        """Add one article's claims; return the changes they make to the state.

        Raises ValueError, keeping nothing of the batch, when a claim has a bad
        ``as_of`` or release value.
        """
        for claim in claims:
            check_claim(claim)

        def history(key: StateKey) -> list[Claim]:
            return [*self._claims.get(key, []), *(c for c in claims if state_key(c) == key)]

        after = fold_in(self._facets, claims, history)
        before = {key: self._facets[key].holder for key in after if key in self._facets}
        for claim in claims:
            self._claims.setdefault(state_key(claim), []).append(claim)
            self._productions.setdefault(claim.production, []).append(claim)
        self._facets.update(after)
        changes = diff(before, holders(after))
        logger.debug("fed %d claims: %d changes", len(claims), len(changes))
        return changes

    @property
    def state(self) -> State:
        """A copy of the claim holding each facet now, keyed by ``(show, season, facet)``."""
        return holders(self._facets)

    def production_state(self, production: ProductionKey) -> State:
        """Return a copy of one production's facets, keyed by ``(show, season, facet)``."""
        claims = self._productions.get(production, [])
        return {key: self._facets[key].holder for key in dict.fromkeys(map(state_key, claims))}

    def claims(self, production: ProductionKey) -> list[Claim]:
        """Every claim seen for one production, in feed order."""
        return list(self._productions.get(production, []))
