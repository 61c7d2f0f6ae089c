"""The JSON API under ``/api/v1``: shows, timelines, events, articles, sources, deliveries."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from newsmon.detector.model import CertaintyName, Facet
from newsmon.storage.models import DeliveryStatus
from newsmon.web import answers, articles, schemas, source_health
from newsmon.web.auth import RequireToken
from newsmon.web.context import WebContext, db_session, web_context
from newsmon.web.errors import ERROR_RESPONSES, NOT_FOUND, BadParameter, single_values

router = APIRouter(
    prefix="/api/v1",
    dependencies=[RequireToken, Depends(single_values)],
    responses=ERROR_RESPONSES,
)

SessionDep = Annotated[Session, Depends(db_session)]
WebDep = Annotated[WebContext, Depends(web_context)]
# Text parameters: bounded, and without NUL (PostgreSQL refuses it in strings).
NO_NUL = r"^[^\x00]*$"
ShowName = Annotated[
    str,
    Path(
        min_length=1,
        max_length=300,
        pattern=NO_NUL,
        description="A title or alias from the catalog (case is ignored).",
    ),
]
Limit = Annotated[int, Query(ge=1, le=500, description="How many items per page.")]
Cursor = Annotated[
    str | None,
    Query(max_length=200, pattern=r"^[A-Za-z0-9_-]*$", description="next_cursor of a page."),
]


def _true_or_false(value: object) -> object:
    # Pydantic would also take 1, yes, on...: the schema says a boolean, so say so.
    if isinstance(value, str) and value.lower() not in ("true", "false"):
        raise ValueError("must be true or false")
    return value


def _iso_datetime(value: object) -> object:
    # Pydantic would also read "300.0" as seconds since 1970: the schema says a date-time.
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("must be an ISO 8601 date-time, such as 2025-06-01T00:00:00Z")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]|$)")


def _utc(since: dt.datetime | None) -> dt.datetime | None:
    # 9999-12-31T23:59:59-14:00 is a valid datetime whose UTC time is past year 9999.
    if since is None:
        return None
    if since.tzinfo is None:
        return since.replace(tzinfo=dt.UTC)
    try:
        return since.astimezone(dt.UTC)
    except OverflowError:
        raise BadParameter(
            "query", "since", "is out of range once converted to UTC (years 1 to 9999)"
        ) from None


def _not_found(name: str) -> HTTPException:
    return HTTPException(
        404, f"no show {name!r} is stored or in the catalog (titles and aliases are understood)"
    )


@router.get("/shows", response_model=schemas.ShowList, summary="Shows and their current state")
def list_shows(
    session: SessionDep,
    web: WebDep,
    followed: Annotated[
        bool,
        BeforeValidator(_true_or_false),
        Query(description="Only the shows the alert subscriptions follow."),
    ] = False,
    limit: Limit = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> schemas.ShowList:
    """Return every show with news, its stage and release window per season, newest change first."""
    return answers.shows(session, web, followed_only=followed, limit=limit, offset=offset)


@router.get(
    "/shows/{show:path}/timeline",
    response_model=schemas.Timeline,
    responses=NOT_FOUND,
    summary="How one show got where it is",
)
def show_timeline(show: ShowName, session: SessionDep, web: WebDep) -> schemas.Timeline:
    """Return every claim and change event of a show, oldest first, with evidence and article."""
    found = answers.timeline(session, web, show)
    if found is None:
        raise _not_found(show)
    return found


@router.get(
    "/shows/{show:path}",
    response_model=schemas.Show,
    responses=NOT_FOUND,
    summary="One show's state",
)
def get_show(show: ShowName, session: SessionDep, web: WebDep) -> schemas.Show:
    """Return a show's current stage and release window per season, and its latest change."""
    found = answers.show(session, web, show)
    if found is None:
        raise _not_found(show)
    return found


@router.get("/catalog", response_model=schemas.CatalogList, summary="The catalog of shows")
def get_catalog(web: WebDep) -> schemas.CatalogList:
    """Return every show of the catalog file with its kind (series or film) and aliases."""
    return answers.catalog(web)


@router.get("/events", response_model=schemas.EventPage, summary="Change events, paged")
def list_events(
    *,
    session: SessionDep,
    web: WebDep,
    show: Annotated[
        str | None,
        Query(min_length=1, max_length=300, pattern=NO_NUL, description="Title or alias."),
    ] = None,
    facet: Annotated[Facet | None, Query()] = None,
    since: Annotated[
        dt.datetime | None,
        BeforeValidator(_iso_datetime),
        Query(description="Only events detected at or after this time (ISO 8601; UTC if no zone)."),
    ] = None,
    certainty: Annotated[
        list[CertaintyName] | None,
        Query(description="Only these certainties (repeatable)."),
    ] = None,
    order: Annotated[
        Literal["asc", "desc"], Query(description="asc: oldest first (to follow new events).")
    ] = "asc",
    cursor: Cursor = None,
    limit: Limit = 50,
) -> schemas.EventPage:
    """Return change events in detection order; keep next_cursor to get only newer ones later."""
    return answers.events(
        session,
        web,
        show_name=show,
        facet=facet,
        since=_utc(since),
        certainty=list(certainty) if certainty else None,
        cursor=cursor,
        order=order,
        limit=limit,
    )


@router.get("/articles", response_model=schemas.ArticlePage, summary="Stored articles, searched")
def list_articles(
    *,
    session: SessionDep,
    q: Annotated[
        str | None,
        Query(
            max_length=300,
            pattern=NO_NUL,
            description='Full-text search: words, "a phrase", or, -excluded.',
        ),
    ] = None,
    source: Annotated[str | None, Query(min_length=1, max_length=200, pattern=NO_NUL)] = None,
    published_from: Annotated[dt.date | None, Query(alias="from")] = None,
    published_to: Annotated[dt.date | None, Query(alias="to")] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> schemas.ArticlePage:
    """Return articles newest first (best match first with q); copies link their original."""
    if published_from and published_to and published_from > published_to:
        raise BadParameter("query", "from", "is after 'to'")
    page, _rows = articles.articles(
        session,
        query=q.strip() if q else None,
        source=source,
        published_from=published_from,
        published_to=published_to,
        cursor=cursor,
        limit=limit,
    )
    return page


@router.get(
    "/articles/{article_id}",
    response_model=schemas.ArticleDetail,
    responses=NOT_FOUND,
    summary="One article in full",
)
def get_article(
    article_id: Annotated[int, Path(ge=1, le=2**62)], session: SessionDep
) -> schemas.ArticleDetail:
    """Return the article's text, the claims read from it and the changes it caused."""
    found = articles.article(session, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return found


@router.get("/sources", response_model=list[schemas.SourceHealth], summary="Sources' health")
def list_sources(session: SessionDep, web: WebDep) -> list[schemas.SourceHealth]:
    """Return each source: its last poll, its errors, how many articles it gave."""
    return source_health.sources(session, web)


@router.get("/deliveries", response_model=schemas.DeliveryPage, summary="Alert deliveries")
def list_deliveries(
    *,
    session: SessionDep,
    status: Annotated[DeliveryStatus | None, Query()] = None,
    channel: Annotated[
        str | None, Query(min_length=1, max_length=32, pattern=NO_NUL, description="webhook, ...")
    ] = None,
    event_id: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    cursor: Cursor = None,
    limit: Limit = 50,
) -> schemas.DeliveryPage:
    """Return each alert per channel target, newest first: status, attempts, last error."""
    return source_health.deliveries(
        session, status=status, channel=channel, event_id=event_id, cursor=cursor, limit=limit
    )
