"""From the store's rows to what the API, the feeds and the pages show.

One function per thing a client asks for; each takes the request's session
and the app's context and returns the API's models, which the pages render
too, so a page never shows something the API would not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from alerts.event import AlertEvent, Facet
from alerts.format import summary_line
from storage import browse, polls
from storage import history as store_history
from storage.models import DeliveryStatus
from web import cursors, schemas
from web.context import WebContext
from web.text import evidence_in_context, plain, search_terms, snippet

SEARCH_WINDOW_LIMIT = 5000
"""The most search matches a filtered search looks through."""


def summary(row: dict[str, Any]) -> str:
    """Return the alert's one-line summary for an event row."""
    article = row["article"]
    facet: Facet = "release" if row["facet"] == "release" else "stage"
    event = AlertEvent(
        event_id=row["id"],
        show=row["show"],
        season=row["season"],
        facet=facet,
        old=row["from"],
        new=row["to"],
        certainty=row["certainty"],
        as_of=row["as_of"],
        evidence=row["evidence"],
        article_url=article["url"],
        headline=article["headline"],
        detected_at=row["detected_at"],
    )
    return summary_line(event)


def event_model(row: dict[str, Any]) -> schemas.Event:
    """Return the API model of an event row."""
    return schemas.Event.model_validate({**row, "summary": summary(row)})


def _season_model(row: dict[str, Any]) -> schemas.Season:
    change = row["last_change"]
    return schemas.Season(
        season=row["season"],
        stage=row["stage"],
        release=row["release"],
        last_change=event_model(change) if change else None,
    )


def shows(
    session: Session, web: WebContext, *, followed_only: bool, limit: int, offset: int
) -> schemas.ShowList:
    """Return a page of shows with their current state, the most recently changed first."""
    wanted = web.followed if followed_only else None
    rows, total = browse.show_overview(session, shows=wanted, limit=limit, offset=offset)
    items = [
        schemas.Show(
            show=row["show"],
            followed=web.is_followed(row["show"]),
            last_change=event_model(row["last_change"]) if row["last_change"] else None,
            seasons=[_season_model(season) for season in row["seasons"]],
        )
        for row in rows
    ]
    return schemas.ShowList(items=items, total=total, limit=limit, offset=offset)


def quiet_followed(session: Session, web: WebContext) -> list[str]:
    """Return followed shows about which nothing is stored yet."""
    if web.followed is None:
        return []
    quiet = []
    for name in web.followed:
        found = web.find_show(session, name)
        if found is None or not found[1]:
            quiet.append(name)
    return sorted(quiet)


def show(session: Session, web: WebContext, name: str) -> schemas.Show | None:
    """Return one show (title or alias) with its current state; None if unknown."""
    found = web.find_show(session, name)
    if found is None:
        return None
    title, stored = found
    if not stored:
        return schemas.Show(
            show=title, followed=web.is_followed(title), last_change=None, seasons=[]
        )
    rows, _total = browse.show_overview(session, shows=[title], limit=1)
    seasons = [_season_model(season) for season in rows[0]["seasons"]] if rows else []
    last = rows[0]["last_change"] if rows else None
    return schemas.Show(
        show=title,
        followed=web.is_followed(title),
        last_change=event_model(last) if last else None,
        seasons=seasons,
    )


def timeline(session: Session, web: WebContext, name: str) -> schemas.Timeline | None:
    """Return a show's claims and changes, oldest first; None if the show is unknown."""
    current = show(session, web, name)
    if current is None:
        return None
    rows = browse.show_timeline(session, current.show) if current.seasons else []
    entries = [schemas.TimelineEntry.model_validate(row) for row in rows]
    return schemas.Timeline(
        show=current.show, followed=current.followed, seasons=current.seasons, entries=entries
    )


