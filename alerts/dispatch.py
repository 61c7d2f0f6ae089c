"""The outbox dispatcher: send due deliveries, retry with backoff, never twice.

Each delivery is claimed, sent and recorded in its own transaction. On
PostgreSQL the claim is ``SELECT ... FOR UPDATE SKIP LOCKED``, so several
dispatchers share the outbox without sending one delivery twice; the row
stays locked while it is being sent (at most the channel's timeout). SQLite
has no row locks: run one dispatcher per SQLite database (the scheduler runs
its dispatch job with ``max_instances=1``).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from alerts.channels.base import Channel, DeliveryError, DryRunChannel
from alerts.event import AlertEvent
from storage.models import Delivery, DeliveryStatus, utcnow

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


@dataclass(frozen=True, kw_only=True)
class DispatchSummary:
    """What one dispatch run did, counted by delivery."""

    sent: int = 0
    failed: int = 0
    """Given up: retries exhausted, a permanent error, or a channel no longer configured."""
    retried: int = 0
    """Failed this time, scheduled for another attempt."""
    skipped: int = 0
    """Due but left as they were (a dry run)."""

    @property
    def total(self) -> int:
        """Every delivery this run looked at."""
        return self.sent + self.failed + self.retried + self.skipped


def retry_delay(attempts: int) -> dt.timedelta | None:
    """Return the wait after ``attempts`` failed attempts, or ``None`` to give up."""
    if attempts < 1 or attempts > len(RETRY_DELAYS):
        return None
    base = RETRY_DELAYS[attempts - 1]
    return base * _random.uniform(1 - JITTER, 1 + JITTER)


def dispatch_pending(
    session_factory: sessionmaker[Session],
    channels: Sequence[Channel],
    *,
    now: dt.datetime | None = None,
    include_not_due: bool = False,
    dry_run: bool = False,
) -> DispatchSummary:
    """Send every pending delivery that is due; return what happened.

    ``now`` fixes the clock (aware UTC) for the due check and the times
    recorded; ``include_not_due`` also sends deliveries waiting for a retry
    (a "retry now"); ``dry_run`` renders and logs what would be sent and
    leaves every row unchanged, as does any channel given wrapped in
    ``DryRunChannel``. Each delivery is tried at most once per run.
    """
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be an aware datetime (UTC)")
    due_by = now or utcnow()
    by_target = {_key(channel): channel for channel in channels}
    counts = {"sent": 0, "failed": 0, "retried": 0, "skipped": 0}
    last_id = 0
    while True:
        with session_factory() as session, session.begin():
            delivery = _claim_next(
                session, after_id=last_id, due_by=due_by, any_time=include_not_due
            )
            if delivery is None:
                break
            last_id = delivery.id
            channel = by_target.get((delivery.channel, delivery.target))
            if dry_run or isinstance(channel, DryRunChannel):
                _preview(delivery, channel)
                outcome = "skipped"
            elif channel is None:
                outcome = _unconfigured(delivery)
            else:
                outcome = _attempt(delivery, channel, now)
        counts[outcome] += 1
    summary = DispatchSummary(**counts)
    if summary.total:
        logger.info(
            "dispatch: %d sent, %d retrying, %d failed, %d skipped",
            summary.sent,
            summary.retried,
            summary.failed,
            summary.skipped,
        )
    return summary


def _key(channel: Channel) -> tuple[str, str]:
    inner = channel.inner if isinstance(channel, DryRunChannel) else channel
    return inner.kind, inner.target


def _claim_next(
    session: Session, *, after_id: int, due_by: dt.datetime, any_time: bool
) -> Delivery | None:
    # Walking by id visits each row once per run, even one just rescheduled.
    query = (
        select(Delivery)
        .where(Delivery.status == DeliveryStatus.pending, Delivery.id > after_id)
        .order_by(Delivery.id)
        .limit(1)
    )
    if not any_time:
        query = query.where(Delivery.next_attempt_at <= due_by)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.scalars(query).first()


def _attempt(delivery: Delivery, channel: Channel, now: dt.datetime | None) -> str:
    started_at = now or utcnow()
    started = time.monotonic()
    status_code: int | None = None
    error: str | None = None
    permanent = False
    try:
        # Rendered with the wall clock: receivers check the signed timestamp against theirs.
        event = AlertEvent.from_row(delivery.event)
        message = channel.render(event, message_id=delivery.message_id)
        channel.send(message)
    except DeliveryError as exc:
        error, status_code, permanent = exc.reason, exc.status_code, exc.permanent
    except Exception as exc:
        # A bug in rendering or sending must not stop the other deliveries.
        logger.exception("delivery %s via %s: unexpected error", delivery.id, channel.label)
        error, permanent = f"unexpected error: {type(exc).__name__}: {exc}", False
    duration_ms = round((time.monotonic() - started) * 1000)
    finished_at = now or utcnow()
    delivery.attempts += 1
    delivery.attempt_log = [
        *(delivery.attempt_log or []),
        {
            "at": started_at.isoformat(),
            "status_code": status_code,
            "error": error,
            "duration_ms": duration_ms,
        },
    ]
    delivery.last_status_code = status_code
    if error is None:
        delivery.status = DeliveryStatus.sent
        delivery.sent_at = finished_at
        delivery.last_error = None
        logger.info(
            "delivery %s (%s) sent via %s in %d ms",
            delivery.id,
            delivery.message_id,
            channel.label,
            duration_ms,
        )
        return "sent"
    delivery.last_error = error
    delay = None if permanent else retry_delay(delivery.attempts)
    if delay is None:
        delivery.status = DeliveryStatus.failed
        logger.error(
            "delivery %s (%s) via %s failed after %d attempt(s), giving up: %s",
            delivery.id,
            delivery.message_id,
            channel.label,
            delivery.attempts,
            error,
        )
        return "failed"
    delivery.next_attempt_at = finished_at + delay
    logger.warning(
        "delivery %s (%s) via %s failed (attempt %d of %d), retrying at %s: %s",
        delivery.id,
        delivery.message_id,
        channel.label,
        delivery.attempts,
        MAX_ATTEMPTS,
        delivery.next_attempt_at.isoformat(timespec="seconds"),
        error,
    )
    return "retried"


def _unconfigured(delivery: Delivery) -> str:
    delivery.status = DeliveryStatus.failed
    delivery.last_error = (
        f"no {delivery.channel} channel is configured for this target any more "
        "(it was removed from alerts in the configuration); not sending"
    )
    logger.error(
        "delivery %s (%s): %s channel no longer configured, marked failed",
        delivery.id,
        delivery.message_id,
        delivery.channel,
    )
    return "failed"


def _preview(delivery: Delivery, channel: Channel | None) -> None:
    if channel is None:
        logger.info(
            "dry run: delivery %s (%s): %s channel no longer configured, would be marked failed",
            delivery.id,
            delivery.message_id,
            delivery.channel,
        )
        return
    preview = channel if isinstance(channel, DryRunChannel) else DryRunChannel(channel)
    try:
        event = AlertEvent.from_row(delivery.event)
        preview.send(preview.render(event, message_id=delivery.message_id))
    except Exception:
        logger.exception("dry run: delivery %s cannot be rendered", delivery.id)
