"""Time expressions resolved to the status model's ISO 8601 values, against the publication date.

Values: ``2018``, ``2018-03``, ``2018-03-17``, ``2018/2019``,
``2019-03/2019-05`` and ``2018/..``. A date written without a year resolves
to its next occurrence when the clause speaks of the future (``future``) and
to its previous occurrence when it speaks of the past. Windows follow
FORMAT.md: early = January-April, late = September-December, spring =
March-May, summer = June-August, fall/autumn = September-November.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Sequence

from newsmon.detector.dates import TimeExpr, find_times
from newsmon.detector.holidays import holiday_value
from newsmon.detector.text import Sentence
from newsmon.detector.timewords import MONTHS, NUMBER_WORDS, WEEKDAYS, WINDOWS

_SHIFT = {"this": 0, "the": 0, "next": 1, "the following": 1, "last": -1, "the previous": -1}
_QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}

Resolver = Callable[[TimeExpr, dt.date, bool, dt.date | None], str | None]


def resolve(
    expr: TimeExpr, pub: dt.date, *, future: bool, anchor: dt.date | None = None
) -> str | None:
    """Return the ISO value of ``expr`` relative to ``pub``; None if it names no usable time.

    ``anchor`` is the date an offset ("three weeks later") counts from;
    publication by default.
    """
    resolver = _RESOLVERS.get(expr.kind)
    if resolver is None:
        return None
    return resolver(expr, pub, future, anchor)


def parse_iso(value: str) -> dt.date | None:
    """Return the first day of an ISO value (``2018``, ``2018-03``, ``2018-03-17``)."""
    head = value.split("/", maxsplit=1)[0]
    parts = head.split("-")
    try:
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return dt.date(int(parts[0]), 1, 1)
    except ValueError:
        return None


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _window(year: int, first: int, last: int) -> str:
    return f"{_month_value(year, first)}/{_month_value(year, last)}"


def shift_months(day: dt.date, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` months after ``day``'s month (before it when negative)."""
    total = day.year * 12 + (day.month - 1) + months
    return total // 12, total % 12 + 1


def _month(expr: TimeExpr) -> int:
    return MONTHS[(expr.get("mon") or "").rstrip(".")]


def _next_or_previous(pub: dt.date, month: int, day: int | None, *, future: bool) -> dt.date:
    year = pub.year
    day_ = day or 1
    last_day = calendar.monthrange(year, month)[1]
    candidate = dt.date(year, month, min(day_, last_day))
    if day is None:
        this_month = (pub.year, pub.month)
        if future and (year, month) < this_month:
            return dt.date(year + 1, month, 1)
        if not future and (year, month) > this_month:
            return dt.date(year - 1, month, 1)
        return candidate
    if future and candidate < pub - _DAYS_PAST_STILL_THIS_YEAR:
        return dt.date(year + 1, month, min(day_, calendar.monthrange(year + 1, month)[1]))
    if not future and candidate > pub + _DAYS_AHEAD_STILL_THIS_YEAR:
        return dt.date(year - 1, month, min(day_, calendar.monthrange(year - 1, month)[1]))
    return candidate


# "Counting the July 4 holiday", told on July 3: a day this close ahead is this year's,
# even where the past is meant; a year earlier would be a date nobody means.
_DAYS_AHEAD_STILL_THIS_YEAR = dt.timedelta(days=7)
# "Sony moved it up to Oct. 1", told on Sunday, October 3: a day of the same weekend is this
# year's, even where a date to come is meant. A week back may be next year's ("dated the film
# for June 5", told on June 12, of a shoot still to come).
_DAYS_PAST_STILL_THIS_YEAR = dt.timedelta(days=3)


def _season_year(pub: dt.date, season: str, rel: str, *, future: bool) -> int:
    first, last = WINDOWS[season]
    if rel == "next":
        # "this fall" is the coming one; "next fall" is the one after it, in the next year
        # (said in December, "next spring" is also next year's).
        return pub.year + 1
    if rel == "last":
        return pub.year - 1 if pub.month <= last else pub.year
    if rel == "this":
        # "starts this spring", said in November: the spring to come, next year's.
        passed = first <= last < pub.month
        return pub.year + 1 if future and passed else pub.year
    # "in the spring": the coming one when speaking of the future.
    if future:
        return pub.year if pub.month <= last else pub.year + 1
    return pub.year if pub.month >= first else pub.year - 1


