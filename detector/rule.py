"""One detection rule: a pattern with a stable id and what a match of it claims.

Each rule is a regular expression over a normalised sentence (ASCII quotes
and dashes, matched case-insensitively) and what a match means:

- ``stage`` rules name the stage reached (``value``) and how the season is
  found (``role``): ``same`` (the season talked about), ``renewal`` (the next
  season when none is named), ``new`` (a new show: season 1 when none is
  named) or ``cancel`` (the season that will not be made).
- ``plan`` rules describe a stage that is only planned ("set to start
  filming"); they give ``pre_production`` and count for less than facts.
- ``released`` rules state a release that happened ("premiered on March 4").
- ``release`` rules are verbs of coming out; the release value comes from a
  time expression that follows them in the same clause.
- ``tba`` rules withdraw a release date.
- ``negated`` says what a negated match means: another stage (``has not
  started filming`` is pre-production), or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["same", "renewal", "new", "cancel"]
Kind = Literal["stage", "plan", "release", "released", "tba"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One pattern and what a match of it claims."""

    id: str
    kind: Kind
    pattern: str
    hints: tuple[str, ...] = ()
    """Lowercase words one of which must occur for the pattern to match (a speed pre-check)."""
    value: str = ""
    """Stage name for stage and plan rules."""
    role: Role = "same"
    negated: str | None = None
    """Stage claimed when the match is negated; None drops it."""
    needs_explicit: bool = False
    """Only fires on an explicit show or season in its clause, never on context."""
    past_only: bool = False
    """Only fires in a past or present statement, never in a plan."""
    yields_to_release: bool = False
    """Drops its stage claim when its clause names when the show comes out
    ("returns for a third season on May 2" is release news, not a renewal)."""
    ahead_is_plan: bool = False
    """A present tense that is news of now unless a time after it lies ahead
    ("begins filming" today; "begins filming next month" is a plan)."""
    attributive: bool = False
    """A stage used as an adjective ("the strike-halted shoot"): it counts only
    when the sentence states no other stage of the same production."""
    states_now: bool = False
    """Tells how things stand when the article speaks ("will resume filming in May": halted
    now), so the claim is dated by the statement, never by the time the sentence names."""
    weak: bool = False
    """Counts only when the article says nothing firmer of the production at that time
    (casting told with a series order is news of the order)."""
    regex: re.Pattern[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "regex", re.compile(self.pattern, re.IGNORECASE))


def words(text: str) -> tuple[str, ...]:
    """Hint words written as one space-separated string."""
    return tuple(text.split())
