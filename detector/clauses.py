# ruff: noqa: E501  (regular expressions read best unbroken)
"""Clauses of a sentence: where a statement's subject, time and hedges are looked for.

Splits happen at semicolons, colons, dashes and conjunctions that start a new
statement ("but", ", which means"); a relative clause (", which ...,") and a
temporal clause ("six months after ...") are their own clauses inside the
clause around them. A temporal clause is background: what it says happened
before or after the main news.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from newsmon.detector.literals import gated
from newsmon.detector.timewords import CARDINAL_RE, NUMBER_RE

ClauseKind = Literal["main", "relative", "background"]

_SPLIT_RE = re.compile(
    r";|(?<!\bdate):(?=\s)|\s-\s|\s--\s"
    r"|,[\"']?\s*(?=(?:which means|meaning|while|whereas|but|though|although"
    r"|(?:especially |particularly |not least )?since|ending"
    # "X, with Ana Ruiz and Tom Bell, will come out in 2022": a closed aside in the
    # subject, not a statement ("..., with filming set for May").
    # "moves X, with Ana Ruiz, from May to July": the aside closes before the predicate goes on.
    r"|with(?![^.;,]{1,80},\s*(?:will|would|is|are|was|were|has|have|had|can|could|may|might|should|now|also|still|finally|from|to|into|until)\b)|"
    r"and (?:the|it|its|a|an|has|have|is|was|will|had|that|this|[A-Z]\w*"
    # "..., and writing is under way": a one-word subject and its verb open a statement.
    r"|[a-z]+ (?:is|are|was|were|has|have|had|will)\b"
    # "..., and season 3 is now being filmed": a season opens its own statement.
    rf"|(?:season|series) (?:\d+|{CARDINAL_RE})))\b)"
    r"|\s+but\s+"
    # "season 2 premiered in March and a third was ordered in May": the next season's news.
    r"|\s+(?=and\s+(?:the|an?)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:season\s+|series\s+)?(?:is|was|has|had|will|were|are)\b)"
    # "season 3 begins filming while season 2 awaits release": a subject after the
    # conjunction opens a statement of its own, with or without a comma.
    r"|\s+(?=(?:while|whereas|although)\s+(?:the|its|their|this|that|a|an|season|series|(?-i:[A-Z])\w*)\b)"
    # "debuted on CBS in 2019, then moved to Paramount+ for seasons 2 to 4": a next step.
    r"|,\s*(?=then\s+(?:[a-z]+ed|went|came|began|took|made|found|left|got)\b)",
)
# "X moves up to Feb. 21, Greyhaven slides to May 2": in a slate, a date closes one title's
# move and the next title opens its own, with no conjunction between them.
_NEXT_TITLES_MOVE = re.compile(
    r"(?<=\d),\s*(?=(?-i:[A-Z])[\w'&:.-]*(?:\s+(?:(?-i:[A-Z0-9])[\w'&:.-]*|and|the|of)){0,5}\s+"
    r"(?:(?:now|also)\s+)?(?:moves?|slides?|shifts?|jumps?|heads?|opens?|lands?|goes|takes?|gets?"
    r"|is|are|will|has|was)\b)"
)
_DATED_BY_A_VERB = re.compile(
    r"\b[a-z]+(?:s|ed)\s+(?:[\w.]+\s+){0,3}?(?:to|for|on|until|into)\s+[^,;]*$"
)
"""What comes before that comma is a move or a dating ("moves up to Feb. 21"), not a fronted
time ("On May 2, X opens")."""


def _slate_splits(
    norm: str, protected: tuple[tuple[int, int], ...], marks: list[tuple[int, str]]
) -> list[int]:
    """Where a slate's next title opens its own move after a date and a comma."""
    if "," not in norm:
        return []
    found = []
    for m in _NEXT_TITLES_MOVE.finditer(norm):
        since = max((at for at, _ in marks if at < m.start()), default=0)
        if _DATED_BY_A_VERB.search(norm, since, m.start()) and not any(
            start <= m.start() < end for start, end in protected
        ):
            found.append(m.start())
    return found


