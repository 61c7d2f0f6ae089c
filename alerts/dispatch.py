"""The outbox dispatcher: send due deliveries, retry with backoff, never twice.

A dispatcher claims each delivery before sending it, with a conditional
UPDATE that sets ``claimed_by`` and ``lease_until`` only where no live lease
is held: of two dispatchers (processes, or machines sharing PostgreSQL) only
one sees a row count of 1, on SQLite as on PostgreSQL. The claim is committed
at once, the message sent outside any transaction, and the attempt recorded
(and the claim cleared) in a second transaction that checks the claim is
still its own. A dispatcher killed in between holds its rows only until
their lease ends (``lease_for``), then any dispatcher sends them again,
under the same id, so the receiver can drop a repeat.

Deliveries are grouped by channel: each channel's deliveries (or digests)
go out one after another, in the order they were made, while different
channels are served side by side by a few threads, so one slow receiver
(each send is cut at the channel's deadline) does not hold up the others.

A delivery belongs to its channel's identity (``kind:name`` or ``kind:N``),
not to an address: it goes wherever the channel points at send time. The
pending deliveries of a channel that is no longer configured are marked
failed together, with one log line per channel. Channels set to hourly or
daily digests are sent by ``alerts.digest``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload, sessionmaker

from newsmon.alerts.channels import Channel, channel_for, describe_target
from newsmon.alerts.channels.base import DryRunChannel, Message
from newsmon.alerts.digest import Preview, dispatch_digests
from newsmon.alerts.leases import Clock, claimant, lease_for
from newsmon.alerts.outbox import (
    disabled_reason,
    fail_pending,
    not_sent_because_disabled,
    unleased,
)
from newsmon.alerts.sending import (
    JITTER,
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    Outcome,
    attempt,
    retry_delay,
    settle,
)
from newsmon.storage.browse import alert_view
from newsmon.storage.models import ChangeEvent, Delivery, DeliveryStatus

logger = logging.getLogger(__name__)

MAX_PARALLEL_CHANNELS = 4
"""Channels served side by side in one dispatch run."""

__all__ = [
    "JITTER",
    "MAX_ATTEMPTS",
    "MAX_PARALLEL_CHANNELS",
    "RETRY_DELAYS",
    "DispatchSummary",
    "Preview",
    "dispatch_pending",
    "lease_for",
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


@dataclass(frozen=True)
class _Run:
    """What every step of one dispatch run shares."""

    sessions: sessionmaker[Session]
    clock: Clock
    owner: str
    any_time: bool
    fixed_now: dt.datetime | None
    stopping: threading.Event = field(default_factory=threading.Event)
    """Set when the run is interrupted: each channel stops after the send in flight."""


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
    ``DryRunChannel``. Each delivery is tried at most once per run; one
    another dispatcher holds a lease on is left to it.
    """
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be an aware datetime (UTC)")
    run = _Run(session_factory, Clock(now), claimant(), include_not_due, now)
    counts: Counter[str] = Counter()
    groups, gone = _group(_due(run), channels)
    for kind, target in sorted(gone):
        counts.update(_fail_unconfigured(run, kind, target, dry_run=dry_run))
    # One task per channel; what is only previewed is printed here, in order.
    tasks: list[Callable[[], Mapping[str, int]]] = []
    for channel, ids in groups:
        if _previewing(channel, dry_run):
            counts["skipped"] += _preview(session_factory, channel, ids, preview)
        else:
            tasks.append(partial(_send_in_order, run, channel, ids))
    for channel in channels:
        if channel.digest == "immediate":
            continue
        digests = partial(
            dispatch_digests,
            session_factory,
            channel,
            now=now,
            include_open=include_not_due,
            dry_run=dry_run,
            preview=preview,
        )
        if _previewing(channel, dry_run):
            counts.update(digests())
        else:
            tasks.append(digests)
    counts.update(_side_by_side(run, tasks))
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


