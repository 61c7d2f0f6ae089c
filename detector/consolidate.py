"""Per-article consolidation of candidate claims (FORMAT.md, the detector's brief).

Within one article and one production:

- the headline is read with the body, and the body wins: a headline claim is
  dropped when the body says anything about the same show and facet as of the
  headline's time or later (a body that only recalls earlier steps leaves it),
  and a headline's release window gives way to a body date inside it;
- a plan ("set to start filming") adds nothing when the article states a
  stage as fact at the same date, or states a stage at least as advanced;
- a stage implied by a more advanced stage at the same ``as_of`` adds nothing;
- among release claims with the same ``as_of`` and certainty, a window that
  contains a more precise one is dropped (vaguer news confirms precise); a
  confirmed release (one that happened) needs no same ``as_of``;
- within a sentence, a claim dated only by the publication date gives way to
  the same claim with a stated date; exact duplicates collapse to the first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsmon.detector.model import Certainty, Claim
from newsmon.detector.periods import Period
from newsmon.detector.seasons import find_seasons
from newsmon.detector.stage_rules import (
    BOX_OFFICE,
    CASTING,
    CHART_RUN,
    PRESENT_RELEASES,
    SET_PHOTOS,
)
from newsmon.detector.text import normalise

# Order of the stages a production moves through; cancelled and on_hold sit
# outside it but make any plan moot.
LINEAR = ("announced", "pre_production", "filming", "wrapped", "post_production", "released")
_SERIES_ORDER = "stage.announced.series-order"
_THEATRICAL_RUN = frozenset({BOX_OFFICE, CHART_RUN})
_THEATRICAL_WINDOW = dt.timedelta(days=90)
"""About how long a film stays in cinemas: later dates are not for the film now showing."""
_RANK = {stage: rank for rank, stage in enumerate(LINEAR)} | {"cancelled": 9, "on_hold": 9}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A claim before consolidation, with where it came from."""

    claim: Claim
    sentence: int
    offset: int
    headline: bool = False
    weak: bool = False
    """A plan or a passing list: counts only when nothing firmer is said."""
    dated: bool = False
    """The as_of (or release value) comes from a date stated in the sentence."""
    group: int = 0
    """The main clause the evidence sits in (relative and temporal clauses count with theirs)."""
    named: bool = True
    """The sentence names the production itself, rather than pointing back to it ("the film")."""
    later_part: bool = False
    """A date for a split season's later part ("Part 2 is due in 2024")."""
    show_level: bool = False
    """The sentence speaks of the show as a whole: it names no season, part or episode."""
    season_told: bool = False
    """The sentence itself says which season ("season 3 premiered"), rather than the story."""
    newest_unnumbered: bool = False
    """Said of "the final season" or "the new season" before the article gave its number."""

    @property
    def key(self) -> tuple[str, int | None, str, str]:
        """(show, season, facet, value)."""
        c = self.claim
        return (c.show, c.season, c.facet, c.value)


def _period(value: str) -> Period | None:
    try:
        return Period.parse(value)
    except ValueError:
        return None


def _same_as_of(a: Claim, b: Claim) -> bool:
    if a.as_of == b.as_of:
        return True
    pa, pb = _period(a.as_of), _period(b.as_of)
    return pa is not None and pa == pb


def consolidate(candidates: Sequence[Candidate]) -> list[Claim]:
    """Apply the per-article rules and return claims in the order of their evidence."""
    items = sorted(candidates, key=lambda c: (c.sentence, c.offset))
    items = _prefer_dated(items)
    items = _body_wins(items)
    items = _drop_runs_of_films_to_come(items)
    items = _drop_moot_plans(items)
    items = _drop_implied_stages(items)
    items = _drop_vaguer_releases(items)
    items = _drop_unnamed_dates(items)
    items = _drop_later_parts(items)
    items = _last_move_of_a_sentence(items)
    items = _series_premieres(items)
    items = _drop_withdrawals_redated(items)
    return _collapse_duplicates(items)


def _prefer_dated(items: list[Candidate]) -> list[Candidate]:
    # "Now streaming" speaks for the whole sentence; other statements for their clause.
    dated = {(c.sentence, c.group, c.key) for c in items if c.dated} | {
        (c.sentence, -1, c.key) for c in items if c.dated
    }
    dated_release = {
        (c.sentence, c.claim.production) for c in items if c.dated and c.claim.facet == "release"
    }
    return [
        c
        for c in items
        if c.dated
        or (
            (c.sentence, -1 if c.claim.rule_id in PRESENT_RELEASES else c.group, c.key) not in dated
            and not (
                c.claim.facet == "release" and (c.sentence, c.claim.production) in dated_release
            )
        )
    ]


