"""Watching the sources: one that keeps failing, or falls silent, is reported once.

A source is *failing* when its last ``service.failing_polls`` polls all
failed, and *silent* when it stored no new article for
``service.silent_after``. A change of status is announced once through every
configured alert channel (``source.unhealthy``), and a recovery once more
(``source.recovered``) to the channels that heard of the problem. What was
said is kept in ``source_health``, so a restarted service neither repeats a
report nor forgets one it could not send yet (those are retried on each check).

Run one ``newsmon run`` per store: the check is not meant to run on two
machines at once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.channels import Channel, DeliveryError
from newsmon.alerts.notices import NoticeStatus, SourceNotice
from newsmon.alerts.outbox import disabled_reason
from newsmon.config import ServiceConfig, SourceConfig
from newsmon.storage.models import (
    Article,
    Source,
    SourceHealthState,
    SourcePoll,
    new_message_id,
    utcnow,
)

logger = logging.getLogger(__name__)

Status = Literal["healthy", "failing", "silent"]

# Finish reasons of polls that did not do their job, whatever their counts say.
FAILED_REASONS = frozenset({"error", "killed", "crashed", "closespider_timeout"})


@dataclass(frozen=True)
class Assessment:
    """A source's health now: its status, and why when it is not healthy."""

    status: Status
    reason: str | None = None


def poll_failed(poll: SourcePoll) -> bool:
    """Whether a poll failed as a whole: it did not run, overran, or read nothing but errors.

    An article page answering 404 among pages that were read is an error of
    that page, not a failed poll.
    """
    if poll.finish_reason in FAILED_REASONS:
        return True
    return bool(poll.error_count) and not poll.pages and not poll.stored


def assess(
    session: Session, source: Source, config: ServiceConfig, *, now: dt.datetime
) -> Assessment:
    """Decide whether ``source`` is healthy, failing or silent, from its stored polls."""
    polls = session.scalars(
        select(SourcePoll)
        .where(SourcePoll.source_id == source.id)
        .order_by(SourcePoll.started_at.desc(), SourcePoll.id.desc())
        .limit(config.failing_polls)
    ).all()
    if len(polls) >= config.failing_polls and all(poll_failed(poll) for poll in polls):
        latest = describe_failure(polls[0])
        return Assessment("failing", f"its last {len(polls)} polls failed ({latest})")
    if config.silent_after is None or not polls:
        return Assessment("healthy")
    last_article = session.scalar(
        select(func.max(Article.first_seen_at)).where(Article.source_id == source.id)
    )
    if last_article is not None and last_article.tzinfo is None:
        last_article = last_article.replace(tzinfo=dt.UTC)
    since = last_article or source.created_at
    if since.tzinfo is None:
        since = since.replace(tzinfo=dt.UTC)
    quiet = (now - since).total_seconds()
    if quiet < config.silent_after:
        return Assessment("healthy")
    if last_article is None:
        added = duration_words(quiet)
        return Assessment("silent", f"no article stored in the {added} since it was added")
    return Assessment(
        "silent",
        f"no new article for {duration_words(quiet)} (the last one was stored {since:%d %b %Y})",
    )


def describe_failure(poll: SourcePoll) -> str:
    """One line on what went wrong in ``poll``: its message, or its errors by kind."""
    if poll.message:
        return " ".join(poll.message.split())
    if poll.finish_reason == "closespider_timeout":
        return "the crawl ran out of time"
    errors = ", ".join(f"{kind} {count}" for kind, count in sorted((poll.errors or {}).items()))
    return f"errors: {errors}" if errors else f"finished: {poll.finish_reason or 'unknown'}"


