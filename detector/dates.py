# ruff: noqa: E501  (regular expressions read best unbroken)
"""Time expressions in trade-press prose, resolved against the publication date.

Values use the status model's ISO 8601 forms: ``2018``, ``2018-03``,
``2018-03-17``, ``2018/2019``, ``2019-03/2019-05`` and ``2018/..``.
A date written without a year resolves to its next occurrence when the
clause speaks of the future and to its previous occurrence when it speaks of
the past.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["date", "month", "year", "window", "range", "open", "offset"]

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
SEASON_WORDS = "spring|summer|fall|autumn"

_M = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_Y = r"(?:19|20)\d\d"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of|eighteen|twenty)"
_WIN = r"(?:early|late|mid|spring|summer|fall|autumn|first half of|second half of|(?:the )?end of)"

_PATTERNS: list[tuple[str, str]] = [
    (
        "offset",
        rf"\b(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|after|ago|earlier|before|on)\b",
    ),
    (
        "date",
        rf"\b(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_M})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>{_Y})\b)?",
    ),
    (
        "date_dmy",
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_M})(?:,?\s+(?P<year>{_Y}))?\b",
    ),
    ("range", rf"\bbetween\s+(?P<y1>{_Y})\s+and\s+(?P<y2>{_Y})\b"),
    ("range", rf"\b(?P<y1>{_Y})\s*(?:-|/|to)\s*(?P<y2>{_Y})\b"),
    ("window_year", rf"\b(?P<win>{_WIN})[- ]?(?:of\s+)?(?P<year>{_Y})\b"),
    (
        "window_rel",
        r"\b(?P<win>early|late|mid|(?:the )?end of)[- ](?P<rel>this|next|last)\s+year\b",
    ),
    ("window_rel", rf"\b(?P<win>early|late)[- ](?P<rel>this|next)\s+(?P<season>{SEASON_WORDS})\b"),
    (
        "season_rel",
        rf"\b(?P<rel>this|next|last|in the|in|by the|by|this coming)\s+(?P<season>{SEASON_WORDS})\b",
    ),
    ("month_year", rf"\b(?P<mon>{_M})\s+(?:of\s+)?(?P<year>{_Y})\b"),
    ("year_rel", r"\b(?P<mod>earlier|later)\s+this\s+year\b"),
    ("year_rel", r"\b(?P<rel>this|next|last|the following|the previous)\s+year\b"),
    ("month_rel", r"\b(?P<mod>earlier|later)\s+this\s+month\b"),
    ("month_rel", r"\b(?P<rel>this|next|last|the following)\s+month\b"),
    (
        "month_only",
        rf"\b(?P<rel>last|this|next|in|by|from|until|till|since|early|late|mid-?)\s+(?P<mon>{_M})(?![\w-])",
    ),
    ("weekday", rf"\b(?P<rel>last|this|next|on|)\s*(?P<wd>{_WD})\b"),
    ("today", r"\b(?P<word>today|tonight|yesterday|tomorrow|this week|this weekend)\b"),
    ("year", rf"\b(?P<year>{_Y})\b(?!s|-\d\d\b|\s*-\s*\d\d\b)"),
]
# Named groups repeat across alternatives, so each pattern is compiled alone.
_COMPILED = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS]
_TIME_HINT = re.compile(
    r"\d|year|month|week|day\b|today|tonight|tomorrow|spring|summer|fall|autumn|early|late|mid"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|later|after|ago|before|earlier",
    re.IGNORECASE,
)
_EARLIEST_AFTER = re.compile(r"^,?\s*(?:at\s+)?the\s+(?:very\s+)?earliest\b", re.IGNORECASE)
_EARLIEST_BEFORE = re.compile(
    r"(?:\bnot\b|n't|\bno\b)[\w\s,'-]{0,40}?\b(?:before|until|till|earlier than)\s+$"
    r"|\b(?:no earlier than|not before|not until|at the earliest in)\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression found in a sentence; resolve it with ``resolve``."""

    start: int
    end: int
    kind: str
    text: str
    fields: tuple[tuple[str, str], ...]
    explicit_year: bool

    def get(self, name: str) -> str | None:
        """Return a captured field of the expression, lowercased, or None."""
        for key, value in self.fields:
            if key == name:
                return value
        return None

    @property
    def is_release_window(self) -> bool:
        """True if the expression can name when something comes out."""
        return self.kind not in {"offset", "today"} or self.get("word") in {
            "today", "tonight", "tomorrow", "this weekend"
        }  # fmt: skip

    @property
    def is_relative_anchor(self) -> bool:
        """True for "now"-like words that only repeat the publication date."""
        return self.kind == "today"