def _body_wins(items: list[Candidate]) -> list[Candidate]:
    # The body wins over what it tells as of the headline's time or later; a body that
    # only recalls earlier steps ("filming began in January") leaves the headline's news.
    latest: dict[tuple[str, str], Period] = {}
    told = {(c.claim.show, c.claim.facet, c.claim.value) for c in items if not c.headline}
    seasons_told = {(c.claim.show, c.claim.facet, c.claim.season) for c in items if not c.headline}
    # "delayed until July 2020" over a body that says "July 24, 2020": the body's date.
    refined = {
        (c.claim.show, c.claim.value)
        for c in items
        if c.headline
        and c.claim.facet == "release"
        and any(
            not o.headline
            and o.claim.facet == "release"
            and o.claim.show == c.claim.show
            and o.claim.certainty == c.claim.certainty
            and _refines_any(o.claim.value, {c.claim.value})
            for o in items
        )
    }
    for c in items:
        if c.headline:
            continue
        key, when = (c.claim.show, c.claim.facet), Period.parse(c.claim.as_of)
        if key not in latest or _later(when, latest[key]):
            latest[key] = when
    return [
        c
        for c in items
        if (not c.headline or (c.claim.show, c.claim.value) not in refined)
        and (
            not c.headline
            or (c.claim.show, c.claim.facet) not in latest
            # "HBO orders a second season" over a body that tells only of the first season:
            # the headline's season is news the body does not replace.
            or (
                c.claim.season is not None
                and (c.claim.show, c.claim.facet, c.claim.season) not in seasons_told
                and _headline_names_its_production(c.claim)
            )
            or (
                (c.claim.show, c.claim.facet, c.claim.value) not in told
                and _headline_names_its_production(c.claim)
                and _later(Period.parse(c.claim.as_of), latest[(c.claim.show, c.claim.facet)])
            )
        )
    ]


def _headline_names_its_production(claim: Claim) -> bool:
    """Whether a headline states its claim outright: no question, and the season it names.

    "'Ninefold' on Ice" names no season, so which one is left to the body.
    """
    if "?" in claim.evidence:
        return False
    if claim.season is None:
        return True
    return any(found.number == claim.season for found in find_seasons(normalise(claim.evidence)))


def _later(one: Period, other: Period) -> bool:
    """Whether ``one`` lies wholly after ``other`` ends."""
    return other.last is not None and one.first > other.last


def _drop_moot_plans(items: list[Candidate]) -> list[Candidate]:
    strong = [c for c in items if not c.weak and c.claim.facet == "stage"]
    kept = []
    for cand in items:
        claim = cand.claim
        if cand.weak and claim.facet == "stage":
            rank = _RANK[claim.value]
            if any(
                s.claim.production == claim.production
                and (
                    (_same_as_of(s.claim, claim) and not _standing_order(s, cand))
                    or (
                        _RANK[s.claim.value] >= rank
                        # A recap in another sentence, older than the plan, leaves it news;
                        # casting or set photos told after a later stage are not a step back.
                        and (
                            s.sentence == cand.sentence
                            or not _earlier(s.claim, claim)
                            or claim.rule_id in (CASTING, SET_PHOTOS)
                        )
                    )
                )
                for s in strong
            ):
                continue
        kept.append(cand)
    return kept


def _standing_order(strong: Candidate, plan: Candidate) -> bool:
    """Whether an order beside the plan in its sentence is a standing fact, not the news.

    "The revival has a two-season order, and season 2 is scheduled to start filming on
    Friday": the plan is what the sentence reports; a renewal told as news ("has picked up
    X for a second season") still makes the plans told with it moot.
    """
    return (
        strong.claim.value == "announced"
        and strong.sentence == plan.sentence
        and strong.claim.rule_id == _SERIES_ORDER
    )


def _earlier(a: Claim, b: Claim) -> bool:
    """Whether ``a`` ends before ``b`` begins.

    A recap older than the plan it precedes ("shot for weeks last spring ... due
    to resume next month") leaves the plan news.
    """
    pa, pb = _period(a.as_of), _period(b.as_of)
    return pa is not None and pb is not None and pa.last is not None and pa.last < pb.first


def _drop_runs_of_films_to_come(items: list[Candidate]) -> list[Candidate]:
    """Drop takings or a chart place given to a production the article dates in the future.

    "The sequel opens on July 19, 2024", then "a 1996 hit that took $495 million": a
    production cannot be in cinemas and still to come, so the takings are another film's.
    """
    to_come = {
        c.claim.production
        for c in items
        if c.named and _date_to_come(c.claim) and _after_statement(c.claim)
    }
    runs = {
        (c.sentence, c.offset, c.claim.production)
        for c in items
        if c.claim.rule_id in _THEATRICAL_RUN and c.claim.production in to_come
    }
    # The takings go, and the day or month they dated goes with them.
    return [
        c
        for c in items
        if (c.sentence, c.offset, c.claim.production) not in runs
        or not (c.claim.rule_id in _THEATRICAL_RUN or c.claim.facet == "release")
    ]


