"""One reading of the date options (``--since``, ``--older-than``): ages, day words, ISO dates.

``36h``, ``2d``, ``8w`` and ``1y`` are ages counted back from now; ``today``
and ``yesterday`` are the start of those days (UTC); ``2026-11-01`` is the
start of that day and ``2026-11-01T08:30`` (or with a zone) that moment,
UTC when no zone is given.
"""

from __future__ import annotations

import datetime as dt
import re

from newsmon.cli_context import UsageProblem

_AGE = re.compile(r"^(\d+)\s*(h|d|w|y)$", re.IGNORECASE)
_UNIT = {"h": dt.timedelta(hours=1), "d": dt.timedelta(days=1), "w": dt.timedelta(weeks=1),
         "y": dt.timedelta(days=365)}  # fmt: skip
_DAYS_BACK = {"today": 0, "yesterday": 1}

ACCEPTED = "an age such as 36h, 2d, 8w or 1y, 'today', 'yesterday', or a date such as 2026-11-01"
"""What the options take, as their help and error lines say it."""


def parse_moment(value: str, *, option: str, now: dt.datetime | None = None) -> dt.datetime:
    """The moment (UTC-aware) that ``value`` names; UsageProblem in one line naming ``option``."""
    now = now or dt.datetime.now(dt.UTC)
    text = value.strip().lower()
    age = _AGE.match(text)
    if age:
        return now - int(age.group(1)) * _UNIT[age.group(2)]
    if text in _DAYS_BACK:
        day = now.astimezone(dt.UTC).date() - dt.timedelta(days=_DAYS_BACK[text])
        return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageProblem(f"{option}: {value!r} is not {ACCEPTED}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def parse_day(value: str, *, option: str, today: dt.date | None = None) -> dt.date:
    """The day (UTC) that ``value`` names, for options that count whole days."""
    now = dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC) if today else None
    return parse_moment(value, option=option, now=now).astimezone(dt.UTC).date()