def find_times(norm: str) -> list[TimeExpr]:
    """All non-overlapping time expressions in a normalised sentence, leftmost-longest."""
    found: list[TimeExpr] = []
    if not _TIME_HINT.search(norm):
        return found
    for kind, regex in _COMPILED:
        for match in regex.finditer(norm):
            start, end = match.span()
            if any(start < e and s < end for s, e in ((t.start, t.end) for t in found)):
                continue
            fields = tuple(
                (key, value.lower()) for key, value in match.groupdict().items() if value
            )
            expr = TimeExpr(start, end, kind, match.group(0), fields, "year" in dict(fields))
            if _accept(expr, norm):
                if kind in {"range", "year"} or _EARLIEST_AFTER.match(norm[end:]):
                    expr = _maybe_open(expr, norm)
                found.append(expr)
    found.sort(key=lambda t: t.start)
    return found


def _accept(expr: TimeExpr, norm: str) -> bool:  # noqa: PLR0911
    before = norm[max(0, expr.start - 12) : expr.start].lower()
    after = norm[expr.end : expr.end + 16].lower()
    if expr.kind == "year":
        release_noun = re.match(
            r"\s+(?:release|launch|premiere|debut|return|bow|opening|window|date)\b", after
        )
        # "its 2019 fantasy hit", "a 1987 novel": a year used as a modifier.
        if (
            not release_noun
            and re.match(r"\s+[a-z]", after)
            and not re.match(
                r"\s+(?:at|and|or|to|but|with|for|in|on|as|after|before|when|while|if|the)\b", after
            )
        ):
            return False
        if not release_noun and re.search(
            r"(?:'s|\bthe|\bits|\btheir|\ba|\bhis|\bher)\s+$", before
        ):
            return False
    if expr.get("mon") == "may" and "May" not in expr.text and "MAY" not in expr.text:
        return False  # "season 2 may air": the verb, not the month
    if expr.kind == "weekday" and not expr.get("rel") and re.match(r"\s*-", after):
        return False
    if expr.kind == "month_only" and expr.get("mon") in {"may", "mar", "jun", "jul", "aug"}:
        # "may" and the short forms are too often ordinary words.
        word = expr.text.split()[-1]
        if word.lower() == "may" and not word[0].isupper():
            return False
        if len(word.rstrip(".")) == 3 and word.lower() not in {"may"}:
            return False
    if expr.kind == "today" and expr.get("word") in {"now", "currently"}:
        return True
    return True


def _maybe_open(expr: TimeExpr, norm: str) -> TimeExpr:
    after = norm[expr.end :]
    before = norm[max(0, expr.start - 60) : expr.start]
    if _EARLIEST_AFTER.match(after) or _EARLIEST_BEFORE.search(before):
        end = expr.end
        match = _EARLIEST_AFTER.match(after)
        if match:
            end += match.end()
        return TimeExpr(expr.start, end, "open", expr.text, expr.fields, expr.explicit_year)
    return expr


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _window(year: int, first: int, last: int) -> str:
    return f"{_month_value(year, first)}/{_month_value(year, last)}"


def _shift_months(day: dt.date, months: int) -> tuple[int, int]:
    total = day.year * 12 + (day.month - 1) + months
    return total // 12, total % 12 + 1


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
    if future and candidate < pub:
        return dt.date(year + 1, month, min(day_, calendar.monthrange(year + 1, month)[1]))
    if not future and candidate > pub:
        return dt.date(year - 1, month, min(day_, calendar.monthrange(year - 1, month)[1]))
    return candidate


def _season_year(pub: dt.date, season: str, rel: str, *, future: bool) -> int:
    first, last = WINDOWS[season]
    if rel == "next":
        return pub.year + 1 if pub.month >= first else pub.year
    if rel == "last":
        return pub.year - 1 if pub.month <= last else pub.year
    if rel == "this":
        return pub.year
    # "in the spring": the coming one when speaking of the future.
    if future:
        return pub.year if pub.month <= last else pub.year + 1
    return pub.year if pub.month >= first else pub.year - 1