def _after_statement(claim: Claim) -> bool:
    """Whether a date to come lies beyond a film's run in cinemas from the statement on.

    A film out now may still open in other markets or at home within its run.
    """
    when, said = _period(claim.value), _period(claim.as_of)
    return (
        when is not None
        and said is not None
        and said.last is not None
        and when.first > said.last + _THEATRICAL_WINDOW
    )


def _drop_implied_stages(items: list[Candidate]) -> list[Candidate]:
    kept = []
    for cand in items:
        claim = cand.claim
        if _halted_the_same_day(cand, items):
            continue
        if claim.facet == "stage" and claim.value in _RANK and claim.value in LINEAR:
            rank = _RANK[claim.value]
            if any(
                o.claim.facet == "stage"
                and o.claim.production == claim.production
                and o.claim.value in LINEAR
                and _RANK[o.claim.value] > rank
                and _same_as_of(o.claim, claim)
                for o in items
            ):
                continue
        kept.append(cand)
    return kept


RESTART = re.compile(
    r"\b(?:again|resum\w+|restart\w*|back (?:to|in|on|into|under ?way)\b)", re.IGNORECASE
)
"""Words of a shoot taken up again after a halt: "filming again", "resumed", "back to work"."""


def _halted_the_same_day(cand: Candidate, items: list[Candidate]) -> bool:
    """Whether an undated shoot is the one a halt reported as of the same day stopped.

    "The series has been shooting in Hertfordshire" in a report of its shutdown
    says what was halted, not that cameras are rolling now.
    """
    claim = cand.claim
    return (
        claim.facet == "stage"
        and claim.value == "filming"
        and not cand.dated
        # "is filming again", "filming has resumed": the restart that follows the halt.
        and not RESTART.search(claim.evidence)
        and any(
            o.claim.facet == "stage"
            and o.claim.value == "on_hold"
            and o.claim.production == claim.production
            and _same_as_of(o.claim, claim)
            for o in items
        )
    )


def _drop_vaguer_releases(items: list[Candidate]) -> list[Candidate]:
    kept = []
    for cand in items:
        claim = cand.claim
        if claim.facet == "release":
            mine = _period(claim.value)
            vaguer = mine is not None and any(
                o.claim.facet == "release"
                and o.claim.production == claim.production
                and (
                    o.claim.certainty == claim.certainty
                    # A plan's year is settled by the day the article says it came out.
                    or (
                        claim.certainty == Certainty.expected
                        and o.claim.certainty == Certainty.confirmed
                    )
                )
                # A release that happened has one date: "opened on Wednesday" makes the
                # month of a weekend's takings redundant, whatever each is dated by.
                and (_same_as_of(o.claim, claim) or o.claim.certainty == Certainty.confirmed)
                and (other := _period(o.claim.value)) is not None
                and other != mine
                and mine.contains(other)
                for o in items
            )
            if vaguer:
                continue
        kept.append(cand)
    return kept


def _drop_unnamed_dates(items: list[Candidate]) -> list[Candidate]:
    """Drop a date to come that only points back to a production named with another date.

    In a story of a slate or a delay, "it", "the film" or "the sequel" in a later
    sentence is often another title or the old plan ("then moved it to March 17, a date
    that went to another film"); the sentence that names the production says its date.
    A rumour of another date ("its release could move to 2024") is news of its own.
    """
    named: dict[tuple[str, int | None], set[str]] = {}
    for cand in items:
        if _date_to_come(cand.claim) and cand.named:
            named.setdefault(cand.claim.production, set()).add(cand.claim.value)
    return [
        c
        for c in items
        if c.named
        or not _date_to_come(c.claim)
        or c.claim.value in named.get(c.claim.production, {c.claim.value})
        # "X delayed until July 2020" named, then "its film ... will open on July 24, 2020":
        # the day inside the named month is the same news, told more precisely.
        or _refines_any(c.claim.value, named.get(c.claim.production, set()))
    ]


def _refines_any(value: str, others: set[str]) -> bool:
    """Whether the period ``value`` lies inside one of ``others`` and is narrower."""
    mine = _period(value)
    return mine is not None and any(
        (other := _period(o)) is not None and other != mine and other.contains(mine) for o in others
    )


def _drop_later_parts(items: list[Candidate]) -> list[Candidate]:
    """Drop a split season's later part when the article dates the part the news is about.

    "Part 1 arrives on June 16. Part 2, another eight episodes, is due in 2024": the
    season's release is Part 1's; a later part named alone is the news and stays.
    """
    whole = {c.claim.production for c in items if _date_to_come(c.claim) and not c.later_part}
    return [
        c
        for c in items
        if not (c.later_part and _date_to_come(c.claim) and c.claim.production in whole)
    ]


