"""Calendar words of English news prose: months, weekdays, counts and FORMAT.md's windows."""

from __future__ import annotations

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
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "several": 3, "eighteen": 18, "twenty": 20,
}  # fmt: skip
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
    "second half of": (7, 12),
    "the end of": (9, 12),
    "end of": (9, 12),
    "holiday season": (11, 12),
}