def resolve(  # noqa: PLR0915, PLR0911, PLR0912
    expr: TimeExpr, pub: dt.date, *, future: bool, anchor: dt.date | None = None
) -> str | None:
    """Return the ISO value of ``expr`` relative to ``pub``; None if it names no usable time."""
    kind = expr.kind
    get = expr.get
    if kind in {"date", "date_dmy"}:
        month = MONTHS[(get("mon") or "").rstrip(".")]
        day = int(get("day") or 1)
        if day > 31:
            return None
        year_text = get("year")
        if year_text:
            try:
                return dt.date(int(year_text), month, day).isoformat()
            except ValueError:
                return None
        try:
            return _next_or_previous(pub, month, day, future=future).isoformat()
        except ValueError:
            return None
    if kind == "month_year":
        return _month_value(int(get("year") or 0), MONTHS[(get("mon") or "").rstrip(".")])
    if kind == "month_only":
        month = MONTHS[(get("mon") or "").rstrip(".")]
        rel = get("rel") or ""
        if rel == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif rel == "next":
            year = pub.year if month > pub.month else pub.year + 1
        elif rel == "this":
            year = pub.year
        else:
            year = _next_or_previous(pub, month, None, future=future).year
        return _month_value(year, month)
    if kind == "year":
        return get("year")
    if kind == "open":
        if get("y1"):
            return f"{get('y1')}/.."
        inner = TimeExpr(
            expr.start, expr.end, _base_kind(expr), expr.text, expr.fields, expr.explicit_year
        )
        value = resolve(inner, pub, future=future, anchor=anchor)
        if value is None:
            return None
        return f"{value.split('/')[0]}/.."
    if kind == "range":
        first, second = int(get("y1") or 0), int(get("y2") or 0)
        if second <= first or second - first > 3:
            return None
        return f"{first}/{second}"
    if kind == "window_year":
        window = WINDOWS[
            (get("win") or "").replace("the ", "") if get("win") != "the end of" else "end of"
        ]
        return _window(int(get("year") or 0), *window)
    if kind == "window_rel":
        win = (get("win") or "").replace("the ", "")
        rel = get("rel") or "this"
        season = get("season")
        if season:
            year = _season_year(pub, season, rel, future=future)
            first, last = WINDOWS[season]
            return (
                _window(year, first, first + 1) if win == "early" else _window(year, last - 1, last)
            )
        year = pub.year + {"this": 0, "next": 1, "last": -1}[rel]
        return _window(year, *WINDOWS[win])
    if kind == "season_rel":
        season = get("season") or ""
        rel = (get("rel") or "").replace("by the", "in").replace("in the", "in").replace("by", "in")
        rel = "next" if rel == "this coming" else rel
        return _window(_season_year(pub, season, rel, future=future), *WINDOWS[season])
    if kind == "year_rel":
        mod = get("mod")
        if mod:
            return str(pub.year)
        rel = get("rel") or "this"
        shift = {"this": 0, "next": 1, "the following": 1, "last": -1, "the previous": -1}[rel]
        return str(pub.year + shift)
    if kind == "month_rel":
        mod = get("mod")
        rel = get("rel") or "this"
        shift = 0 if mod else {"this": 0, "next": 1, "the following": 1, "last": -1}[rel]
        return _month_value(*_shift_months(pub, shift))
    if kind == "weekday":
        target = WEEKDAYS[get("wd") or "monday"]
        rel = get("rel") or ""
        if rel == "next" or (future and rel != "last"):
            delta = (target - pub.weekday()) % 7
            if rel == "next" and delta == 0:
                delta = 7
            return (pub + dt.timedelta(days=delta)).isoformat()
        delta = (pub.weekday() - target) % 7
        if rel == "last" and delta == 0:
            delta = 7
        return (pub - dt.timedelta(days=delta)).isoformat()
    if kind == "today":
        word = get("word")
        shift = {"yesterday": -1, "tomorrow": 1}.get(word or "", 0)
        return (pub + dt.timedelta(days=shift)).isoformat()
    if kind == "offset":
        return _resolve_offset(expr, anchor or pub)
    return None


def _base_kind(expr: TimeExpr) -> str:  # noqa: PLR0911
    fields = dict(expr.fields)
    if "y1" in fields:
        return "range"
    if "win" in fields:
        return "window_year" if "year" in fields else "window_rel"
    if "day" in fields:
        return "date"
    if "mon" in fields:
        return "month_year" if "year" in fields else "month_only"
    if "year" in fields:
        return "year"
    if "mod" in fields or "rel" in fields:
        return "year_rel"
    return "year"


def _resolve_offset(expr: TimeExpr, anchor: dt.date) -> str | None:
    amount = NUMBER_WORDS.get(expr.get("n") or "")
    if amount is None:
        try:
            amount = int(expr.get("n") or "")
        except ValueError:
            return None
    unit = expr.get("unit")
    direction = expr.get("dir")
    sign = 1 if direction in {"later", "on"} else -1
    if unit == "day":
        return (anchor + dt.timedelta(days=sign * amount)).isoformat()
    if unit == "week":
        return (anchor + dt.timedelta(weeks=sign * amount)).isoformat()
    if unit == "month":
        return _month_value(*_shift_months(anchor, sign * amount))
    return str(anchor.year + sign * amount)


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
