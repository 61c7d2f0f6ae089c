"""Human wording of alerts beyond the summary line: digests, periods, readable dates.

The summary line and the labels of a change are :mod:`storage.views`'.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from newsmon.alerts.event import Digest
from newsmon.storage.views import EventView, change_label

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def digest_line(event: EventView) -> str:
    """One event inside a show's group of a digest: ``season 1: filming -> wrapped``."""
    where = "" if event.season is None else f"season {event.season}: "
    return f"{where}{change_label(event.facet, event.old, event.new)}"


def period_label(start: dt.datetime, end: dt.datetime) -> str:
    """Return ``21 Nov 2026 09:00-10:00 UTC`` or ``20 Nov 2026 00:00 - 21 Nov 2026 00:00 UTC``."""
    start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    if start.date() == end.date():
        return f"{start:%d %b %Y %H:%M}-{end:%H:%M} UTC"
    return f"{start:%d %b %Y %H:%M} - {end:%d %b %Y %H:%M} UTC"


def digest_title(digest: Digest) -> str:
    """Return the digest's subject: ``newsmon digest: 3 changes to 2 shows, <period>``."""
    changes = len(digest.events)
    shows = len(digest.by_show())
    return (
        f"newsmon digest: {changes} change{'s' if changes != 1 else ''} to "
        f"{shows} show{'s' if shows != 1 else ''}, {period_label(digest.start, digest.end)}"
    )


def readable_date(value: str) -> str:
    """Spell out ``2018-03-17`` as ``17 March 2018``, ``2018-03`` as ``March 2018``."""
    match = _DATE.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    if month is None:
        return year
    if not 1 <= int(month) <= 12:
        return value
    month_name = calendar.month_name[int(month)]
    return f"{month_name} {year}" if day is None else f"{int(day)} {month_name} {year}"


def readable_release(value: str) -> str:
    """Put a release value in words, keeping the ISO value visible.

    ``2018-03`` -> ``March 2018 (2018-03)``, ``2018/2019`` -> ``between 2018 and
    2019 (2018/2019)``, ``2018/..`` -> ``2018 or later (2018/..)``, ``tba`` -> ``to
    be announced``.
    """
    if value == "tba":
        return "to be announced"
    if "/" in value:
        start, _, end = value.partition("/")
        if end == "..":
            words = f"{readable_date(start)} or later"
        elif start == "..":
            words = f"by {readable_date(end)}"
        else:
            words = f"between {readable_date(start)} and {readable_date(end)}"
    else:
        words = readable_date(value)
    return words if words == value else f"{words} ({value})"


def reported_by(count: int) -> str:
    """``reported by 1 outlet``, ``reported by 3 outlets``."""
    return f"reported by {count} outlet{'s' if count != 1 else ''}"


def detected_label(when: dt.datetime) -> str:
    """When newsmon learnt a change: ``5 Dec 2026 14:03 UTC``."""
    return f"{when.astimezone(dt.UTC):%d %b %Y %H:%M} UTC"