def _date(expr: TimeExpr, pub: dt.date, future: bool, _anchor: dt.date | None) -> str | None:
    month = _month(expr)
    day = int(expr.get("day") or 1)
    if day > 31:
        return None
    year_text = expr.get("year")
    yrel = expr.get("yrel")
    try:
        if year_text:
            return dt.date(int(year_text), month, day).isoformat()
        if yrel:
            return dt.date(pub.year + _SHIFT[yrel.lower()], month, day).isoformat()
        return _next_or_previous(pub, month, day, future=future).isoformat()
    except ValueError:
        return None


def _month_year(expr: TimeExpr, _pub: dt.date, _future: bool, _anchor: dt.date | None) -> str:
    return _month_value(int(expr.get("year") or 0), _month(expr))


def _month_only(expr: TimeExpr, pub: dt.date, future: bool, _anchor: dt.date | None) -> str:
    month = _month(expr)
    rel = expr.get("rel") or ""
    yrel = expr.get("yrel")
    if yrel:
        year = pub.year + _SHIFT[yrel.lower()]
    elif rel == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif rel == "next":
        # "next August" said in late July is not the August days away, which is "this August".
        year = pub.year if month > pub.month + 1 else pub.year + 1
    elif rel == "this":
        year = pub.year
    else:
        year = _next_or_previous(pub, month, None, future=future).year
    return _month_value(year, month)


def _month_span(expr: TimeExpr, pub: dt.date, future: bool, _anchor: dt.date | None) -> str | None:
    """'between January and June 2026': the months from the first to the second.

    Without a year ("in September or October"), the year of the nearest occurrence, as for
    a month named alone: of the last month for a window ahead, of the first for one past.
    """
    first = MONTHS[(expr.get("m1") or expr.get("m1b") or "").rstrip(".")]
    last = MONTHS[(expr.get("m2") or "").rstrip(".")]
    if last <= first:
        return None
    year_text = expr.get("year")
    if year_text:
        return _window(int(year_text), first, last)
    # A window still open counts as ahead: "arrives between March and May", said in April.
    anchor = last if future else first
    return _window(_next_or_previous(pub, anchor, None, future=future).year, first, last)


def _season_part(season: str, qualifier: str | None) -> tuple[int, int]:
    """The months of "late summer" (August) or "early fall" (September-October)."""
    first, last = WINDOWS[season]
    if qualifier == "early":
        return first, first + 1
    if qualifier == "late":
        return last, last
    if qualifier == "mid":
        return first + 1, first + 1
    return first, last


def _window_span(expr: TimeExpr, pub: dt.date, future: bool, _anchor: dt.date | None) -> str:
    """'late summer or early fall 2024': from the start of the one to the end of the other."""
    first_season, last_season = expr.get("w1") or "", expr.get("w2") or ""
    if expr.get("year"):
        year = int(expr.get("year") or 0)
    elif expr.get("rel"):
        year = pub.year + _SHIFT[expr.get("rel") or "this"]
    else:
        year = _season_year(pub, first_season, expr.get("rel0") or "in", future=future)
    first = _season_part(first_season, expr.get("q1"))[0]
    last = _season_part(last_season, expr.get("q2"))[1]
    last_year = year if last >= first else year + 1
    return f"{_month_value(year, first)}/{_month_value(last_year, last)}"


def _year(expr: TimeExpr, _pub: dt.date, _future: bool, _anchor: dt.date | None) -> str | None:
    return expr.get("year")


def _open(expr: TimeExpr, pub: dt.date, future: bool, anchor: dt.date | None) -> str | None:
    """An open interval from the first day named ("2018 at the earliest" is ``2018/..``)."""
    if expr.get("y1"):
        return f"{expr.get('y1')}/.."
    inner = TimeExpr(
        expr.start, expr.end, _base_kind(expr), expr.text, expr.fields, expr.explicit_year
    )
    value = resolve(inner, pub, future=future, anchor=anchor)
    if value is None:
        return None
    return f"{value.split('/')[0]}/.."


