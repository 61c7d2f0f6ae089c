# ruff: noqa: E501  (regular expressions read best unbroken)
"""Season expressions: "season 2", "S3", "the third season", "sophomore run", "after two seasons"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsmon.detector.literals import INDEX, GatedPattern, gated
from newsmon.detector.timewords import CARDINAL_RE, CARDINAL_WORDS

SeasonKind = Literal["plain", "target", "after", "of", "plural_of"]

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "sophomore": 2, "freshman": 1, "debut": 1, "inaugural": 1,
}  # fmt: skip
CARDINALS = CARDINAL_WORDS

# An ordinal, as a word or in figures ("third", "3rd").
ORDINAL_RE = r"(?:sophomore|freshman|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))"
# "the fifth and final season" is the fifth.
_AND_FINAL = r"(?:\s+and\s+(?:final|last))?"
# "for a third and a fourth, final season": the first names the match; both get claims.
_AND_ORD = r"(?:\s+and\s+(?:an?\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth),?(?:\s+(?:final|last))?)?"
_CARD = rf"(?:\d{{1,2}}|{CARDINAL_RE})"

_PATTERNS: list[tuple[SeasonKind, str]] = [
    # "the follow-up to the hit first season" is the second.
    (
        "plain",
        rf"\b(?:follow-?up|sequel|successor)\s+to\s+(?:the|its)\s+(?:[\w-]+\s+)?(?P<next>{ORDINAL_RE})\s+(?:season|series|run)\b",
    ),
    # "cancelled after only two seasons": the adverb leaves the count as it is.
    (
        "after",
        rf"\bafter\s+(?:only\s+|just\s+|a\s+mere\s+)?(?P<n>{_CARD})\s+(?:seasons|series|runs)\b",
    ),
    # "cancelled following its first season": the season after it is the one not made.
    (
        "after",
        # "following its recent fourth season": an adjective of time may stand before it.
        # "after a second season that generated plenty of buzz": what follows describes it.
        rf"\b(?:after|following)\s+(?:its|their|the|a)\s+(?:(?:recent|latest|most recent|just-ended|current)\s+)?(?P<o>{ORDINAL_RE})\s+(?:season|series|run)\b(?=\s*(?:[,.;]|$)|\s+(?:on|at|in|with|that|which)\b)",
    ),
    (
        "after",
        r"\bafter\s+(?P<n>one|just one|only one|a single)(?:\s+season)?\b(?!\s+(?:day|week|month|year|of))",
    ),
    # "picked up for two seasons; the network had cancelled it after four": the count's noun
    # was said earlier in the sentence (every pattern here needs a season word in it).
    ("after", rf"\bafter\s+(?:only\s+|just\s+)?(?P<n>{_CARD})(?=\s*(?:[.;]|$))"),
    # "renewed ahead of its season 3 finale", "while its third season was still airing": a
    # renewal told while a season airs is of the next one.
    (
        "after",
        rf"\b(?:ahead of|before)\s+(?:its|their|the)\s+(?:season\s+(?P<n>{_CARD})|(?P<o>{ORDINAL_RE})[- ]season)"
        r"(?:'s)?\s+finale\b",
    ),
    # "renewed midway through its second season", "in the middle of the show's second season".
    (
        "after",
        rf"\b(?:(?:midway|halfway|partway)\s+(?:through|into)|in\s+the\s+(?:middle|midst)\s+of)\s+(?:its|their|the(?:\s+(?:show|series)'s?)?)\s+"
        rf"(?:season\s+(?P<n>{_CARD})|(?P<o>{ORDINAL_RE})\s+(?:season|series|run))\b",
    ),
    # "cancelling it once its second season has run", "when its third season ends": the
    # season after the one that airs is the one not made.
    (
        "after",
        rf"\b(?:once|when)\s+(?:its|their|the)\s+(?:season\s+(?P<n>{_CARD})|(?P<o>{ORDINAL_RE})\s+(?:season|series|run))"
        r"\s+(?:(?:has|have|had)\s+(?:finished\s+)?(?:run|aired|ended|concluded|wrapped up)|(?:ends|airs|concludes|wraps up|is over|finishes))\b",
    ),
    (
        "after",
        rf"\bwhile\s+(?:(?:episodes|the episodes)\s+of\s+)?(?:its|their|the)\s+(?:season\s+(?P<n>{_CARD})|(?P<o>{ORDINAL_RE})\s+season)"
        r"\s+(?:is|was|were|are)\s+(?:still\s+)?(?:airing|streaming|rolling out|on the air|running|being released|going out)\b",
    ),
    # "renewed last week, with its second season still on the air".
    (
        "after",
        rf"\bwith\s+(?:its|their|the)\s+(?:season\s+(?P<n>{_CARD})|(?P<o>{ORDINAL_RE})\s+season)"
        r"\s+(?:still\s+|currently\s+)?(?:on the air|airing)\b",
    ),
    (
        "target",
        rf"\b(?:for|into)\s+(?:a|an|its|their|the)?\s*(?P<o>{ORDINAL_RE}){_AND_ORD}{_AND_FINAL}[- ](?:season|series|run|outing|installment|instalment|chapter|cycle)s?\b(?!\s+of\b)",
    ),
    ("target", rf"\b(?:for|into)\s+(?:season|series)\s+(?P<n>{_CARD})\b(?!\s+of\b)"),
    ("plural_of", rf"\b(?P<o>{ORDINAL_RE}|debut)\s+(?:seasons|series|runs)\s+of\b"),
    (
        "of",
        rf"\b(?P<o>{ORDINAL_RE}|debut|inaugural){_AND_FINAL}[- ](?:season|series|run|outing|installment|instalment|chapter|cycle)\s+of\b",
    ),
    ("of", rf"\b(?:season|series)\s+(?P<n>{_CARD})\s+of\b"),
    (
        "plain",
        # "First Season 2 Teaser": the first teaser of season 2, not season 1.
        rf"\b(?P<o>{ORDINAL_RE}){_AND_FINAL}[- ](?:season|series|run|outing|installment|instalment|chapter|cycle)s?\b(?!\s+\d)",
    ),
    ("plain", r"\bsophomore\s+(?:year|effort)\b"),
    # "Northwind premiered in March; the network has now ordered a second": the season
    # word left out after an order or a renewal.
    (
        "plain",
        r"(?:(?<=\bordered )|(?<=\bcommissioned )|(?<=\bpicked up )|(?<=\bgreenlit )|(?<=\bgreen-lit ))"
        r"(?:a|an)\s+(?P<o>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b(?=\s*(?:[.;]|,\s|$))",
    ),
    # "... and a second has already been ordered".
    (
        "plain",
        r"\b(?:a|an)\s+(?P<o>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?=\s+(?:has|had|was|is)\s+"
        r"(?:(?:already|now|also|since)\s+)?(?:been\s+)?(?:ordered|commissioned|greenlit|green-lit|picked up)\b)",
    ),
    ("plain", rf"\b(?:season|series)\s+(?P<n>{_CARD})\b"),
    ("plain", r"(?<![\w-])S(?P<n>\d{1,2})(?![\w-])"),
]
# Each pattern runs only on sentences holding its words ("after", "follow-up", ...).
_COMPILED = [
    (kind, GatedPattern(re.compile(p, 0 if "S(?P" in p else re.IGNORECASE)))
    for kind, p in _PATTERNS
]
_ELLIPSIS = gated(
    rf"(?:\b(?:on|of|for|and)\s+|[;,]\s+(?:and\s+|while\s+|but\s+)?)(?:the|an?)\s+(?P<o>{ORDINAL_RE})\b"
    r"(?=\s+(?:is|was|has|had|will|would|began|begins|started|starts|wrapped|ended|followed|follows"
    r"|arrived|arrives|premiered|premieres|debuted|debuts|came|comes|landed|lands)\b|\s*[,.;]|\s*$)",
    re.IGNORECASE,
)
"""'The second season finished in January; filming on the third is nearly over', '...; the
second followed in July': a season named by its ordinal alone, after a season was named in
the sentence."""


_MODIFIES_A_NOUN = re.compile(
    r"['’]?s?\s+(?:episodes?|installments?|instalments?|chapters?|entries|parts?)\b", re.IGNORECASE
)
"""'Three season 2 episodes are out, and the fourth follows': the ordinal counts the noun the
season modifies, not seasons."""


_RUN_ENDS_WITH = gated(
    rf"\b(?:ends?|ended|ending|concludes?|concluded|closes?|closed|wraps? up|wrapped up)\s+with\s+"
    rf"(?:its|their|the)\s+(?:season\s+(?P<n>{_CARD})|(?P<o>{ORDINAL_RE})\s+season)\b",
    re.IGNORECASE,
)
"""'Netflix cancelled X, so its run ends with its second season': the last season made, so
the one cancelled is the next. Read so only beside a cancellation: a show that "will end
with its fifth season" otherwise plans its last one."""
_CANCELLING = gated(
    r"\b(?:cancel\w*|axed|axes|scrapped|pulled the plug|not renewed|declined to renew)\b", re.I
)