def _side_by_side(run: _Run, tasks: Sequence[Callable[[], Mapping[str, int]]]) -> Counter[str]:
    """Run each channel's task in a small pool of threads; add up what they did."""
    counts: Counter[str] = Counter()
    if not tasks:
        return counts
    workers = min(MAX_PARALLEL_CHANNELS, len(tasks))
    with ThreadPoolExecutor(workers, thread_name_prefix="dispatch") as pool:
        try:
            for result in pool.map(lambda task: task(), tasks):
                counts.update(result)
        except BaseException:
            # Ctrl-C or SIGTERM: record what is in flight, claim nothing more.
            run.stopping.set()
            raise
    return counts


def _group(
    due: Sequence[tuple[int, str, str]], channels: Sequence[Channel]
) -> tuple[list[tuple[Channel, list[int]]], set[tuple[str, str]]]:
    """Sort due rows by the channel they belong to; digest channels' rows wait for their digest.

    Returns each immediate channel with its rows' ids (oldest first), and the
    ``(kind, target)`` of rows whose channel is no longer configured.
    """
    groups: dict[str, tuple[Channel, list[int]]] = {}
    gone: set[tuple[str, str]] = set()
    for delivery_id, kind, target in due:
        channel = channel_for(channels, kind, target)
        if channel is None:
            gone.add((kind, target))
        elif channel.digest == "immediate":
            groups.setdefault(channel.name, (channel, []))[1].append(delivery_id)
    return list(groups.values()), gone


def _previewing(channel: Channel, dry_run: bool) -> bool:
    return dry_run or isinstance(channel, DryRunChannel)


def _due(run: _Run) -> list[tuple[int, str, str]]:
    """Every pending delivery that is due and not claimed: ``(id, kind, target)``, oldest first."""
    at = run.clock.now()
    query = (
        select(Delivery.id, Delivery.channel, Delivery.target)
        .where(Delivery.status == DeliveryStatus.pending, unleased(at))
        .order_by(Delivery.id)
    )
    if not run.any_time:
        query = query.where(Delivery.next_attempt_at <= at)
    with run.sessions() as session:
        return [(row.id, row.channel, row.target) for row in session.execute(query)]


def _send_in_order(run: _Run, channel: Channel, ids: Sequence[int]) -> Counter[str]:
    """Claim, send and record one channel's deliveries, one after another."""
    counts: Counter[str] = Counter()
    for delivery_id in ids:
        if run.stopping.is_set():
            break
        try:
            claimed = _claim(run, channel, delivery_id)
            if claimed is None:
                continue  # another dispatcher has it, or it is no longer pending
            if isinstance(claimed, Counter):
                counts.update(claimed)
                continue
            outcome = attempt(channel, claimed, now=run.fixed_now)
            counts.update(_record(run, channel, delivery_id, outcome))
        except Exception:
            # A store error on one row must not stop the others; the row's claim
            # is released so it is tried again, at the latest when the lease ends.
            logger.exception("delivery %s via %s: not recorded", delivery_id, channel.label)
            _release(run, delivery_id)
    return counts


