"""Turn the date strings pages carry into ISO 8601, without guessing.

Structured data usually holds ISO 8601 already; the rest is mostly RFC 822
("Tue, 05 Mar 2024 10:00:00 GMT") or English prose ("March 5, 2024 10:00 AM
EST"). A value that names only a day stays a date (``2024-03-05``); a value
with a time keeps its zone when it has one and stays naive when it has none,
so a later step can decide what a naive time means.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, timedelta, timezone

from dateutil import parser as dateutil_parser

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# Abbreviations dateutil does not know; news sites in English use these most.
_ZONES: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "JST": 9,
    "AEST": 10,
    "AEDT": 11,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
}
_TZINFOS = {name: timezone(timedelta(hours=hours)) for name, hours in _ZONES.items()}
_TZINFOS["IST"] = timezone(timedelta(hours=5, minutes=30))

# Two different defaults reveal which fields the string really contained.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


def normalise_date(raw: str | None) -> str | None:
    """Return ``raw`` as an ISO 8601 date or datetime string, or None.

    None when the value is empty, lacks a full calendar day, or cannot be
    read. Seconds are kept; microseconds are kept only when present.
    """
    if not raw:
        return None
    value = " ".join(raw.split())
    if not value or len(value) > 100:
        return None
    if _ISO_DAY.fullmatch(value):
        return _valid_day(value)
    try:
        moment = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        pass
    else:
        # Basic-format days such as 20240305 name no time of day.
        return moment.date().isoformat() if len(value) <= 10 else _iso(moment)
    return _prose(value)


def _valid_day(value: str) -> str | None:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds" if moment.microsecond else "seconds")


def _prose(value: str) -> str | None:
    try:
        with warnings.catch_warnings():
            # An unknown zone name only makes the result naive; that is what we want.
            warnings.simplefilter("ignore")
            first = dateutil_parser.parse(value, default=_DEFAULT_A, tzinfos=_TZINFOS)
            second = dateutil_parser.parse(value, default=_DEFAULT_B, tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None  # year, month or day was missing
    if first.hour != second.hour:
        return first.date().isoformat()  # no time of day given
    return _iso(first)  # minutes or seconds left out read as zero, from the first default
