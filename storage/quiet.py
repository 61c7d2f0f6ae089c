"""Which change events are history rather than news: a source's baseline, and old news.

A person who sets up a monitor wants to hear what changes from then on.
Two kinds of change events are therefore stored (state and history stay
complete) but alert nobody, and record why in ``change_events.quiet``:

- ``baseline``: read while polling a source that has not completed a poll
  yet (new in the configuration, or never polled), or during ``newsmon crawl
  --baseline``. Whether a source is baselined is read from the store
  (``sources.baselined_at``, set when one of its polls runs to its end), so a
  crawl cut short or crashed during the first poll leaves the next one a
  baseline too, whichever process runs it.
- ``old``: its ``as_of`` is older than ``alerts.max_age`` when it is found
  (a recap of past seasons, an archive article read late).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsmon.detector.periods import as_of_key
from newsmon.storage.models import Source, utcnow

QuietReason = Literal["baseline", "old"]

BASELINE: QuietReason = "baseline"
OLD: QuietReason = "old"


@dataclass(frozen=True, kw_only=True, slots=True)
class Baseline:
    """Which fetches are read as their source's baseline: stored and read, alerting nobody."""

    forced: bool = False
    """Every source polled is baselined (``newsmon crawl --baseline``)."""
    opted_out: Collection[str] = frozenset()
    """Sources configured with ``baseline: false``: their first poll alerts."""

    def applies(self, session: Session, source: str | None) -> bool:
        """Return whether what ``source`` yields now is its baseline, read in the caller's store."""
        if self.forced:
            return True
        if source is None or source in self.opted_out:
            return False
        return not is_baselined(session, source)


def is_baselined(session: Session, source: str) -> bool:
    """Return whether a poll of ``source`` has run to its end (its news alerts from then on)."""
    done = session.scalar(select(Source.baselined_at).where(Source.name == source))
    return done is not None


def completes_baseline(*, finish_reason: str | None, pages: int, stored: int, dropped: int) -> bool:
    """Return whether a recorded poll completes its source's baseline.

    Only a crawl that ran to its end (``finished``) and read something does:
    one interrupted, cut at its time limit, crashed or answered by errors
    alone leaves the rest of the source unread, to be read by the next poll.
    """
    return finish_reason == "finished" and (pages + stored + dropped) > 0


def is_old(as_of: str, max_age: float | None, *, now: dt.datetime | None = None) -> bool:
    """Return whether ``as_of`` ended more than ``max_age`` seconds before ``now``.

    A period counts by its last day ("2019" is old by 2020-01-31 with 30 days),
    so news dated by month alone is not taken for old while the month lasts.
    ``max_age`` ``None`` switches the filter off; an unreadable ``as_of`` is news.
    """
    if max_age is None:
        return False
    try:
        last_day = as_of_key(as_of)[1]
    except ValueError:
        return False
    today = (now or utcnow()).date()
    return (today - last_day).total_seconds() > max_age


BaselineState = Literal["baselined", "pending", "off"]


def baseline_state(baselined_at: dt.datetime | None, *, opted_out: bool) -> BaselineState:
    """Return how a source stands: ``baselined``, ``pending`` or ``off``.

    ``baselined``: its news alerts; ``pending``: its next poll is its baseline,
    alerting nobody; ``off``: ``baseline: false``, it alerts at once.
    """
    if baselined_at is not None:
        return "baselined"
    return "off" if opted_out else "pending"
