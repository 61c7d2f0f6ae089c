"""The outbox rows as the dispatcher and the CLI change them.

Attempts are recorded on their delivery; a channel's disabled state lives in
``alert_channels``; retries put failed deliveries back in the queue. Every
function works inside the caller's transaction and never commits.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload

from newsmon.alerts.channels import Channel, channel_for, describe_target
from newsmon.alerts.digest_periods import period_of
from newsmon.storage.models import AlertChannel, ChangeEvent, Delivery, DeliveryStatus, utcnow
from newsmon.storage.views import EventView

logger = logging.getLogger(__name__)


def record_attempt(
    delivery: Delivery,
    *,
    at: dt.datetime,
    status_code: int | None,
    error: str | None,
    duration_ms: int,
    digest_id: str | None = None,
) -> None:
    """Count one attempt and append it (time, status code, error, duration) to its log."""
    entry: dict[str, object] = {
        "at": at.isoformat(),
        "status_code": status_code,
        "error": error,
        "duration_ms": duration_ms,
    }
    if digest_id is not None:
        entry["digest_id"] = digest_id
    delivery.attempts += 1
    delivery.attempt_log = [*(delivery.attempt_log or []), entry]
    delivery.last_status_code = status_code
    delivery.last_error = error


def channel_row(session: Session, kind: str, target: str) -> AlertChannel:
    """Return the stored state of a channel, creating it (enabled) on first need."""
    found = find_channel(session, kind, target)
    if found is not None:
        return found
    values = {"kind": kind, "target": target, "updated_at": utcnow()}
    dialect = session.get_bind().dialect.name
    # INSERT ... ON CONFLICT DO NOTHING: two dispatchers may get here at once.
    if dialect == "postgresql":
        session.execute(postgresql.insert(AlertChannel).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        session.execute(sqlite.insert(AlertChannel).values(values).on_conflict_do_nothing())
    else:
        session.add(AlertChannel(**values))
        session.flush()
    return session.scalars(_channel_query(kind, target)).one()


def find_channel(session: Session, kind: str, target: str) -> AlertChannel | None:
    """Return the stored state of a channel, if it has any."""
    return session.scalars(_channel_query(kind, target)).one_or_none()


def _channel_query(kind: str, target: str) -> Select[AlertChannel]:
    return select(AlertChannel).where(AlertChannel.kind == kind, AlertChannel.target == target)


def disabled_reason(session: Session, kind: str, target: str) -> str | None:
    """Return why the channel is disabled, or ``None`` when it is enabled."""
    row = find_channel(session, kind, target)
    if row is None or row.disabled_at is None:
        return None
    return disabled_reason_text(row)


def not_sent_because_disabled(kind: str, target: str, reason: str, name: str = "") -> str:
    """Return the error recorded on a delivery held back by a disabled channel."""
    shown = describe_target(kind, target)
    return (
        f"not sent: {kind} {shown} is {reason}; re-enable it with "
        f"`newsmon alerts enable {name or kind + ':N'} --retry`"
    )


def disable_channel(
    session: Session,
    kind: str,
    target: str,
    *,
    reason: str,
    name: str = "",
    now: dt.datetime | None = None,
) -> int:
    """Disable a channel and fail its pending deliveries; return how many were failed.

    ``name`` is the channel's ``kind:N``, for the hint recorded on each delivery.
    """
    row = channel_row(session, kind, target)
    row.disabled_at = now or utcnow()
    row.disabled_reason = reason
    row.updated_at = row.disabled_at
    error = not_sent_because_disabled(kind, target, disabled_reason_text(row), name)
    failed = fail_pending(session, kind, target, error=error)
    logger.warning(
        "%s %s disabled (%s); %d pending deliveries marked failed",
        kind,
        describe_target(kind, target),
        reason,
        failed,
    )
    return failed


def fail_pending(
    session: Session, kind: str, target: str, *, error: str, unleased_at: dt.datetime | None = None
) -> int:
    """Mark every pending delivery of one channel failed with ``error``; return how many.

    With ``unleased_at``, deliveries another dispatcher holds a live lease on
    at that time are left to it: it is sending them.
    """
    query = update(Delivery).where(
        Delivery.status == DeliveryStatus.pending,
        Delivery.channel == kind,
        Delivery.target == target,
    )
    if unleased_at is not None:
        query = query.where(unleased(unleased_at))
    result = session.execute(
        query.values(status=DeliveryStatus.failed, last_error=error).execution_options(
            synchronize_session=False
        )
    )
    failed: int = getattr(result, "rowcount", 0) or 0
    return failed


def unleased(at: dt.datetime) -> ColumnElement[bool]:
    """Deliveries no dispatcher holds a live lease on at ``at``."""
    return or_(Delivery.lease_until.is_(None), Delivery.lease_until <= at)


def disabled_reason_text(row: AlertChannel) -> str:
    """Return ``disabled since <time>: <why>`` for a disabled channel row."""
    when = row.disabled_at.isoformat(timespec="seconds") if row.disabled_at else "now"
    return f"disabled since {when}: {row.disabled_reason or 'by the user'}"


def enable_channel(session: Session, kind: str, target: str) -> bool:
    """Enable a channel again; return whether it was disabled."""
    row = find_channel(session, kind, target)
    if row is None or row.disabled_at is None:
        return False
    row.disabled_at = None
    row.disabled_reason = None
    row.updated_at = utcnow()
    logger.info("%s %s enabled again", kind, describe_target(kind, target))
    return True


def requeue(
    session: Session,
    *,
    ids: Sequence[int] = (),
    all_failed: bool = False,
    channel: tuple[str, str] | None = None,
    now: dt.datetime | None = None,
) -> list[Delivery]:
    """Put failed (or waiting) deliveries back in the queue, due now, with a fresh schedule.

    ``ids`` names deliveries; ``all_failed`` takes every failed one (only those
    of ``channel`` when given). The attempt log is kept; the attempt count
    starts again so the whole retry schedule applies. Sent deliveries are
    never requeued: raises ``LookupError`` for an unknown id and
    ``ValueError`` for one already sent.
    """
    due = now or utcnow()
    rows: list[Delivery] = []
    if ids:
        for delivery_id in ids:
            delivery = session.get(Delivery, delivery_id)
            if delivery is None:
                raise LookupError(f"no delivery with id {delivery_id}")
            if delivery.status is DeliveryStatus.sent:
                sent_at = delivery.sent_at.isoformat(timespec="seconds") if delivery.sent_at else ""
                raise ValueError(
                    f"delivery {delivery_id} was already sent {sent_at}; not sending it twice"
                )
            rows.append(delivery)
    if all_failed:
        query = select(Delivery).where(Delivery.status == DeliveryStatus.failed)
        if channel is not None:
            query = query.where(Delivery.channel == channel[0], Delivery.target == channel[1])
        rows.extend(row for row in session.scalars(query.order_by(Delivery.id)) if row not in rows)
    for delivery in rows:
        delivery.status = DeliveryStatus.pending
        delivery.attempts = 0
        delivery.next_attempt_at = due
    return rows


def listing_query(*, failed_only: bool, pending_only: bool, limit: int) -> Select[Delivery]:
    """Return the query behind ``alerts list``: newest deliveries first."""
    query = (
        select(Delivery)
        .options(joinedload(Delivery.event).joinedload(ChangeEvent.article))
        .order_by(Delivery.id.desc())
    )
    if failed_only:
        query = query.where(Delivery.status == DeliveryStatus.failed)
    if pending_only:
        query = query.where(Delivery.status == DeliveryStatus.pending)
    return query.limit(limit)


def delivery_row(delivery: Delivery, channels: Sequence[Channel] = ()) -> dict[str, Any]:
    """Return one delivery as ``alerts list`` shows it (JSON keys included).

    ``channels`` are the configured ones: they give the channel's ``kind:N``
    name, and for a digest channel the next attempt is its period's end.
    """
    channel = channel_for(channels, delivery.channel, delivery.target)
    next_attempt = None
    if delivery.status is DeliveryStatus.pending:
        next_attempt = delivery.next_attempt_at
        if channel is not None and channel.digest != "immediate":
            next_attempt = max(next_attempt, period_of(delivery.created_at, channel.digest)[1])
    event = delivery.event
    try:
        summary = EventView.of(event).summary
    except ValueError:
        summary = f"{event.show}: {event.facet} {event.from_value} -> {event.to_value}"
    last_attempt = (delivery.attempt_log or [{}])[-1].get("at")
    stored = (delivery.channel, delivery.target)
    return {
        "id": delivery.id,
        "status": delivery.status.value,
        "channel": channel.name if channel is not None else describe_target(*stored),
        "target": (
            channel.describe_address(channel.address)
            if channel is not None
            else describe_target(*stored)
        ),
        "attempts": delivery.attempts,
        "last_status": delivery.last_status_code,
        "last_error": delivery.last_error,
        "last_attempt": last_attempt,
        "next_attempt": next_attempt,
        "sent_at": delivery.sent_at,
        "event": summary,
        "event_id": delivery.event_id,
        "message_id": delivery.message_id,
        "created_at": delivery.created_at,
        "attempt_log": delivery.attempt_log or [],
    }
