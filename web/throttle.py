"""Slowing down token guesses: a small token bucket per client, kept in memory.

Each client (by address) may give a wrong token ``attempts`` times in a row;
after that, one more try per ``interval`` seconds. Until then every attempt,
right or wrong, is answered with 429 and ``Retry-After``, so guessing costs
time whatever the guess.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

MAX_CLIENTS = 10_000
"""Buckets kept at most; the least recently used go first (a full bucket is no loss)."""


class LoginThrottle:
    """Counts wrong tokens per client and says how long a client must wait."""

    def __init__(
        self,
        attempts: int,
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.attempts = attempts
        self.interval = interval
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def _level(self, client: str, now: float) -> float:
        tokens, at = self._buckets.get(client, (float(self.attempts), now))
        return min(float(self.attempts), tokens + (now - at) / self.interval)

    def retry_after(self, client: str) -> int:
        """Return the seconds ``client`` must wait before trying a token (0: try now)."""
        with self._lock:
            if client not in self._buckets:
                return 0
            level = self._level(client, self._clock())
            return 0 if level >= 1 else max(1, math.ceil((1 - level) * self.interval))

    def failed(self, client: str) -> None:
        """Record a wrong token from ``client``."""
        with self._lock:
            now = self._clock()
            level = self._level(client, now)
            self._buckets[client] = (max(0.0, level - 1), now)
            self._buckets.move_to_end(client)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)

    def succeeded(self, client: str) -> None:
        """Forget ``client``'s wrong tokens: it knows the right one."""
        with self._lock:
            self._buckets.pop(client, None)
