"""The outbox dispatcher: send due deliveries, retry with backoff, never twice.

Each delivery is claimed, sent and recorded in its own transaction. On
PostgreSQL the claim is ``SELECT ... FOR UPDATE SKIP LOCKED``, so several
dispatchers share the outbox without sending one delivery twice; the row
stays locked while it is being sent (at most the channel's timeout). SQLite
has no row locks: run one dispatcher per SQLite database (the scheduler runs
its dispatch job with ``max_instances=1``).

A row is marked sent only after the receiver accepted it, in the transaction
that records the attempt: a dispatcher killed in between leaves it pending,
and the retry carries the same id so the receiver can drop the repeat.
Channels set to hourly or daily digests are sent by ``alerts.digest``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from sqlalchemy import and_, not_, or_, select
from sqlalchemy.orm import Session, sessionmaker

from alerts.channels.base import Channel, DryRunChannel, Message
from alerts.digest import Preview, dispatch_digests
from alerts.event import AlertEvent
from alerts.outbox import disabled_reason, not_sent_because_disabled
from alerts.sending import (
    JITTER,
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    attempt,
    retry_delay,
    settle,
)
from storage.models import Delivery, DeliveryStatus, utcnow

logger = logging.getLogger(__name__)

__all__ = [
    "JITTER",
    "MAX_ATTEMPTS",
    "RETRY_DELAYS",
    "DispatchSummary",
    "Preview",
    "dispatch_pending",
    "retry_delay",
]


@dataclass(frozen=True, kw_only=True)
class DispatchSummary:
    """What one dispatch run did, counted by delivery."""

    sent: int = 0
    failed: int = 0
    """Given up: retries exhausted, a permanent error, a disabled or unconfigured channel."""
    retried: int = 0
    """Failed this time, scheduled for another attempt."""
    skipped: int = 0
    """Due but left as they were (a dry run)."""
    digests: int = 0
    """Digest messages sent (their deliveries are counted in ``sent``)."""

    @property
    def total(self) -> int:
        """Every delivery this run looked at."""
        return self.sent + self.failed + self.retried + self.skipped


def dispatch_pending(
    session_factory: sessionmaker[Session],
    channels: Sequence[Channel],
    *,
    now: dt.datetime | None = None,
    include_not_due: bool = False,
    dry_run: bool = False,
    preview: Preview | None = None,
) -> DispatchSummary:
    """Send every pending delivery that is due; return what happened.

    ``now`` fixes the clock (aware UTC) for the due check and the times
    recorded; ``include_not_due`` also sends deliveries waiting for a retry
    and digests whose period has not closed yet (a "send now"); ``dry_run``
    renders what would be sent, hands each message to ``preview`` (or logs
    it) and leaves every row unchanged, as does any channel given wrapped in
    ``DryRunChannel``. Each delivery is tried at most once per run.
    """
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be an aware datetime (UTC)")
    due_by = now or utcnow()
    counts: Counter[str] = Counter()
    digest_channels = [channel for channel in channels if channel.digest != "immediate"]
    immediate = {_key(channel): channel for channel in channels if channel not in digest_channels}
    skip = [_key(channel) for channel in digest_channels]
    last_id = 0
    while True:
        with session_factory() as session, session.begin():
            delivery = _claim_next(
                session, after_id=last_id, due_by=due_by, any_time=include_not_due, skip=skip
            )
            if delivery is None:
                break
            last_id = delivery.id
            channel = immediate.get((delivery.channel, delivery.target))
            if dry_run or isinstance(channel, DryRunChannel):
                _preview(delivery, channel, preview)
                counts["skipped"] += 1
            elif channel is None:
                counts.update(_unconfigured(delivery))
            elif reason := disabled_reason(session, delivery.channel, delivery.target):
                delivery.status = DeliveryStatus.failed
                delivery.last_error = not_sent_because_disabled(
                    delivery.channel, delivery.target, reason, channel.name
                )
                counts["failed"] += 1
            else:
                # Rendered inside the attempt: a row that cannot be rendered is a failed attempt.
                outcome = attempt(channel, partial(_render, channel, delivery), now=now)
                counts.update(settle(session, [delivery], channel, outcome))
    for channel in digest_channels:
        counts.update(
            dispatch_digests(
                session_factory,
                channel,
                now=now,
                include_open=include_not_due,
                dry_run=dry_run,
                preview=preview,
            )
        )
    summary = DispatchSummary(**counts)
    if summary.total:
        logger.info(
            "dispatch: %d sent (%d digests), %d retrying, %d failed, %d skipped",
            summary.sent,
            summary.digests,
            summary.retried,
            summary.failed,
            summary.skipped,
        )
    return summary


def _key(channel: Channel) -> tuple[str, str]:
    inner = channel.inner if isinstance(channel, DryRunChannel) else channel
    return inner.kind, inner.target


def _claim_next(
    session: Session,
    *,
    after_id: int,
    due_by: dt.datetime,
    any_time: bool,
    skip: Sequence[tuple[str, str]],
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
    if skip:
        # Digest channels' deliveries wait for their digest.
        query = query.where(
            not_(or_(*(and_(Delivery.channel == k, Delivery.target == t) for k, t in skip)))
        )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return session.scalars(query).first()


def _render(channel: Channel, delivery: Delivery) -> Message:
    event = AlertEvent.from_row(delivery.event)
    return channel.render(event, message_id=delivery.message_id)


def _unconfigured(delivery: Delivery) -> dict[str, int]:
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
    return {"failed": 1}


def _preview(delivery: Delivery, channel: Channel | None, preview: Preview | None) -> None:
    if channel is None:
        logger.info(
            "dry run: delivery %s (%s): %s channel no longer configured, would be marked failed",
            delivery.id,
            delivery.message_id,
            delivery.channel,
        )
        return
    inner = channel.inner if isinstance(channel, DryRunChannel) else channel
    try:
        event = AlertEvent.from_row(delivery.event)
        message = inner.render(event, message_id=delivery.message_id)
    except Exception:
        logger.exception("dry run: delivery %s cannot be rendered", delivery.id)
        return
    if preview is not None:
        preview(inner, message, [delivery.id])
    else:
        DryRunChannel(inner).send(message)
