"""From the store's rows to what the API, the feeds and the pages show.

One function per thing a client asks for; each takes the request's session
and the app's context and returns the API's models, which the pages render
too, so a page never shows something the API would not.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from newsmon.storage import browse
from newsmon.storage.views import EventView, entry_fields
from newsmon.web import cursors, schemas
from newsmon.web.context import WebContext
from newsmon.web.excerpts import evidence_in_context


def event_model(event: EventView) -> schemas.Event:
    """Return the API model of a change event."""
    return schemas.Event.model_validate(event.fields())


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
    following = web.following(session)
    wanted = following.shows if followed_only else None
    rows, total = browse.show_overview(session, shows=wanted, limit=limit, offset=offset)
    items = [
        schemas.Show(
            show=row["show"],
            kind=web.kind(row["show"]),
            followed=following.is_followed(row["show"]),
            followed_on_page=row["show"] in following.stored,
            alerts=following.alerts_follow(row["show"]),
            last_change=event_model(row["last_change"]) if row["last_change"] else None,
            seasons=[_season_model(season) for season in row["seasons"]],
        )
        for row in rows
    ]
    return schemas.ShowList(items=items, total=total, limit=limit, offset=offset)


def quiet_followed(session: Session, web: WebContext) -> list[str]:
    """Return followed shows about which nothing is stored yet."""
    followed = web.following(session).shows
    if followed is None:
        return []
    quiet = []
    for name in followed:
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
    following = web.following(session)
    marks = {
        "followed": following.is_followed(title),
        "followed_on_page": title in following.stored,
        "alerts": following.alerts_follow(title),
    }
    if not stored:
        return schemas.Show(show=title, kind=web.kind(title), last_change=None, seasons=[], **marks)
    rows, _total = browse.show_overview(session, shows=[title], limit=1)
    seasons = [_season_model(season) for season in rows[0]["seasons"]] if rows else []
    last = rows[0]["last_change"] if rows else None
    return schemas.Show(
        show=title,
        kind=web.kind(title),
        last_change=event_model(last) if last else None,
        seasons=seasons,
        **marks,
    )


def timeline(session: Session, web: WebContext, name: str) -> schemas.Timeline | None:
    """Return a show's claims and changes, oldest first; None if the show is unknown."""
    current = show(session, web, name)
    if current is None:
        return None
    found = browse.show_timeline(session, current.show) if current.seasons else []
    entries = [schemas.TimelineEntry.model_validate(entry_fields(entry)) for entry in found]
    return schemas.Timeline(
        show=current.show,
        kind=current.kind,
        followed=current.followed,
        followed_on_page=current.followed_on_page,
        alerts=current.alerts,
        seasons=current.seasons,
        entries=entries,
    )


def catalog(web: WebContext) -> schemas.CatalogList:
    """Return the catalog's shows with their kinds and aliases (empty without a catalog)."""
    known = web.catalog
    if known is None:
        return schemas.CatalogList(items=[], total=0)
    items = [
        schemas.CatalogEntry(title=title, kind=web.kind(title), aliases=known.aliases(title))
        for title in known.titles
    ]
    return schemas.CatalogList(items=items, total=len(items))


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
    page, more = browse.event_page(
        session,
        show=stored_show,
        facet=facet,
        since=since,
        certainty=certainty,
        after_id=after_id,
        order=order,
        limit=limit,
    )
    last = page[-1].id if page else after_id
    next_cursor = cursors.encode("e" + order, last) if last is not None else None
    return schemas.EventPage(
        items=[event_model(event) for event in page], next_cursor=next_cursor, has_more=more
    )


def evidence_segments(text: str, evidence: str) -> list[tuple[str, bool]]:
    """Return the evidence highlighted within its paragraph of ``text``."""
    return evidence_in_context(text, evidence)