# "a release date: May 2" introduces the date, not a new statement.
_PART_RE = re.compile(r";|(?<!\bdate):(?=\s)")
_RELATIVE_RE = re.compile(r",[\"']?\s*(?=(?:which|who)\b)")
# Runs only on sentences holding one of its conjunctions ("after", "when", ...).
_BACKGROUND_RE = gated(
    r"\b(?:(?:nearly|about|almost|just|some|roughly|more than|less than)\s+)?"
    rf"(?:{NUMBER_RE}\s+(?:days?|weeks?|months?|years?)\s+)?"
    # "two years have passed since season 2 wrapped": what "since" opens is background.
    # "at once" is a manner, not a clause: "all eight episodes arrive at once on March 13";
    # nor is "following in 2020", a verb with its time.
    r"\b(?:after|before|until|(?<!\bat )once|when|following(?!\s+(?:in|on|by)\b)|(?<=passed )since|(?<=been )since|(?<=gone by )since|ever since|(?<=days )since|(?<=weeks )since|(?<=months )since|(?<=years )since|(?<=a year )since"
    # "by the time shooting began", "run into since shooting began": the shoot's start as
    # the time of something else.
    r"|by the time|since(?=\s+(?:the\s+)?(?:shooting|filming|production|the shoot|cameras|principal photography)\s+(?:began|started|got under ?way|kicked off)\b))\b"
    # "after one of ...", "after three seasons": a count or a date, not an event clause.
    rf"(?!\s+(?:\d|the end|next|this|last|early|late|a while|its debut|one of\b|sometime\b|some time\b|some point\b|later\b|mid\b|mid-"
    r"|(?:spring|summer|fall|autumn|winter|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    rf"|(?:(?:only|just|a mere)\s+)?(?:{CARDINAL_RE}|a single|one)\s+(?:seasons?|series|runs?)\b))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause: its id, kind and the clause it sits inside (for relative and background clauses)."""

    id: int
    kind: ClauseKind
    parent: int | None


@dataclass(frozen=True, slots=True)
class Clauses:
    """Clause map of one sentence."""

    segments: tuple[tuple[int, int, int], ...]
    """(start, end, clause id) spans covering the sentence."""
    clauses: tuple[Clause, ...]
    parts: tuple[int, ...]
    """Start offsets of the parts separated by ';' or ':'."""

    def at(self, pos: int) -> Clause:
        """Return the clause at a character offset."""
        for start, end, cid in self.segments:
            if start <= pos < end:
                return self.clauses[cid]
        return self.clauses[self.segments[-1][2]] if self.segments else Clause(0, "main", None)

    def part(self, pos: int) -> int:
        """Index of the ';'/':'-separated part holding ``pos``."""
        index = 0
        for i, start in enumerate(self.parts):
            if pos >= start:
                index = i
        return index


def split_clauses(norm: str, protected: Sequence[tuple[int, int]] = ()) -> Clauses:
    """Map a normalised sentence into clauses; no split falls inside a ``protected`` span."""
    return _split_clauses(norm, tuple(protected))


# A sentence's clauses are asked for again for each season it names (``mentions.temporal``);
# the map is immutable, so the last few are kept.
@lru_cache(maxsize=32)
def _split_clauses(norm: str, protected: tuple[tuple[int, int], ...]) -> Clauses:
    marks: list[tuple[int, str]] = []
    for m in _SPLIT_RE.finditer(norm):
        if any(start <= m.start() < end for start, end in protected):
            continue  # "Ninefold: Exodus" is a title, not two clauses
        marks.append((m.start(), "split"))
    marks.extend((at, "split") for at in _slate_splits(norm, protected, marks))
    for m in _RELATIVE_RE.finditer(norm):
        marks.append((m.start(), "relative"))
        close = norm.find(",", m.end())
        marks.append((close if close != -1 else len(norm), "end"))
    for m in _BACKGROUND_RE.finditer(norm):
        marks.append((m.start(), "background"))
        close = norm.find(",", m.end())
        marks.append((close if close != -1 else len(norm), "end"))
    marks.sort(key=lambda mark: (mark[0], mark[1] != "end"))
    clauses: list[Clause] = [Clause(0, "main", None)]
    segments: list[tuple[int, int, int]] = []
    stack: list[int] = []
    current = 0
    pos = 0
    for at, kind in marks:
        if at > pos:
            segments.append((pos, at, current))
            pos = at
        if kind == "split":
            stack.clear()
            clauses.append(Clause(len(clauses), "main", None))
            current = clauses[-1].id
        elif kind in {"relative", "background"}:
            stack.append(current)
            clauses.append(Clause(len(clauses), kind, current))  # type: ignore[arg-type]
            current = clauses[-1].id
        elif kind == "end" and stack:
            current = stack.pop()
    if pos < len(norm) or not segments:
        segments.append((pos, max(len(norm), pos + 1), current))
    parts: tuple[int, ...] = (0,)
    if ";" in norm or ":" in norm:  # what every match of _PART_RE holds; most sentences lack it
        parts += tuple(
            m.end()
            for m in _PART_RE.finditer(norm)
            if not any(start <= m.start() < end for start, end in protected)
        )
    return Clauses(tuple(segments), tuple(clauses), parts)
