"""Sources' health and alert deliveries, for the API and the sources page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from storage import browse, polls
from storage.models import DeliveryStatus
from web import cursors, schemas
from web.context import WebContext
from web.service import summary


def sources(
    session: Session, web: WebContext, *, now: dt.datetime | None = None
) -> list[schemas.SourceHealth]:
    """Return every source (stored or configured) with its health."""
    now = now or dt.datetime.now(dt.UTC)
    configured = web.configured_sources
    stored = {row["name"]: row for row in polls.source_health(session)}
    names = [*configured, *sorted(name for name in stored if name not in configured)]
    result = []
    for name in names:
        row = stored.get(name) or {
            "name": name,
            "last_polled_at": None,
            "last_poll": None,
            "recent_polls": 0,
            "recent_failed": 0,
            "failing_streak": 0,
            "articles": 0,
            "duplicates": 0,
            "last_article_at": None,
        }
        result.append(
            schemas.SourceHealth.model_validate(
                {
                    **row,
                    "configured": name in configured,
                    "health": _health(row, web.poll_interval(name), now),
                }
            )
        )
    return result


def _health(row: dict[str, Any], interval: float, now: dt.datetime) -> schemas.Health:
    poll = row["last_poll"]
    if poll is None:
        # Articles but no poll: polled before polls were recorded.
        return "unknown" if row["articles"] else "never_polled"
    if poll["error_count"]:
        failed_whole = poll["finish_reason"] == "error" or (poll["pages"] == 0)
        return "failing" if failed_whole else "errors"
    # Three missed polls in a row: the scheduler is probably not running.
    if (now - poll["finished_at"]).total_seconds() > 3 * interval:
        return "stale"
    return "ok"


def deliveries(
    session: Session,
    *,
    status: DeliveryStatus | None,
    channel: str | None,
    event_id: int | None,
    cursor: str | None,
    limit: int,
) -> schemas.DeliveryPage:
    """Return a page of deliveries, newest first, targets without their secrets."""
    from alerts.channels import describe_target

    after_id = cursors.decode_id(cursor, "d")
    rows, more = browse.delivery_page(
        session, status=status, channel=channel, event_id=event_id, after_id=after_id, limit=limit
    )
    items = []
    for delivery in rows:
        event = browse.event_row(delivery.event)
        pending = delivery.status is DeliveryStatus.pending
        items.append(
            schemas.Delivery(
                id=delivery.id,
                message_id=delivery.message_id,
                event_id=delivery.event_id,
                event_summary=summary(event),
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
