"""One sentence as the matcher sees it: its references, clauses, times and rule matches."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from newsmon.detector.clauses import Clause, Clauses
from newsmon.detector.dates import TimeExpr
from newsmon.detector.literals import INDEX, GatedPattern
from newsmon.detector.refs import Ref
from newsmon.detector.rules import RULES, Rule, rules_for
from newsmon.detector.text import Sentence


@dataclass(frozen=True, slots=True)
class SentenceScan:
    """Everything found in one sentence that the rules need."""

    sentence: Sentence
    refs: list[Ref]
    clauses: Clauses
    times: list[TimeExpr]
    published: dt.date
    tweet_date: dt.date | None

    def clause_text(self, clause: Clause) -> str:
        """The words of one clause (its segments joined)."""
        return " ".join(
            self.sentence.norm[s:e] for s, e, cid in self.clauses.segments if cid == clause.id
        )

    def clause_before(self, pos: int) -> str:
        """The words of the clause holding ``pos`` that come before it."""
        for start, end, _ in self.clauses.segments:
            if start <= pos < end:
                return self.sentence.norm[start:pos]
        return self.sentence.norm[:pos]

    def group(self, pos: int) -> int:
        """The main clause holding ``pos``: relative and temporal clauses belong to their parent."""
        clause = self.clauses.at(pos)
        while clause.parent is not None:
            clause = self.clauses.clauses[clause.parent]
        return clause.id


@dataclass(frozen=True, slots=True)
class Cue:
    """One rule match in a sentence."""

    rule: Rule
    start: int
    end: int


@dataclass(frozen=True)
class CueSite:
    """A rule match in its sentence: the clause it sits in and its neighbours."""

    scan: SentenceScan
    cue: Cue
    said: frozenset[int]
    """Indexes of the sentence's times that date a statement ("said on Friday")."""
    prev_end: int
    """End of the previous rule match in the sentence (0 if none)."""
    next_start: int
    """Start of the next rule match in the sentence (its length if none)."""

    @cached_property
    def clause(self) -> Clause:
        """The clause the match sits in."""
        return self.scan.clauses.at(self.cue.start)

    @cached_property
    def clause_text(self) -> str:
        """The words of that clause."""
        return self.scan.clause_text(self.clause)

    @cached_property
    def before(self) -> str:
        """The clause's words before the match."""
        return self.scan.clause_before(self.cue.start)

    @property
    def after(self) -> str:
        """A window of the sentence after the match."""
        return self.scan.sentence.norm[self.cue.end : self.cue.end + 60]

    def inherited(self, ref: Ref) -> bool:
        """Whether ``ref`` comes from outside the match's clause (context or a parent clause)."""
        return ref not in self.scan.refs or self.scan.clauses.at(ref.start).id != self.clause.id

    @property
    def norm(self) -> str:
        """The normalised sentence."""
        return self.scan.sentence.norm


def find_cues(norm: str) -> list[Cue]:
    """Find the matches of every rule in a normalised sentence, in order.

    The matches depend on the sentence alone, not on the catalog: a second
    reading of an article (for titles outside the catalog) reuses them.
    """
    return list(_cues(norm))


def _hints(rule: Rule) -> frozenset[str] | None:
    """The words one of which a sentence needs for the rule to run; None if it always runs."""
    # An empty hint is in every sentence.
    return frozenset(rule.hints) if rule.hints and all(rule.hints) else None


_GATED: tuple[tuple[Rule, GatedPattern], ...] = tuple(
    (rule, GatedPattern(rule.regex)) for rule in RULES
)
"""Each rule with its pattern, run only with the phrasings whose words the sentence holds
(``detector.literals``): the same matches as ``rules_for``, found sooner."""
INDEX.add(hint for rule in RULES for hint in rule.hints)


def _rules_by_hint() -> dict[str, frozenset[int]]:
    by_hint: dict[str, set[int]] = {}
    for number, rule in enumerate(RULES):
        for hint in _hints(rule) or ():
            by_hint.setdefault(hint, set()).add(number)
    return {hint: frozenset(numbers) for hint, numbers in by_hint.items()}


_BY_HINT = _rules_by_hint()
"""The numbers of the rules by each of their hint words: a sentence's hint words lead to
the few rules worth running, without a hint test of every rule."""
_HINTS = frozenset(_BY_HINT)
_UNHINTED = frozenset(n for n, rule in enumerate(RULES) if _hints(rule) is None)
"""The rules that run on every sentence."""


@lru_cache(maxsize=256)  # one long article's sentences; not a store of every sentence seen
def _cues(norm: str) -> tuple[Cue, ...]:
    present = INDEX.present(norm)
    chosen: list[tuple[Rule, re.Pattern[str]]] = []
    if present is None:
        chosen = [(rule, rule.regex) for rule in rules_for(norm.lower())]
    else:
        # The hint test of ``rules_for``, read off the sentence's indexed words.
        numbers = set(_UNHINTED)
        for hint in present & _HINTS:
            numbers |= _BY_HINT[hint]
        for number in sorted(numbers):  # table order, as ``rules_for`` gives them
            rule, gated = _GATED[number]
            regex = gated.for_text(present)
            if regex is not None:
                chosen.append((rule, regex))
    found = [Cue(rule, m.start(), m.end()) for rule, regex in chosen for m in regex.finditer(norm)]
    found.sort(key=lambda c: (c.start, c.end))
    return tuple(found)


def quoted(text: str, pos: int) -> bool:
    """Tell whether ``pos`` lies inside a double-quoted span."""
    return text[:pos].count('"') % 2 == 1