def _range(expr: TimeExpr, _pub: dt.date, _future: bool, _anchor: dt.date | None) -> str | None:
    first = int(expr.get("y1") or 0)
    short = expr.get("y2s")
    second = first // 100 * 100 + int(short) if short else int(expr.get("y2") or 0)
    if second <= first or second - first > 3:
        return None
    if expr.get("tvs") and second == first + 1:
        return f"{first}-09/{second}-05"  # a broadcast season runs from September to May
    return f"{first}/{second}"


def _window_year(expr: TimeExpr, _pub: dt.date, _future: bool, _anchor: dt.date | None) -> str:
    win = "holiday season" if expr.get("hol") else re.sub(r"\s+", " ", expr.get("win") or "")
    if win.endswith("months of"):
        win = "first months of" if win.startswith(("first", "opening")) else "last months of"
    window = WINDOWS[win.replace("the ", "") if win != "the end of" else "end of"]
    return _window(int(expr.get("year") or 0), *window)


def _window_rel(expr: TimeExpr, pub: dt.date, future: bool, _anchor: dt.date | None) -> str:
    win = (expr.get("win") or "").replace("the ", "")
    rel = expr.get("rel") or "this"
    season = expr.get("season")
    if season:
        # "early next spring": the first or last two months of that season.
        year = _season_year(pub, season, rel, future=future)
        first, last = WINDOWS[season]
        return _window(year, first, first + 1) if win == "early" else _window(year, last - 1, last)
    return _window(pub.year + _SHIFT[rel], *WINDOWS[win])


def _season_rel(expr: TimeExpr, pub: dt.date, future: bool, _anchor: dt.date | None) -> str:
    season = expr.get("season") or ""
    season = "holiday season" if season.startswith("holiday") else season
    rel = expr.get("rel") or ""
    rel = "in" if rel.endswith(" the") else rel.replace("by", "in")
    rel = "next" if rel == "this coming" else rel
    return _window(_season_year(pub, season, rel, future=future), *WINDOWS[season])


def _year_rel(expr: TimeExpr, pub: dt.date, _future: bool, _anchor: dt.date | None) -> str:
    if expr.get("mod"):
        return str(pub.year)  # "earlier this year", "later this year"
    return str(pub.year + _SHIFT[expr.get("rel") or "this"])


def _new_year(_expr: TimeExpr, pub: dt.date, _future: bool, _anchor: dt.date | None) -> str:
    # Told in January, "the new year" has begun: its early months are this year's.
    return _window(pub.year + (pub.month != 1), *WINDOWS["early"])


def _month_rel(expr: TimeExpr, pub: dt.date, _future: bool, _anchor: dt.date | None) -> str:
    shift = 0 if expr.get("mod") else _SHIFT[expr.get("rel") or "this"]
    return _month_value(*shift_months(pub, shift))


def _weekday(expr: TimeExpr, pub: dt.date, future: bool, _anchor: dt.date | None) -> str:
    target = WEEKDAYS[expr.get("wd") or "monday"]
    rel = expr.get("rel") or ""
    if rel == "next" or (future and rel != "last"):
        delta = (target - pub.weekday()) % 7
        if rel == "next" and delta == 0:
            delta = 7
        return (pub + dt.timedelta(days=delta)).isoformat()
    delta = (pub.weekday() - target) % 7
    if rel == "last" and delta == 0:
        delta = 7
    return (pub - dt.timedelta(days=delta)).isoformat()