_SEASON_HINT = gated(
    r"season|series|run|outing|install|chapter|cycle|sophomore|freshman|ordered|commissioned|picked up"
    r"|greenlit|green-lit|S\d",
    re.I,
)


@dataclass(frozen=True, slots=True)
class SeasonExpr:
    """A season named in a sentence; ``kind`` says how it binds to a show."""

    start: int
    end: int
    number: int
    kind: SeasonKind


def _ordinal(word: str) -> int | None:
    word = word.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    digits = re.match(r"\d+", word)
    return int(digits.group(0)) if digits else None


def _number(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("next"):
        number = _ordinal(groups["next"])
        return number + 1 if number else None
    if groups.get("o"):
        return _ordinal(groups["o"])
    if groups.get("n"):
        word = (
            groups["n"].lower().replace("just ", "").replace("only ", "").replace("a single", "one")
        )
        return int(word) if word.isdigit() else CARDINALS.get(word)
    return 2 if "sophomore" in match.group(0).lower() else None


_COUNT_RE = gated(
    # Not "picked up for two seasons", "renewed for two seasons": an order's size, not a count.
    r"(?<!\bup )(?<!ordered )(?<!renewed )(?<!greenlit )(?<!commissioned )(?<!extended )"
    rf"\b(?:all|its|the|their|over|for|with|across)\s+(?P<n>{_CARD})\s+seasons\b"
    # "the three-series story of Catherine Cawood": British "series" are seasons.
    rf"|\b(?P<m>{_CARD})-(?:season|series)\s+(?:run|story|saga)\b",
    re.IGNORECASE,
)


def season_count(norm: str) -> int | None:
    """How many seasons a show has had, when the sentence says so ("all six seasons")."""
    match = _COUNT_RE.search(norm)
    if match is None:
        return None
    word = (match.group("n") or match.group("m")).lower()
    number = int(word) if word.isdigit() else CARDINALS.get(word)
    return number if number is not None and 0 < number <= 40 else None


def find_seasons(norm: str) -> list[SeasonExpr]:
    """Season expressions in a normalised sentence, leftmost first, without overlaps."""
    found: list[SeasonExpr] = []
    # The sentence's literals are found once and serve the hint and every pattern.
    present = INDEX.present(norm)
    hint = _SEASON_HINT.for_text(present)
    if hint is None or not hint.search(norm):
        return found
    run_ends = _RUN_ENDS_WITH.for_text(present)
    cancelling = _CANCELLING.for_text(present)
    if run_ends is not None and cancelling is not None and cancelling.search(norm):
        for match in run_ends.finditer(norm):
            start, end = match.span()
            number = _number(match)
            if number is not None:
                found.append(SeasonExpr(start, end, number, "after"))
    for kind, pattern in _COMPILED:
        regex = pattern.for_text(present)
        if regex is None:
            continue
        for match in regex.finditer(norm):
            start, end = match.span()
            if any(start < f.end and f.start < end for f in found):
                continue
            number = _number(match)
            if number is None or number < 1 or number > 40:
                continue
            found.append(SeasonExpr(start, end, number, kind))
    ellipsis = _ELLIPSIS.for_text(present)
    for match in ellipsis.finditer(norm) if ellipsis is not None else ():
        start, end = match.span()
        number = _number(match)
        before = [f for f in found if f.end <= start]
        if (
            number is not None
            and before
            and not any(start < f.end and f.start < end for f in found)
            and not _MODIFIES_A_NOUN.match(norm, max(before, key=lambda f: f.end).end)
        ):
            found.append(SeasonExpr(start, end, number, "plain"))
    found.sort(key=lambda s: s.start)
    return found
