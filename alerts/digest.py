"""Digests: one message per channel and period, listing its events grouped by show.

A channel with ``digest: hourly`` or ``digest: daily`` collects its
deliveries as usual, one pending row per event, written with the event. When
the period (a UTC hour or a UTC day, by the row's creation time) has ended,
one message covering all of that period's pending rows is sent, and the rows
are marked sent together in the transaction that records the attempt. Until
then they stay pending, so a crash loses nothing; a digest retried after a
crash carries the same id (derived from the rows it covers), so a receiver
can drop the repeat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Sequence
from functools import partial

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, sessionmaker

from alerts.channels.base import Channel, DryRunChannel, Message
from alerts.event import AlertEvent, Digest
from alerts.outbox import (
    channel_row,
    disabled_reason_text,
    find_channel,
    not_sent_because_disabled,
)
from alerts.periods import Period, period_of
from alerts.sending import attempt, settle
from storage.models import ChangeEvent, Delivery, DeliveryStatus, utcnow

logger = logging.getLogger(__name__)

Preview = Callable[[Channel, Message, Sequence[int]], None]
"""Shown each message a dry run would send, with the ids of the deliveries it covers."""


def digest_id(message_ids: Sequence[str]) -> str:
    """Return the digest's stable id: the same for the same deliveries, on every retry."""
    digest = hashlib.sha256(",".join(sorted(message_ids)).encode()).hexdigest()
    return f"dig_{digest[:32]}"


def dispatch_digests(
    session_factory: sessionmaker[Session],
    channel: Channel,
    *,
    now: dt.datetime | None = None,
    include_open: bool = False,
    dry_run: bool = False,
    preview: Preview | None = None,
) -> dict[str, int]:
    """Send the channel's digests of every ended period; count deliveries as the dispatcher does.

    ``include_open`` also sends the current period's digest early and ignores
    retry waits (``alerts send --now``). On PostgreSQL the channel's row in
    ``alert_channels`` is locked while a digest is sent, so two dispatchers
    never send one digest twice.
    """
    inner = channel.inner if isinstance(channel, DryRunChannel) else channel
    if inner.digest == "immediate":
        raise ValueError(f"{inner.label} is not a digest channel")
    mode: Period = inner.digest
    clock = now or utcnow()
    counts: dict[str, int] = {}
    after = dt.datetime.min.replace(tzinfo=dt.UTC)
    if not dry_run:
        with session_factory() as session, session.begin():
            channel_row(session, inner.kind, inner.target)  # the row the lock below takes
    while True:
        with session_factory() as session, session.begin():
            # The lock makes a second dispatcher wait until this digest is recorded.
            state = find_channel(session, inner.kind, inner.target, lock=not dry_run)
            rows = _pending(session, inner, after=after, due_by=None if include_open else clock)
            if not rows:
                break
            if state is not None and state.disabled_at is not None and not dry_run:
                reason = not_sent_because_disabled(
                    inner.kind, inner.target, disabled_reason_text(state), inner.name
                )
                for row in rows:
                    row.status = DeliveryStatus.failed
                    row.last_error = reason
                _add(counts, {"failed": len(rows)})
                break
            start, end = period_of(rows[0].created_at, mode)
            if end > clock and not include_open:
                break  # the period is still open
            after = end
            group = [row for row in rows if row.created_at < end]
            message_id = digest_id([row.message_id for row in group])
            # Rendering happens inside the attempt: a row that cannot be rendered
            # is recorded as a failed attempt instead of stopping the dispatcher.
            render = partial(_render, inner, group, start, min(end, clock), message_id)
            if dry_run or isinstance(channel, DryRunChannel):
                _show(inner, render, [row.id for row in group], preview)
                _add(counts, {"skipped": len(group)})
                continue
            outcome = attempt(inner, render, now=now)
            result = settle(session, group, inner, outcome, digest_id=message_id)
            if outcome.error is None:
                result["digests"] = 1
            _add(counts, result)
    return counts


def _pending(
    session: Session, channel: Channel, *, after: dt.datetime, due_by: dt.datetime | None
) -> list[Delivery]:
    query = (
        select(Delivery)
        .options(joinedload(Delivery.event).joinedload(ChangeEvent.article))
        .where(
            Delivery.status == DeliveryStatus.pending,
            Delivery.channel == channel.kind,
            Delivery.target == channel.target,
            Delivery.created_at >= after,
        )
        .order_by(Delivery.created_at, Delivery.id)
    )
    if due_by is not None:
        # A digest that failed waits for its retry like any delivery.
        query = query.where(Delivery.next_attempt_at <= due_by)
    return list(session.scalars(query))


def _render(
    channel: Channel,
    group: Sequence[Delivery],
    start: dt.datetime,
    end: dt.datetime,
    message_id: str,
) -> Message:
    events = tuple(AlertEvent.from_row(row.event) for row in group)
    digest = Digest(start=start, end=end, events=events)
    return channel.render_digest(digest, message_id=message_id)


def _show(
    channel: Channel, render: Callable[[], Message], ids: list[int], preview: Preview | None
) -> None:
    try:
        message = render()
    except Exception:
        logger.exception("dry run: the digest of deliveries %s cannot be rendered", ids)
        return
    if preview is not None:
        preview(channel, message, ids)
    else:
        DryRunChannel(channel).send(message)


def _add(counts: dict[str, int], more: dict[str, int]) -> None:
    for key, value in more.items():
        counts[key] = counts.get(key, 0) + value