def _week_rel(expr: TimeExpr, pub: dt.date, _future: bool, _anchor: dt.date | None) -> str:
    """A past week or weekend as an interval of days ("last week": Monday to Sunday)."""
    word = expr.get("word") or ""
    monday = pub - dt.timedelta(days=pub.weekday())
    if word == "last week":
        start, end = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    elif word == "earlier this week":
        # Strictly before the story: a Monday story's "earlier this week" is the days just gone.
        end = pub - dt.timedelta(days=1)
        start = monday if monday <= end else end - dt.timedelta(days=6)
    else:
        end = pub - dt.timedelta(days=(pub.weekday() + 1) % 7)  # the latest Sunday
        start = end - dt.timedelta(days=1)
    if start >= end:
        return end.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def _week_ahead(expr: TimeExpr, pub: dt.date, _future: bool, _anchor: dt.date | None) -> str:
    """Days ahead as an interval: "next week" Monday to Sunday, "next weekend" Friday to Sunday."""
    word = expr.get("word") or ""
    if word == "next weekend":
        # The weekend after "this weekend", which from Tuesday to Friday is the coming one.
        friday = pub + dt.timedelta(days=(4 - pub.weekday()) % 7)
        if 1 <= pub.weekday() <= 4:
            friday += dt.timedelta(days=7)
        return f"{friday.isoformat()}/{(friday + dt.timedelta(days=2)).isoformat()}"
    monday = pub - dt.timedelta(days=pub.weekday())
    if word == "next week":
        start, end = monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)
    else:
        start, end = pub + dt.timedelta(days=1), monday + dt.timedelta(days=6)
    if start >= end:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def _today(expr: TimeExpr, pub: dt.date, _future: bool, _anchor: dt.date | None) -> str:
    word = expr.get("word") or ""
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    if word == "this weekend":
        # Films open on Fridays: "opening this weekend" in a Tuesday to Thursday story is
        # the coming Friday; on Monday (the weekend just gone) and from Friday on, it is now.
        weekday = pub.weekday()
        shift = 4 - weekday if 1 <= weekday <= 3 else 0
    return (pub + dt.timedelta(days=shift)).isoformat()


_FULL_DATE_KINDS = frozenset({"date", "date_dmy", "month_year"})
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


class DatedMonths:
    """Each month an article dates in full ("June 13, 2025", "June 2025"), with its years.

    Read from the article's sentences, the headline as the first, the first time a
    yearless month asks for it: most articles never do.
    """

    def __init__(self, sents: Sequence[Sentence], pub: dt.date) -> None:
        self._sents = sents
        self._pub = pub
        self._years: dict[int, list[tuple[int, int]]] | None = None

    def years_before(self, month: int, position: int) -> set[int]:
        """The years given to ``month`` in sentences before ``position``."""
        if self._years is None:
            self._years = self._find()
        return {year for at, year in self._years.get(month, []) if at < position}

    def _find(self) -> dict[int, list[tuple[int, int]]]:
        years: dict[int, list[tuple[int, int]]] = {}
        for sent in self._sents:
            if not _YEAR_RE.search(sent.norm):
                continue
            for expr in find_times(sent.norm):
                if expr.explicit_year and expr.kind in _FULL_DATE_KINDS:
                    day = parse_iso(resolve(expr, self._pub, future=True) or "")
                    if day is not None:
                        years.setdefault(day.month, []).append((sent.position, day.year))
        return years


def year_the_article_gives(value: str, expr: TimeExpr, position: int, months: DatedMonths) -> str:
    """A yearless month or date in the year the article gave that month earlier on.

    "Pushed to January 17, 2020" in the headline makes the body's "opening in
    January" that January, not the next one after the story: a writer dates a
    month in full once, then refers back to it. Only one year given before, and
    only a later one, moves it: the default reading is already the next such month
    after the story, and a month dated more than two years on is another thing's.
    """
    day = parse_iso(value)
    if day is None or expr.explicit_year or expr.kind not in {"date", "date_dmy", "month_only"}:
        return value
    if expr.get("rel") in {"last", "this", "next"} or expr.get("yrel"):
        return value  # "next January" says its year already
    given = months.years_before(day.month, position)
    if len(given) != 1:
        return value
    (year,) = given
    if not day.year < year <= day.year + 2:
        return value
    try:
        moved = day.replace(year=year)
    except ValueError:  # 29 February
        return value
    return moved.isoformat()[: len(value)]