def duration_words(seconds: float) -> str:
    """``3 days``, ``5 hours``, ``40 minutes``, ``30 seconds`` (rounded down)."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    count = int(seconds)
    return f"{count} second{'s' if count != 1 else ''}"


def channel_key(channel: Channel) -> str:
    """How ``source_health.pending_channels`` names a channel: ``kind target``."""
    return f"{channel.kind} {channel.target}"


@dataclass
class HealthWatch:
    """Checks every configured source and announces changes of health."""

    sessions: sessionmaker[Session]
    channels: Sequence[Channel]
    config: ServiceConfig
    sources: Sequence[str]
    """Names of the configured sources; others in the store are left alone."""

    def check(self, now: dt.datetime | None = None) -> list[SourceNotice]:
        """Assess every source, record changes, send what is still to send; return the notices.

        Returns the notices sent or attempted in this check.
        """
        now = now or utcnow()
        with self.sessions() as session, session.begin():
            for name in self.sources:
                source = session.scalars(select(Source).where(Source.name == name)).one_or_none()
                if source is not None:  # never polled yet: nothing to say
                    self._update(session, source, now)
        return self._send_pending(now)

    def _update(self, session: Session, source: Source, now: dt.datetime) -> None:
        state = session.get(SourceHealthState, source.id)
        if state is None:
            state = SourceHealthState(
                source_id=source.id,
                status="healthy",
                since=now,
                announced=False,
                pending_channels=[],
                reported_at=now,
            )
            session.add(state)
        found = assess(session, source, self.config, now=now)
        if found.status == state.status:
            if found.reason and found.reason != state.reason and not state.pending_channels:
                state.reason = found.reason
            return
        keys = [channel_key(channel) for channel in self.channels]
        if found.status == "healthy":
            # Only those who heard of the problem hear that it is over.
            told = [key for key in keys if key not in (state.pending_channels or [])]
            announce = told if state.announced else []
            reason = state.reason
        else:
            announce, reason = keys, found.reason
        logger.warning(
            "source %s is now %s%s",
            source.name,
            found.status,
            f": {found.reason}" if found.reason else "",
            extra={"source": source.name, "health": found.status},
        )
        state.status = found.status
        state.reason = reason
        state.since = now
        state.announced = bool(announce)
        state.pending_channels = announce
        state.reported_at = None if announce else now
        state.message_id = new_message_id()
        state.updated_at = now

    def _send_pending(self, now: dt.datetime) -> list[SourceNotice]:
        with self.sessions() as session:
            waiting = [
                (state.source.name, state)
                for state in session.scalars(
                    select(SourceHealthState).where(SourceHealthState.reported_at.is_(None))
                )
            ]
            session.expunge_all()
        notices = []
        for name, state in waiting:
            notice = SourceNotice(
                source=name,
                status=_notice_status(state.status),
                reason=state.reason or "",
                since=state.since,
            )
            left = self._send(notice, state.message_id, list(state.pending_channels or []))
            notices.append(notice)
            with self.sessions() as session, session.begin():
                row = session.get(SourceHealthState, state.source_id)
                if row is None or row.message_id != state.message_id:
                    continue  # changed meanwhile: the new status is sent next time
                row.pending_channels = left
                if not left:
                    row.reported_at = now
        return notices

    def _send(self, notice: SourceNotice, message_id: str, pending: list[str]) -> list[str]:
        by_key = {channel_key(channel): channel for channel in self.channels}
        left = []
        for key in pending:
            channel = by_key.get(key)
            if channel is None:
                continue  # removed from the configuration
            with self.sessions() as session:
                disabled = disabled_reason(session, channel.kind, channel.target)
            if disabled:
                logger.info("not telling %s about %s: %s", channel.label, notice.source, disabled)
                continue
            try:
                channel.send(channel.render_notice(notice, message_id=message_id))
            except NotImplementedError:
                logger.info("%s cannot send source health notices", channel.label)
                continue
            except DeliveryError as exc:
                logger.warning(
                    "%s via %s not sent, retrying at the next check: %s",
                    notice.summary,
                    channel.label,
                    exc.reason,
                    extra={"source": notice.source, "channel": channel.name},
                )
                left.append(key)
                continue
            except Exception:
                # A bug in one channel must not stop the service or the other channels.
                logger.exception("sending %s via %s", notice.summary, channel.label)
                left.append(key)
                continue
            logger.info(
                "%s: sent via %s",
                notice.summary,
                channel.label,
                extra={"source": notice.source, "channel": channel.name},
            )
        return left


def _notice_status(status: str) -> NoticeStatus:
    if status == "healthy":
        return "recovered"
    return "silent" if status == "silent" else "failing"


def poll_trigger(source: SourceConfig, service: ServiceConfig) -> BaseTrigger:
    """The schedule ``newsmon run`` polls ``source`` on, as the service and the web page read it.

    The source's cron or interval, else ``service.poll_cron``, else
    ``service.poll_interval``.
    """
    if source.cron:
        return CronTrigger.from_crontab(source.cron, timezone=dt.UTC)
    if source.interval:
        return IntervalTrigger(seconds=source.interval, timezone=dt.UTC)
    if service.poll_cron:
        return CronTrigger.from_crontab(service.poll_cron, timezone=dt.UTC)
    return IntervalTrigger(seconds=service.poll_interval, timezone=dt.UTC)
