"""Plain value types shared by the detector, the store and the evaluator.

Values follow ../shared/corpus/FORMAT.md: a production is ``(show, season)``;
``stage`` and ``release`` are its facets; dates are ISO 8601 with reduced
precision allowed (``2018``, ``2018-03``, ``2018-03-17``, ``2018/2019``,
``2018/..``) or ``tba`` for a withdrawn release date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import IntEnum
from typing import Literal, get_args

# The status model's vocabularies, declared here once: the API's schemas, the
# configuration's subscriptions and the stored values all take their names from these.
Facet = Literal["stage", "release"]
FACETS: tuple[Facet, ...] = get_args(Facet)

Stage = Literal[
    "announced",
    "pre_production",
    "filming",
    "wrapped",
    "post_production",
    "released",
    "cancelled",
    "on_hold",
]
STAGES: tuple[Stage, ...] = get_args(Stage)

CertaintyName = Literal["rumored", "expected", "confirmed"]
"""A certainty as it is stored and shown, weakest first."""
CERTAINTIES: tuple[CertaintyName, ...] = get_args(CertaintyName)


class Certainty(IntEnum):
    """How firmly a claim is stated; a higher value is more certain.

    Its members are ``CERTAINTIES`` in order (checked below), so comparing
    names and comparing levels agree.
    """

    rumored = 1
    expected = 2
    confirmed = 3


if tuple(member.name for member in Certainty) != CERTAINTIES:  # pragma: no cover
    raise ImportError("Certainty's members must be CERTAINTIES, weakest first")


def as_facet(value: object) -> Facet:
    """Return ``value`` as a facet of the status model; ValueError if it is none."""
    for facet in FACETS:
        if value == facet:
            return facet
    raise ValueError(f"unknown facet {value!r}")


def as_certainty(value: object) -> CertaintyName:
    """Return ``value`` as a certainty name of the status model; ValueError if it is none."""
    for certainty in CERTAINTIES:
        if value == certainty:
            return certainty
    raise ValueError(f"unknown certainty {value!r}")


ProductionKey = tuple[str, int | None]
"""``(show, season)``: the canonical catalog title and the season (``None`` for films)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleInput:
    """What the detector reads: an article's words and its publication date."""

    url: str
    headline: str
    text: str
    """Body text, paragraphs separated by blank lines."""
    published: dt.date


@dataclass(frozen=True, kw_only=True, slots=True)
class Claim:
    """One statement about one facet of one production, with its evidence."""

    show: str
    season: int | None
    facet: Facet
    value: str
    """A stage name from STAGES, or an ISO 8601 date/interval or ``tba`` for release."""
    certainty: Certainty
    as_of: str
    """When the claim holds, ISO 8601 with reduced precision allowed."""
    evidence: str
    rule_id: str
    """Stable id of the rule that produced the claim."""

    @property
    def production(self) -> ProductionKey:
        """The ``(show, season)`` this claim is about."""
        return (self.show, self.season)


@dataclass(frozen=True, kw_only=True, slots=True)
class Change:
    """A facet of a production whose folded state changed."""

    show: str
    season: int | None
    facet: Facet
    old: str | None
    new: str
    claim: Claim
    """The claim that now holds the facet."""
