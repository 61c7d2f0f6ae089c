"""Sources' health and alert deliveries, for the API and the sources page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.orm import Session

from newsmon.config import SourceConfig
from newsmon.redact import scrub
from newsmon.service.health import describe_failure, duration_words, poll_failed, poll_trigger
from newsmon.storage import browse, polls
from newsmon.storage.models import DeliveryStatus, SourcePoll
from newsmon.storage.quiet import baseline_state
from newsmon.storage.views import EventView
from newsmon.web import cursors, schemas
from newsmon.web.answers import event_model
from newsmon.web.context import WebContext


def sources(
    session: Session, web: WebContext, *, now: dt.datetime | None = None
) -> list[schemas.SourceHealth]:
    """Return every source (stored or configured) with its health and schedule."""
    now = now or dt.datetime.now(dt.UTC)
    configs = {source.name: source for source in web.settings.sources}
    configured = web.configured_sources
    stored = {row["name"]: row for row in polls.source_health(session)}
    names = [*configured, *sorted(name for name in stored if name not in configured)]
    result = []
    for name in names:
        row = stored.get(name) or {
            "name": name,
            "last_polled_at": None,
            "baselined_at": None,
            "last_poll": None,
            "recent_polls": 0,
            "recent_failed": 0,
            "failing_streak": 0,
            "articles": 0,
            "duplicates": 0,
            "last_article_at": None,
        }
        config = configs.get(name)
        trigger = poll_trigger(config, web.settings.service) if config else None
        health, problem = _health(row, trigger, now)
        result.append(
            schemas.SourceHealth.model_validate(
                {
                    **row,
                    "configured": config is not None,
                    "baseline": baseline_state(
                        row["baselined_at"], opted_out=config is not None and not config.baseline
                    ),
                    "health": health,
                    "problem": problem,
                    "feeds": _urls(config) if config else [],
                    "schedule": describe_schedule(trigger) if trigger else None,
                    "next_poll_at": _next_poll(trigger, row, now) if trigger else None,
                }
            )
        )
    return result


def describe_schedule(trigger: BaseTrigger) -> str:
    """Return a schedule in words: ``every 15 minutes``, ``cron 0 6 * * * (UTC)``."""
    if isinstance(trigger, IntervalTrigger):
        return "every " + duration_words(trigger.interval.total_seconds())
    if isinstance(trigger, CronTrigger):
        fields = {field.name: str(field) for field in trigger.fields}
        line = " ".join(fields[name] for name in ("minute", "hour", "day", "month", "day_of_week"))
        return f"cron {line} (UTC)"
    return str(trigger)


def _fire_times(
    trigger: BaseTrigger, after: dt.datetime, count: int, limit: dt.datetime
) -> list[dt.datetime]:
    # The polls the schedule asked for after ``after``, up to ``count`` of them.
    if isinstance(trigger, IntervalTrigger):
        step = trigger.interval
        return [after + step * number for number in range(1, count + 1)]
    times: list[dt.datetime] = []
    previous: dt.datetime | None = None
    moment = after + dt.timedelta(seconds=1)
    while len(times) < count:
        fire = trigger.get_next_fire_time(previous, moment)
        if fire is None or fire > limit:
            break
        times.append(fire)
        previous, moment = fire, fire + dt.timedelta(seconds=1)
    return times


def _next_poll(trigger: BaseTrigger, row: dict[str, Any], now: dt.datetime) -> dt.datetime | None:
    last = row["last_poll"]["started_at"] if row["last_poll"] else None
    if isinstance(trigger, IntervalTrigger):
        # As the scheduler resumes: one interval after the last poll, or now when overdue.
        return max(now, last + trigger.interval) if last else now
    fire: dt.datetime | None = trigger.get_next_fire_time(None, now)
    return fire


MISSED_POLLS = 3
"""Polls the schedule asked for and that did not happen before a source is stale."""


def _health(
    row: dict[str, Any], trigger: BaseTrigger | None, now: dt.datetime
) -> tuple[schemas.Health, str | None]:
    poll = row["last_poll"]
    if poll is None:
        # Articles but no poll: polled before polls were recorded.
        return ("unknown", None) if row["articles"] else ("never_polled", None)
    # The service's own rule: killed, crashed or overrun polls failed whatever their counts.
    recorded = SourcePoll(
        finish_reason=poll["finish_reason"],
        error_count=poll["error_count"],
        pages=poll["pages"],
        stored=poll["stored"],
        errors=poll["errors"],
        message=poll["message"],
    )
    if poll_failed(recorded):
        return "failing", "the last poll failed: " + describe_failure(recorded)
    if poll["error_count"]:
        return "errors", None
    if trigger is not None:
        missed = _fire_times(trigger, poll["started_at"], MISSED_POLLS, now)
        if len(missed) == MISSED_POLLS and missed[-1] < now:
            # The scheduler is probably not running.
            quiet = duration_words((now - poll["started_at"]).total_seconds())
            return "stale", f"not polled for {quiet}, though {MISSED_POLLS} polls were due"
    return "ok", None


def _urls(source: SourceConfig) -> list[str]:
    urls = [*source.feeds, *source.sitemaps, *source.listings, *source.home, *source.start_urls]
    return [scrub(url, []) for url in urls]  # credentials and ?key= values masked


def deliveries(
    session: Session,
    *,
    status: DeliveryStatus | None,
    channel: str | None,
    event_id: int | None,
    cursor: str | None,
    limit: int,
    events: dict[int, schemas.Event] | None = None,
) -> schemas.DeliveryPage:
    """Return a page of deliveries, newest first, targets without their secrets.

    ``events``, when given, receives each delivery's event by id (for the page).
    """
    from newsmon.alerts.channels import describe_target

    after_id = cursors.decode_id(cursor, "d")
    rows, more = browse.delivery_page(
        session, status=status, channel=channel, event_id=event_id, after_id=after_id, limit=limit
    )
    items = []
    for delivery in rows:
        event = EventView.of(delivery.event)
        if events is not None:
            events[delivery.event_id] = event_model(event)
        pending = delivery.status is DeliveryStatus.pending
        items.append(
            schemas.Delivery(
                id=delivery.id,
                message_id=delivery.message_id,
                event_id=delivery.event_id,
                event_summary=event.summary,
                channel=delivery.channel,
                target=describe_target(delivery.channel, delivery.target),
                status=delivery.status.value,
                attempts=delivery.attempts,
                next_attempt_at=delivery.next_attempt_at if pending else None,
                last_status_code=delivery.last_status_code,
                last_error=delivery.last_error,
                created_at=delivery.created_at,
                sent_at=delivery.sent_at,
                attempt_log=list(delivery.attempt_log or []),
            )
        )
    next_cursor = cursors.encode("d", rows[-1].id) if more and rows else None
    return schemas.DeliveryPage(items=items, next_cursor=next_cursor, has_more=more)
