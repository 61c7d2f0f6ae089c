"""Digests: one message per channel and period, listing its events grouped by show.

A channel with ``digest: hourly`` or ``digest: daily`` collects its
deliveries as usual, one pending row per event, written with the event. When
the period (a UTC hour or a UTC day, by the row's creation time) has ended,
one message covering all of that period's pending rows is sent, and the rows
are marked sent together in the transaction that records the attempt. Until
then they stay pending, so a crash loses nothing; a digest retried after a
crash carries the same id (derived from the rows it covers), so a receiver
can drop the repeat. One dispatcher at a time sends a channel's digests: it
holds a lease on the channel (see ``alerts.leases``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Sequence

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, joinedload, sessionmaker

from newsmon.alerts.channels.base import Channel, DryRunChannel, Message
from newsmon.alerts.digest_periods import Period, period_of
from newsmon.alerts.event import Digest
from newsmon.alerts.leases import Clock, claimant, lease_for
from newsmon.alerts.outbox import (
    channel_row,
    disabled_reason_text,
    find_channel,
    not_sent_because_disabled,
)
from newsmon.alerts.sending import attempt, settle
from newsmon.storage.browse import alert_view
from newsmon.storage.models import AlertChannel, ChangeEvent, Delivery, DeliveryStatus, utcnow

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
    retry waits (``alerts send --now``). The dispatcher holds a lease on the
    channel's row in ``alert_channels`` while it works on its digests, so two
    dispatchers never send one digest twice; the other leaves them alone.
    """
    inner = channel.inner if isinstance(channel, DryRunChannel) else channel
    if inner.digest == "immediate":
        raise ValueError(f"{inner.label} is not a digest channel")
    previewing = dry_run or isinstance(channel, DryRunChannel)
    clock = Clock(now)
    owner = claimant()
    if not previewing:
        with session_factory() as session, session.begin():
            channel_row(session, inner.kind, inner.target)
        if not _lease_channel(session_factory, inner, owner, clock):
            logger.info("digests of %s: another dispatcher is sending them", inner.label)
            return {}
    try:
        return _send_digests(
            session_factory,
            inner,
            clock=clock,
            owner=owner,
            now=now,
            include_open=include_open,
            previewing=previewing,
            preview=preview,
        )
    finally:
        if not previewing:
            _release_channel(session_factory, inner, owner)


def _send_digests(
    session_factory: sessionmaker[Session],
    channel: Channel,
    *,
    clock: Clock,
    owner: str,
    now: dt.datetime | None,
    include_open: bool,
    previewing: bool,
    preview: Preview | None,
) -> dict[str, int]:
    mode: Period = "daily" if channel.digest == "daily" else "hourly"
    counts: dict[str, int] = {}
    after = dt.datetime.min.replace(tzinfo=dt.UTC)
    at = now or utcnow()  # one "now" for the whole run: which periods have ended
    while True:
        if not previewing and not _lease_channel(session_factory, channel, owner, clock):
            logger.warning("digests of %s: the lease ran out; left to the next run", channel.label)
            break
        with session_factory() as session, session.begin():
            state = find_channel(session, channel.kind, channel.target)
            rows = _pending(session, channel, after=after, due_by=None if include_open else at)
            if not rows:
                break
            if state is not None and state.disabled_at is not None and not previewing:
                reason = not_sent_because_disabled(
                    channel.kind, channel.target, disabled_reason_text(state), channel.name
                )
                for row in rows:
                    row.status = DeliveryStatus.failed
                    row.last_error = reason
                _add(counts, {"failed": len(rows)})
                break
            start, end = period_of(rows[0].created_at, mode)
            if end > at and not include_open:
                break  # the period is still open
            after = end
            group = [row for row in rows if row.created_at < end]
            ids = [row.id for row in group]
            message_id = digest_id([row.message_id for row in group])
            render = _renderer(channel, group, start, min(end, at), message_id)
        if previewing:
            _show(channel, render, ids, preview)
            _add(counts, {"skipped": len(ids)})
            continue
        # Sent outside any transaction: the channel's lease keeps other dispatchers off.
        outcome = attempt(channel, render, now=now)
        with session_factory() as session, session.begin():
            group = list(
                session.scalars(select(Delivery).where(Delivery.id.in_(ids)).order_by(Delivery.id))
            )
            result = settle(session, group, channel, outcome, digest_id=message_id)
        if outcome.error is None:
            result["digests"] = 1
        _add(counts, result)
    return counts


def _lease_channel(
    session_factory: sessionmaker[Session], channel: Channel, owner: str, clock: Clock
) -> bool:
    """Take or extend this dispatcher's lease on the channel's digests; return whether it holds."""
    at = clock.now()
    with session_factory() as session, session.begin():
        result = session.execute(
            update(AlertChannel)
            .where(
                AlertChannel.kind == channel.kind,
                AlertChannel.target == channel.target,
                or_(
                    AlertChannel.lease_until.is_(None),
                    AlertChannel.lease_until <= at,
                    AlertChannel.claimed_by == owner,
                ),
            )
            .values(claimed_by=owner, lease_until=at + lease_for(channel.deadline))
            .execution_options(synchronize_session=False)
        )
    return getattr(result, "rowcount", 0) == 1


def _release_channel(session_factory: sessionmaker[Session], channel: Channel, owner: str) -> None:
    with session_factory() as session, session.begin():
        session.execute(
            update(AlertChannel)
            .where(
                AlertChannel.kind == channel.kind,
                AlertChannel.target == channel.target,
                AlertChannel.claimed_by == owner,
            )
            .values(claimed_by=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )


def _renderer(
    channel: Channel,
    group: Sequence[Delivery],
    start: dt.datetime,
    end: dt.datetime,
    message_id: str,
) -> Callable[[], Message]:
    """Read the events now, while the rows are loaded; render when called.

    A row that cannot be read is raised inside the attempt, so it is recorded
    as a failed attempt instead of stopping the dispatcher.
    """
    try:
        events = tuple(alert_view(row) for row in group)
    except Exception as exc:
        problem: Exception | None = exc
        events = ()
    else:
        problem = None

    def render() -> Message:
        if problem is not None:
            raise problem
        digest = Digest(start=start, end=end, events=events)
        return channel.render_digest(digest, message_id=message_id)

    return render


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
