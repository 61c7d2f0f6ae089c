"""One attempt at sending, and what it does to the deliveries it carried.

Shared by single alerts (one delivery per message) and digests (several
deliveries per message): every delivery a message carried records the same
attempt, and is sent, retried or failed together.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from newsmon.alerts.channels.base import Channel, DeliveryError, Message
from newsmon.alerts.outbox import disable_channel, record_attempt
from newsmon.storage.models import Delivery, DeliveryStatus, utcnow

logger = logging.getLogger(__name__)

RETRY_DELAYS: tuple[dt.timedelta, ...] = (
    dt.timedelta(seconds=5),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=5),
    dt.timedelta(hours=10),
    dt.timedelta(hours=10),
)
"""Waits after the 1st, 2nd, ... failed attempt (Standard Webhooks' schedule)."""
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
JITTER = 0.1
"""Each wait is stretched or shrunk by up to 10 % so retries do not arrive in lockstep."""

_random = random.Random()


def retry_delay(attempts: int) -> dt.timedelta | None:
    """Return the wait after ``attempts`` failed attempts, or ``None`` to give up."""
    if attempts < 1 or attempts > len(RETRY_DELAYS):
        return None
    base = RETRY_DELAYS[attempts - 1]
    return base * _random.uniform(1 - JITTER, 1 + JITTER)


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """How one attempt went: no ``error`` means the receiver took the message."""

    started_at: dt.datetime
    finished_at: dt.datetime
    duration_ms: int
    error: str | None = None
    status_code: int | None = None
    permanent: bool = False
    disables: bool = False


def deliver(channel: Channel, message: Message) -> int | None:
    """Send ``message`` within the channel's deadline; return the receiver's status code.

    A channel whose ``send`` stops at the deadline itself (webhooks) is called
    directly. Any other runs in a thread given ``channel.deadline`` seconds:
    past them the delivery counts as failed, and the abandoned send ends on
    its own network timeouts (if it still arrives, its retry carries the same
    id). Raises ``DeliveryError``.
    """
    if channel.enforces_deadline:
        return channel.send(message)
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, channel.send(message)))
        except BaseException as exc:  # handed to the caller's thread as it is
            outcome.append((False, exc))

    thread = threading.Thread(target=run, name=f"send {channel.name}", daemon=True)
    thread.start()
    thread.join(channel.deadline)
    if not outcome:
        raise DeliveryError(f"{channel.label}: not done within {channel.deadline:g} s")
    done, value = outcome[0]
    if not done:
        raise value
    status: int | None = value
    return status


def attempt(channel: Channel, render: Callable[[], Message], *, now: dt.datetime | None) -> Outcome:
    """Render and send one message within its deadline, timing it; never raises for a failed send.

    A successful send records the receiver's status code (HTTP status, SMTP reply).
    """
    started_at = now or utcnow()
    started = time.monotonic()
    error: str | None = None
    status_code: int | None = None
    permanent = disables = False
    try:
        # Rendered with the wall clock: receivers check the signed timestamp against theirs.
        status_code = deliver(channel, render())
    except DeliveryError as exc:
        error, status_code = exc.reason, exc.status_code
        permanent, disables = exc.permanent, exc.disables
    except Exception as exc:
        # A bug in rendering or sending must not stop the other deliveries.
        logger.exception("sending via %s: unexpected error", channel.label)
        error = f"unexpected error: {type(exc).__name__}: {exc}"
    return Outcome(
        started_at=started_at,
        finished_at=now or utcnow(),
        duration_ms=round((time.monotonic() - started) * 1000),
        error=error,
        status_code=status_code,
        permanent=permanent,
        disables=disables,
    )


def settle(
    session: Session,
    deliveries: Sequence[Delivery],
    channel: Channel,
    outcome: Outcome,
    *,
    digest_id: str | None = None,
) -> dict[str, int]:
    """Record ``outcome`` on every delivery the message carried; count what became of them.

    Counts ``sent``, ``retried`` and ``failed`` deliveries; a channel the
    receiver disabled (410 Gone) also fails the channel's other pending ones.
    """
    for delivery in deliveries:
        record_attempt(
            delivery,
            at=outcome.started_at,
            status_code=outcome.status_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
            digest_id=digest_id,
        )
    what = _what(deliveries, digest_id)
    if outcome.error is None:
        for delivery in deliveries:
            delivery.status = DeliveryStatus.sent
            delivery.sent_at = outcome.finished_at
        logger.info("%s sent via %s in %d ms", what, channel.label, outcome.duration_ms)
        return {"sent": len(deliveries)}
    attempts = max(delivery.attempts for delivery in deliveries)
    delay = None if outcome.permanent else retry_delay(attempts)
    if delay is None:
        for delivery in deliveries:
            delivery.status = DeliveryStatus.failed
        logger.error(
            "%s via %s failed after %d attempt(s), giving up: %s",
            what,
            channel.label,
            attempts,
            outcome.error,
        )
        others = 0
        if outcome.disables:
            session.flush()
            others = disable_channel(
                session,
                channel.kind,
                channel.target,
                reason=outcome.error or "disabled",
                name=channel.name,
                now=outcome.finished_at,
            )
        return {"failed": len(deliveries) + others}
    for delivery in deliveries:
        delivery.next_attempt_at = outcome.finished_at + delay
    logger.warning(
        "%s via %s failed (attempt %d of %d), retrying at %s: %s",
        what,
        channel.label,
        attempts,
        MAX_ATTEMPTS,
        (outcome.finished_at + delay).isoformat(timespec="seconds"),
        outcome.error,
    )
    return {"retried": len(deliveries)}


def _what(deliveries: Sequence[Delivery], digest_id: str | None) -> str:
    if digest_id is None and len(deliveries) == 1:
        return f"delivery {deliveries[0].id} ({deliveries[0].message_id})"
    ids = ", ".join(str(delivery.id) for delivery in deliveries)
    return f"digest {digest_id} (deliveries {ids})"
