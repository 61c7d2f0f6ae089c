"""Days the press dates releases by: holidays and their long weekends (US calendar).

"opens over Memorial Day weekend" is Friday to Monday; "Thanksgiving weekend" is the
five days from Wednesday the box office counts; "in time for Christmas" is December.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["holiday_value"]


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last = following - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _day(name: str, year: int) -> dt.date:
    if name == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if name == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if name == "thanksgiving":
        return _nth_weekday(year, 11, 3, 4)
    fixed = {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
        "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
        "fourth of july": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
        "boxing day": (12, 26),
    }  # fmt: skip
    month, day = fixed[name]
    return dt.date(year, month, day)


_UNDER_WAY = 4
"""Days before a holiday that its long weekend may already have begun."""
_JUST_PASSED = 14
"""Days after a holiday that a mention of it without a year is still the one just past
("earned $32 million over the Memorial Day weekend", written on the Tuesday): next
year's would be called next year's."""
_WEEKEND = {"memorial day": (-3, 0), "labor day": (-3, 0), "thanksgiving": (-1, 3)}
"""Days before and after the holiday its long weekend spans."""


def holiday_value(
    name: str, *, year: int | None, weekend: bool, before: bool, pub: dt.date, future: bool
) -> str:
    """The ISO day, weekend window or month ("in time for Christmas") a holiday names."""
    name = name.lower().replace("\u2019", "'")
    when = _day(name, year or pub.year)
    if year is None and future and when < pub - dt.timedelta(days=_JUST_PASSED):
        when = _day(name, pub.year + 1)
    elif year is None and not future and when > pub + dt.timedelta(days=_UNDER_WAY):
        # A holiday weekend a few days off is the one under way ("opened to $40 million
        # across the Christmas weekend", written on the Sunday before Christmas).
        when = _day(name, pub.year - 1)
    if before:
        return f"{when.year:04d}-{when.month:02d}"
    if weekend and name in _WEEKEND:
        start, end = _WEEKEND[name]
        first, last = when + dt.timedelta(days=start), when + dt.timedelta(days=end)
        return f"{first.isoformat()}/{last.isoformat()}"
    return when.isoformat()