def _claim(
    run: _Run, channel: Channel, delivery_id: int
) -> Callable[[], Message] | Counter[str] | None:
    """Take the row's lease; return how to render it, or what became of it, or ``None``.

    ``None``: another dispatcher won the row (or it changed since it was
    listed). A row the channel may not send (it is disabled) is marked
    failed in the same transaction.
    """
    with run.sessions() as session, session.begin():
        at = run.clock.now()
        conditions = [
            Delivery.id == delivery_id,
            Delivery.status == DeliveryStatus.pending,
            unleased(at),
        ]
        if not run.any_time:
            conditions.append(Delivery.next_attempt_at <= at)
        # The UPDATE comes first: on SQLite it takes the write lock before anything is read.
        won = session.execute(
            update(Delivery)
            .where(*conditions)
            .values(claimed_by=run.owner, lease_until=at + lease_for(channel.deadline))
            .execution_options(synchronize_session=False)
        )
        if getattr(won, "rowcount", 0) != 1:
            return None
        delivery = session.scalars(
            select(Delivery)
            .options(joinedload(Delivery.event).joinedload(ChangeEvent.article))
            .where(Delivery.id == delivery_id)
        ).one()
        if reason := disabled_reason(session, channel.kind, channel.target):
            delivery.status = DeliveryStatus.failed
            delivery.claimed_by = delivery.lease_until = None
            delivery.last_error = not_sent_because_disabled(
                channel.kind, channel.target, reason, channel.name
            )
            return Counter(failed=1)
        message_id = delivery.message_id
        try:
            event = alert_view(delivery)
        except Exception as exc:
            problem: Exception | None = exc
        else:
            problem = None

    def render() -> Message:
        # Raised inside the attempt: a row that cannot be rendered is a failed attempt.
        if problem is not None:
            raise problem
        return channel.render(event, message_id=message_id)

    return render


def _record(run: _Run, channel: Channel, delivery_id: int, outcome: Outcome) -> Counter[str]:
    """Record the attempt and clear the claim, if the claim is still this dispatcher's."""
    with run.sessions() as session, session.begin():
        mine = session.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id, Delivery.claimed_by == run.owner)
            .values(claimed_by=None, lease_until=None)
            .execution_options(synchronize_session=False)
        )
        if getattr(mine, "rowcount", 0) != 1:
            logger.warning(
                "delivery %s via %s: its lease ended during a %d ms send; another dispatcher "
                "took it, so this attempt is not recorded",
                delivery_id,
                channel.label,
                outcome.duration_ms,
            )
            return Counter()
        delivery = session.get(Delivery, delivery_id)
        assert delivery is not None
        return Counter(settle(session, [delivery], channel, outcome))


def _release(run: _Run, delivery_id: int) -> None:
    try:
        with run.sessions() as session, session.begin():
            session.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id, Delivery.claimed_by == run.owner)
                .values(claimed_by=None, lease_until=None)
                .execution_options(synchronize_session=False)
            )
    except Exception:
        logger.exception(
            "delivery %s: claim not released; it is free when its lease ends", delivery_id
        )


def _fail_unconfigured(run: _Run, kind: str, target: str, *, dry_run: bool) -> Counter[str]:
    """Mark every pending delivery of a channel no longer configured failed; say so once."""
    shown = describe_target(kind, target)
    if dry_run:
        logger.info("dry run: pending deliveries of %s %s would be marked failed", kind, shown)
        return Counter()
    error = (
        f"not sent: {kind} channel {shown} is no longer configured; configure it again "
        "(same name or position) and run `newsmon alerts retry --all-failed`"
    )
    with run.sessions() as session, session.begin():
        failed = fail_pending(session, kind, target, error=error, unleased_at=run.clock.now())
    if failed:
        logger.error(
            "%d pending deliveries of %s %s marked failed: that channel is no longer configured",
            failed,
            kind,
            shown,
        )
    return Counter(failed=failed)


def _preview(
    session_factory: sessionmaker[Session],
    channel: Channel,
    ids: Sequence[int],
    preview: Preview | None,
) -> int:
    inner = channel.inner if isinstance(channel, DryRunChannel) else channel
    shown = 0
    with session_factory() as session:
        for delivery_id in ids:
            delivery = session.get(Delivery, delivery_id)
            if delivery is None:
                continue
            shown += 1
            try:
                event = alert_view(delivery)
                message = inner.render(event, message_id=delivery.message_id)
            except Exception:
                logger.exception("dry run: delivery %s cannot be rendered", delivery.id)
                continue
            if preview is not None:
                preview(inner, message, [delivery.id])
            else:
                DryRunChannel(inner).send(message)
    return shown
