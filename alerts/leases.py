"""Leases: how dispatchers share the outbox without sending anything twice.

A dispatcher claims a delivery (or a channel's digests) by writing its own
id and a lease end in one conditional UPDATE, which succeeds only where no
other lease is live; the database lets exactly one of two claimants change
the row, on SQLite and PostgreSQL alike. A lease outlasts the longest send
it covers, so it only runs out under a dispatcher that died: then the row is
free again and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
import uuid

from newsmon.storage.models import utcnow

LEASE_MARGIN = dt.timedelta(seconds=10)
"""Time beyond the sends a lease covers, for recording the attempt."""


def lease_for(deadline: float) -> dt.timedelta:
    """Return how long a claim on one send lasts: twice its deadline plus a margin.

    Twice: a send that hits its deadline still has to close its connection
    and write its outcome before the row may go to another dispatcher.
    """
    return dt.timedelta(seconds=2 * deadline) + LEASE_MARGIN


def claimant() -> str:
    """Return a new dispatcher id: ``host:pid:random``, unique to one dispatch run."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


class Clock:
    """The time leases are measured by: the given ``now`` moved on by the real time since.

    Tests fix ``now`` far from the wall clock; a run that takes minutes must
    still see its own leases age.
    """

    def __init__(self, now: dt.datetime | None = None):
        self._start = now
        self._started = time.monotonic()

    def now(self) -> dt.datetime:
        """The current time on this clock (aware UTC)."""
        if self._start is None:
            return utcnow()
        return self._start + dt.timedelta(seconds=time.monotonic() - self._started)