def events(
    session: Session,
    web: WebContext,
    *,
    show_name: str | None,
    facet: str | None,
    since: dt.datetime | None,
    certainty: list[str] | None,
    cursor: str | None,
    order: browse.Order,
    limit: int,
) -> schemas.EventPage:
    """Return a page of change events and the cursor to continue from."""
    after_id = cursors.decode_id(cursor, "e" + order)
    stored_show: str | None = None
    if show_name is not None:
        found = web.find_show(session, show_name)
        if found is None or not found[1]:
            return schemas.EventPage(items=[], next_cursor=cursor, has_more=False)
        stored_show = found[0]
    rows, more = browse.event_page(
        session,
        show=stored_show,
        facet=facet,
        since=since,
        certainty=certainty,
        after_id=after_id,
        order=order,
        limit=limit,
    )
    last = rows[-1]["id"] if rows else after_id
    next_cursor = cursors.encode("e" + order, last) if last is not None else None
    return schemas.EventPage(
        items=[event_model(row) for row in rows], next_cursor=next_cursor, has_more=more
    )


def _article_model(row: dict[str, Any], terms: list[str]) -> schemas.Article:
    text = row.get("text", "")
    return schemas.Article.model_validate({**row, "snippet": plain(snippet(text, terms))})


def articles(
    session: Session,
    *,
    query: str | None,
    source: str | None,
    published_from: dt.date | None,
    published_to: dt.date | None,
    cursor: str | None,
    limit: int,
) -> tuple[schemas.ArticlePage, list[dict[str, Any]]]:
    """Return a page of articles (searched, or newest first) and the raw rows.

    Text search is ``storage.history.articles``; source and date filters are
    applied to its matches, looking through at most ``SEARCH_WINDOW_LIMIT``.
    """
    if query:
        offset = cursors.decode_id(cursor, "s") or 0
        ids, more = _search_ids(
            session,
            query,
            source=source,
            published_from=published_from,
            published_to=published_to,
            offset=offset,
            limit=limit,
        )
        next_cursor = cursors.encode("s", offset + len(ids)) if more else None
    else:
        after = cursors.decode_article_key(cursor)
        ids, more = browse.article_page(
            session,
            source=source,
            published_from=published_from,
            published_to=published_to,
            after=after,
            limit=limit,
        )
        next_cursor = None
        if more and ids:
            last = browse.article_rows(session, [ids[-1]], with_text=False)[0]
            next_cursor = cursors.encode("a", last["published"].isoformat(), last["id"])
    rows = browse.article_rows(session, ids)
    terms = search_terms(query)
    items = [_article_model(row, terms) for row in rows]
    return schemas.ArticlePage(items=items, next_cursor=next_cursor, has_more=more), rows


def _search_ids(
    session: Session,
    query: str,
    *,
    source: str | None,
    published_from: dt.date | None,
    published_to: dt.date | None,
    offset: int,
    limit: int,
) -> tuple[list[int], bool]:
    filtered = source is not None or published_from is not None or published_to is not None
    window = offset + limit + 1
    while True:
        size = min(window * (4 if filtered else 1), SEARCH_WINDOW_LIMIT)
        hits = store_history.articles(session, search=query, limit=size)
        if filtered:
            wanted = browse.filter_article_ids(
                session,
                [hit["id"] for hit in hits],
                source=source,
                published_from=published_from,
                published_to=published_to,
            )
            matching = [hit["id"] for hit in hits if hit["id"] in wanted]
        else:
            matching = [hit["id"] for hit in hits]
        exhausted = len(hits) < size or size >= SEARCH_WINDOW_LIMIT
        if len(matching) > offset + limit or exhausted:
            break
        window *= 4
    page = matching[offset : offset + limit]
    return page, len(matching) > offset + limit


def article(session: Session, article_id: int) -> schemas.ArticleDetail | None:
    """Return one article in full with its claims and events; None if not stored."""
    rows = browse.article_rows(session, [article_id])
    if not rows:
        return None
    row = rows[0]
    claims, caused = browse.article_findings(session, article_id)
    return schemas.ArticleDetail.model_validate(
        {
            **row,
            "snippet": plain(snippet(row["text"], [])),
            "claims": claims,
            "events": [event_model(event) for event in caused],
        }
    )


def evidence_segments(text: str, evidence: str) -> list[tuple[str, bool]]:
    """Return the evidence highlighted within its paragraph of ``text``."""
    return evidence_in_context(text, evidence)


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
