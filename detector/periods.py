"""ISO 8601 dates with reduced precision, intervals and ``tba``, as FORMAT.md uses them.

A value names a window of days: ``2018`` is 2018-01-01 to 2018-12-31,
``2019-03/2019-05`` is 2019-03-01 to 2019-05-31, ``2018/..`` starts on
2018-01-01 and has no end ("2018 at the earliest"). ``tba`` is a withdrawn
release date: it is no window, so it contains nothing and nothing contains it.

Windows order by their first day, then their last day, so ``2024`` sorts
before ``2024-01-15``, which sorts before ``2024-06``; an open end sorts last.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

TBA = "tba"
OPEN = ".."

_DATE_RE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Period:
    """A window of days named by a reduced-precision ISO 8601 value, or ``tba``.

    Two periods are equal when they cover the same days (``2018`` equals
    ``2018-01/2018-12``); ``text`` keeps the value as written.
    """

    first: dt.date
    """First day of the window (``date.max`` for ``tba``)."""
    last: dt.date | None
    """Last day of the window, inclusive; ``None`` for an open end."""
    tba: bool = False
    """True for ``tba``, the withdrawn date."""
    text: str = field(default="", compare=False)
    """The value as it was parsed."""

    @classmethod
    def parse(cls, value: str) -> Period:
        """Parse ``2018``, ``2018-03``, ``2018-03-17``, ``A/B``, ``A/..`` or ``tba``.

        Raises ValueError naming the value when it is none of these.
        """
        return _parse(value)

    def contains(self, other: Period) -> bool:
        """Whether every day of ``other`` lies inside this window.

        ``tba`` contains nothing and is contained by nothing; an open end
        contains every later day; a window contains itself.
        """
        if self.tba or other.tba:
            return False
        if other.first < self.first:
            return False
        if self.last is None:
            return True
        return other.last is not None and other.last <= self.last

    @property
    def sort_key(self) -> tuple[dt.date, dt.date, bool]:
        """Order by first day, then last day; an open end and ``tba`` sort last."""
        return (self.first, dt.date.max if self.last is None else self.last, self.tba)

    def __str__(self) -> str:
        return self.text or _format(self)


def _parse_date(part: str, whole: str) -> tuple[dt.date, dt.date]:
    """First and last day of one reduced-precision date such as ``2018-03``."""
    match = _DATE_RE.fullmatch(part)
    if match is None:
        raise ValueError(
            f"not an ISO 8601 date: {whole!r} (expected YYYY, YYYY-MM, YYYY-MM-DD, "
            f"an interval A/B, an open interval A/.., or {TBA!r})"
        )
    year = int(match["year"])
    try:
        if match["day"] is not None:
            day = dt.date(year, int(match["month"]), int(match["day"]))
            return day, day
        if match["month"] is not None:
            month = int(match["month"])
            days = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return dt.date(year, month, 1), dt.date(year, month, days)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError as exc:
        raise ValueError(f"not a valid date: {whole!r} ({exc})") from None


@lru_cache(maxsize=4096)
def _parse(value: str) -> Period:
    # Cached: the fold re-sorts the same as_of strings on every article.
    if not isinstance(value, str):
        raise ValueError(f"a date value must be a string, got {value!r}")
    text = value.strip()
    if text.lower() == TBA:
        return Period(dt.date.max, dt.date.max, tba=True, text=TBA)
    if "/" not in text:
        first, last = _parse_date(text, value)
        return Period(first, last, text=text)
    start, _, end = text.partition("/")
    if start == OPEN:
        raise ValueError(f"an interval needs a start: {value!r} (write e.g. '2018/..')")
    first, _ = _parse_date(start, value)
    if end == OPEN:
        return Period(first, None, text=text)
    _, end_last = _parse_date(end, value)
    if end_last < first:
        raise ValueError(f"interval ends before it starts: {value!r}")
    return Period(first, end_last, text=text)


def _format(period: Period) -> str:
    if period.tba:
        return TBA
    end = OPEN if period.last is None else period.last.isoformat()
    return f"{period.first.isoformat()}/{end}"


def is_release_value(value: str) -> bool:
    """Whether ``value`` is a valid ``release`` facet value (a date, window or ``tba``)."""
    try:
        _parse(value)
    except ValueError:
        return False
    return True


def is_as_of_value(value: str) -> bool:
    """Whether ``value`` is a valid ``as_of``: a date or window, not ``tba``."""
    try:
        return not _parse(value).tba
    except ValueError:
        return False


def as_of_key(value: str) -> tuple[dt.date, dt.date, bool]:
    """Sort key of an ``as_of`` string: first day, then last day.

    Raises ValueError for ``tba`` (a claim always holds at some time) or a bad value.
    """
    period = _parse(value)
    if period.tba:
        raise ValueError(f"as_of cannot be {TBA!r}")
    return period.sort_key


def sort_as_of(values: Iterable[str]) -> list[str]:
    """``as_of`` strings in time order (first day, then last day); stable for equal windows."""
    return sorted(values, key=as_of_key)
