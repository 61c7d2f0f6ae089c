"""Calendar words of English news prose: months, weekdays, counts and FORMAT.md's windows."""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_UNITS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
]  # fmt: skip
_TENS = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
CARDINAL_WORDS = {word: n for n, word in enumerate(_UNITS, start=1)} | {
    word: n * 10 for n, word in enumerate(_TENS, start=3)
}
"""Spelled-out cardinals, one to twenty and the tens to ninety."""
NUMBER_WORDS = CARDINAL_WORDS | {"a": 1, "an": 1, "a couple of": 2, "a few": 3, "several": 3}
"""Words that count something: cardinals and the vague quantities."""


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so "eighteen" beats "eight"."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


CARDINAL_RE = alternation(CARDINAL_WORDS)
NUMBER_RE = rf"(?:\d+|{alternation(NUMBER_WORDS)})"
# Windows as FORMAT.md defines them: (first month, last month).
WINDOWS = {
    "early": (1, 4),
    "late": (9, 12),
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "mid": (5, 8),
    "first half of": (1, 6),
    "front half of": (1, 6),
    "second half of": (7, 12),
    "back half of": (7, 12),
    "latter half of": (7, 12),
    # "in the latter part of next year", "the early part of 2025".
    "latter part of": (7, 12),
    "later part of": (7, 12),
    "early part of": (1, 4),
    # "at the start of 2025", "the top of next year": its early months.
    "start of": (1, 4),
    "beginning of": (1, 4),
    "top of": (1, 4),
    "the end of": (9, 12),
    "end of": (9, 12),
    "holiday season": (11, 12),
    # "the last few months of 2024", "the first couple of months of next year"
    "last months of": (9, 12),
    "first months of": (1, 4),
}