def weekend_opening(pub: dt.date) -> str:
    """The day a film opening "this weekend" comes out: that weekend's Friday.

    Films open on Fridays. Told from Tuesday to Thursday, the weekend is the coming
    one; told on the weekend or the Monday after, it is the one under way or just gone,
    whose Friday is before the story.
    """
    weekday = pub.weekday()
    shift = 4 - weekday if 1 <= weekday <= 3 else -((weekday - 4) % 7)
    return (pub + dt.timedelta(days=shift)).isoformat()


def _quarter(expr: TimeExpr, pub: dt.date, future: bool, _anchor: dt.date | None) -> str:
    last = 3 * _QUARTERS[expr.get("q") or "1"]
    year = int(expr.get("year") or 0)
    if not year:
        # "in the fourth quarter": this year's; a quarter already over, told of what is to
        # come, is next year's.
        year = pub.year + (future and last < pub.month)
    return _window(year, last - 2, last)


def _ahead(expr: TimeExpr, pub: dt.date, _future: bool, _anchor: dt.date | None) -> str | None:
    """A span ahead of publication ("in two weeks")."""
    return _shifted(expr, pub, 1)


def _offset(expr: TimeExpr, pub: dt.date, _future: bool, anchor: dt.date | None) -> str | None:
    """An offset ("three weeks later", "six months ago") from ``anchor``, else publication."""
    return _shifted(expr, anchor or pub, 1 if expr.get("dir") in {"later", "on"} else -1)


def _shifted(expr: TimeExpr, start: dt.date, sign: int) -> str | None:
    amount = NUMBER_WORDS.get(expr.get("n") or "")
    if amount is None:
        try:
            amount = int(expr.get("n") or "")
        except ValueError:
            return None
    unit = expr.get("unit")
    if unit == "day":
        return (start + dt.timedelta(days=sign * amount)).isoformat()
    if unit == "week":
        return (start + dt.timedelta(weeks=sign * amount)).isoformat()
    if unit == "month":
        return _month_value(*shift_months(start, sign * amount))
    return str(start.year + sign * amount)


_BASE_KINDS: tuple[tuple[str, str], ...] = (
    ("y1", "range"),
    ("win", "window"),
    ("day", "date"),
    ("mon", "month"),
    ("year", "year"),
    ("mod", "year_rel"),
    ("rel", "year_rel"),
)


def _base_kind(expr: TimeExpr) -> str:
    """The kind an "at the earliest" expression had before it was opened."""
    fields = dict(expr.fields)
    for name, kind in _BASE_KINDS:
        if name not in fields:
            continue
        if kind == "window":
            return "window_year" if "year" in fields else "window_rel"
        if kind == "month":
            return "month_year" if "year" in fields else "month_only"
        return kind
    return "year"


def _holiday(expr: TimeExpr, pub: dt.date, future: bool, _anchor: dt.date | None) -> str:
    year_text, rel = expr.get("year"), expr.get("rel")
    year = int(year_text) if year_text else (pub.year + _SHIFT[rel] if rel else None)
    return holiday_value(
        expr.get("hol") or "", year=year, weekend=bool(expr.get("wknd")),
        before=bool(expr.get("by")), pub=pub, future=future,
    )  # fmt: skip


def _year_end(_expr: TimeExpr, pub: dt.date, _future: bool, _anchor: dt.date | None) -> str:
    return _window(pub.year, *WINDOWS["end of"])


_RESOLVERS: dict[str, Resolver] = {
    "holiday": _holiday,
    "year_end": _year_end,
    "date": _date,
    "date_dmy": _date,
    "month_year": _month_year,
    "month_only": _month_only,
    "year": _year,
    "open": _open,
    "range": _range,
    "window_year": _window_year,
    "window_rel": _window_rel,
    "season_rel": _season_rel,
    "year_rel": _year_rel,
    "new_year": _new_year,
    "month_rel": _month_rel,
    "weekday": _weekday,
    "today": _today,
    "week_rel": _week_rel,
    "week_ahead": _week_ahead,
    "offset": _offset,
    "ahead": _ahead,
    "quarter": _quarter,
    "month_span": _month_span,
    "window_span": _window_span,
}