def _last_move_of_a_sentence(items: list[Candidate]) -> list[Candidate]:
    """Keep the last of a sentence's moves of one production's date.

    "It moved to July 2, 2021 when the pandemic began, and it has now been
    pushed to July 1, 2022": a story of moves ends on the date that stands.
    """
    last: dict[tuple[int, tuple[str, int | None]], int] = {}
    for cand in items:
        if cand.claim.rule_id.startswith("release.moved"):
            key = (cand.sentence, cand.claim.production)
            last[key] = max(last.get(key, cand.offset), cand.offset)
    return [
        c
        for c in items
        if not c.claim.rule_id.startswith("release.moved")
        or last[(c.sentence, c.claim.production)] == c.offset
    ]


_MAKING = frozenset({"announced", "pre_production", "filming", "wrapped"})


def _series_premieres(items: list[Candidate]) -> list[Candidate]:
    """Give the show's own premiere to its first season when the story's season came later.

    "It premiered in May 2022" in a story about season 3 tells of the series
    premiere when the story dates season 3 after it: its own premiere
    ("Season 3, which premiered last October"), its order or its shoot. Only
    a sentence that speaks of the show as a whole (no season, part or
    episode named) moves.
    """
    bounds: dict[tuple[str, int | None], dt.date] = {}
    # The first day of a season's own release to come, as the story dates it.
    coming: dict[tuple[str, int | None], dt.date] = {}
    for cand in items:
        claim = cand.claim
        told_release = claim.facet == "release" and cand.season_told
        made = claim.facet == "stage" and claim.value in _MAKING
        if claim.season and claim.season > 1 and (told_release or made):
            when = _period(claim.value if told_release else claim.as_of)
            if when is not None and not when.tba:
                key = claim.production
                bounds[key] = min(bounds.get(key, when.first), when.first)
                if told_release and _date_to_come(claim):
                    coming[key] = min(coming.get(key, when.first), when.first)
    if not bounds:
        return items
    moved: list[Candidate] = []
    for cand in items:
        claim = cand.claim
        bound = bounds.get(claim.production)
        when = _period(claim.value if claim.facet == "release" else claim.as_of)
        if (
            bound is not None
            and cand.dated
            and (claim.facet == "release" or claim.value == "released")
            and when is not None
            and when.last is not None
            and when.last < bound
        ):
            if cand.show_level:
                moved.append(dataclasses.replace(cand, claim=dataclasses.replace(claim, season=1)))
                continue
            if (
                not cand.season_told
                and claim.production in coming
                and when.last < coming[claim.production]
                and not _A_PART.search(claim.evidence)
            ):
                # "The show's last season premiered in March 2022" in a story dating season
                # 3's premiere later: the season before it, the newest one out.
                earlier = dataclasses.replace(claim, season=(claim.season or 2) - 1)
                moved.append(dataclasses.replace(cand, claim=earlier))
                continue
        moved.append(cand)
    return moved


_A_PART = re.compile(
    r"\b(?:part|parts|volume|vol\.|half|batch|episodes?|chapter|instal+ment|finale|premiere)\b",
    re.I,
)
"""A part of a season, or one of its episodes, told rather than the season as a whole."""


def _drop_withdrawals_redated(items: list[Candidate]) -> list[Candidate]:
    """Drop a date withdrawn where the same story, as of the same time, gives a date to come.

    "Pulled from its March slot, the film now opens in August", or a slate story in which
    one film's vacated date and another's new one sit side by side: the production was
    moved, not left without a date. A withdrawal the story dates earlier ("Sony pulled it
    from its calendar in July 2023") stays, as history.
    """
    redated = {(c.claim.production, c.claim.as_of) for c in items if _date_to_come(c.claim)}
    return [
        cand
        for cand in items
        if not (
            cand.claim.facet == "release"
            and cand.claim.value == "tba"
            and (cand.claim.production, cand.claim.as_of) in redated
        )
    ]


def _date_to_come(claim: Claim) -> bool:
    return (
        claim.facet == "release" and claim.certainty == Certainty.expected and claim.value != "tba"
    )


def _collapse_duplicates(items: list[Candidate]) -> list[Claim]:
    best: dict[tuple[str, int | None, str, str, str], Candidate] = {}
    order: list[tuple[str, int | None, str, str, str]] = []
    for cand in items:
        key = (*cand.key, cand.claim.as_of)
        if key not in best:
            best[key] = cand
            order.append(key)
        elif cand.claim.certainty > best[key].claim.certainty:
            first = best[key]
            best[key] = dataclasses.replace(cand, sentence=first.sentence, offset=first.offset)
    return [best[key].claim for key in order]


def strongest(certainties: Sequence[Certainty]) -> Certainty:
    """Return the most certain of several certainties."""
    return max(certainties)
