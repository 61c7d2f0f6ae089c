"""Digest periods: UTC hours and UTC days."""

from __future__ import annotations

import datetime as dt
from typing import Literal

_LENGTH = {"hourly": dt.timedelta(hours=1), "daily": dt.timedelta(days=1)}


Period = Literal["hourly", "daily"]


def period_of(moment: dt.datetime, mode: Period) -> tuple[dt.datetime, dt.datetime]:
    """Return the UTC hour or UTC day holding ``moment``, as ``(start, end)``."""
    moment = moment.astimezone(dt.UTC)
    start = moment.replace(minute=0, second=0, microsecond=0)
    if mode == "daily":
        start = start.replace(hour=0)
    return start, start + _LENGTH[mode]
