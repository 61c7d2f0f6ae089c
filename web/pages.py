"""The web page, rendered on the server: dashboard, show timeline, search, sources.

Plain HTML forms and links, no JavaScript. Jinja2 autoescapes everything;
article text reaches templates only as ``(text, highlighted)`` segments.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from newsmon.storage import browse, browse_articles, follows
from newsmon.storage.models import DeliveryStatus
from newsmon.web import answers, api_docs, articles, evidence, source_health
from newsmon.web.auth import (
    COOKIE_NAME,
    RequireToken,
    TooManyAttempts,
    client_address,
    cookie_value,
    token_matches,
)
from newsmon.web.context import WebContext, db_session, web_context
from newsmon.web.errors import BadParameter
from newsmon.web.excerpts import highlight, search_terms, snippet
from newsmon.web.render import render, show_path
from newsmon.web.security import site_path

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
pages = APIRouter(dependencies=[RequireToken], include_in_schema=False)
SessionDep = Annotated[Session, Depends(db_session)]
WebDep = Annotated[WebContext, Depends(web_context)]
PER_PAGE = 50


@pages.get("/", response_class=HTMLResponse)
def dashboard(
    request: Request,
    session: SessionDep,
    web: WebDep,
    show_all: Annotated[bool, Query(alias="all")] = False,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Followed shows with their stage and release window, the newest changes first."""
    following = web.following(session)
    followed_only = not show_all and following.shows is not None
    listing = answers.shows(
        session, web, followed_only=followed_only, limit=PER_PAGE, offset=(page - 1) * PER_PAGE
    )
    # The latest changes of the shows listed: followed ones only, unless all are shown.
    recent, _more = browse.event_page(session, order="desc", limit=50 if followed_only else 10)
    if followed_only:
        recent = [event for event in recent if following.is_followed(event.show)][:10]
    return render(
        request,
        "dashboard.html",
        listing=listing,
        page=page,
        pages=max(1, -(-listing.total // PER_PAGE)),
        show_all=show_all,
        followed=sorted(following.shows) if following.shows is not None else None,
        quiet=answers.quiet_followed(session, web) if page == 1 and not show_all else [],
        # Learnt lately, listed by when it happened: a recap of old news sorts below.
        recent=[answers.event_model(event) for event in browse.newest_happened_first(recent)],
    )


@pages.get("/shows/{show:path}", response_class=HTMLResponse)
def show_page(
    request: Request,
    session: SessionDep,
    web: WebDep,
    show: Annotated[str, Path(min_length=1, max_length=300, pattern=r"^[^\x00]*$")],
) -> Response:
    """Show a show's timeline: each step with its evidence in context and its article."""
    found = answers.timeline(session, web, show)
    if found is None:
        raise HTTPException(404, f"no show {show!r} is stored or in the catalog")
    steps = [entry for entry in found.entries if entry.kind == "event"]
    texts = browse_articles.article_texts(session, {step.article.id for step in steps})
    seasons: dict[int | None, dict[str, Any]] = {}
    for season in found.seasons:
        seasons[season.season] = {"state": season, "steps": [], "claims": []}
    for entry in found.entries:
        group = seasons.setdefault(entry.season, {"state": None, "steps": [], "claims": []})
        if entry.kind == "event":
            text = texts.get(entry.article.id, "")
            group["steps"].append((entry, answers.evidence_segments(text, entry.evidence)))
        else:
            group["claims"].append(entry)
    return render(request, "show.html", show=found, seasons=seasons)


@pages.post("/shows/{show:path}/follow")
def follow_show(
    request: Request,
    web: WebDep,
    show: Annotated[str, Path(min_length=1, max_length=300, pattern=r"^[^\x00]*$")],
) -> Response:
    """Follow a show from its page (kept in the store), then show the page again."""
    return _set_following(request, web, show, following=True)


@pages.post("/shows/{show:path}/unfollow")
def unfollow_show(
    request: Request,
    web: WebDep,
    show: Annotated[str, Path(min_length=1, max_length=300, pattern=r"^[^\x00]*$")],
) -> Response:
    """Stop following a show from its page; the alert subscriptions still apply."""
    return _set_following(request, web, show, following=False)


def _set_following(request: Request, web: WebContext, show: str, *, following: bool) -> Response:
    _same_origin(request)
    with web.sessions.begin() as session:
        found = web.find_show(session, show)
        if found is None:
            raise HTTPException(404, f"no show {show!r} is stored or in the catalog")
        title = found[0]
        if following:
            follows.follow(session, title)
        else:
            follows.unfollow(session, title)
    return RedirectResponse(show_path(title), status_code=303)


def _same_origin(request: Request) -> None:
    # A form on another site must not change what this one follows (the cookie is
    # SameSite=Lax, but without a token there is no cookie to withhold). Browsers say
    # where a request comes from in Sec-Fetch-Site; Origin is "null" here, since the
    # pages send no referrer, so it only counts when it names another site.
    fetched_from = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if fetched_from is not None:
        allowed = fetched_from in ("same-origin", "none")
    elif origin is not None and origin != "null":
        allowed = urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()
    else:
        allowed = True
    if not allowed:
        raise HTTPException(403, "this form can only be sent from this site's own pages")


def _date_param(name: str, value: str | None) -> dt.date | None:
    # Browsers send empty strings for empty date inputs: those mean "no filter".
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadParameter(
            "query", name, f"{value[:40]!r} is not a date such as 2017-03-24"
        ) from None


@pages.get("/articles", response_class=HTMLResponse)
def search_page(
    *,
    request: Request,
    session: SessionDep,
    web: WebDep,
    q: Annotated[str, Query(max_length=300, pattern=r"^[^\x00]*$")] = "",
    source: Annotated[str, Query(max_length=200, pattern=r"^[^\x00]*$")] = "",
    published_from: Annotated[str, Query(alias="from", max_length=40)] = "",
    published_to: Annotated[str, Query(alias="to", max_length=40)] = "",
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Search stored articles, or browse them newest first."""
    start = _date_param("from", published_from)
    end = _date_param("to", published_to)
    page, rows = articles.articles(
        session,
        query=q.strip() or None,
        source=source or None,
        published_from=start,
        published_to=end,
        cursor=cursor or None,
        limit=PER_PAGE,
    )
    total, more_than = articles.count(
        session,
        query=q.strip() or None,
        source=source or None,
        published_from=start,
        published_to=end,
    )
    terms = search_terms(q)
    results = [
        (item, highlight(item.headline or item.url, terms), snippet(row.get("text", ""), terms))
        for item, row in zip(page.items, rows, strict=True)
    ]
    params = {"q": q, "source": source, "from": published_from, "to": published_to}
    next_url = (
        "/articles?" + urlencode({**params, "cursor": page.next_cursor})
        if page.next_cursor
        else None
    )
    names = sorted({*web.configured_sources, *browse_articles.source_names(session)})
    return render(
        request,
        "articles.html",
        q=q,
        source=source,
        published_from=published_from,
        published_to=published_to,
        results=results,
        total=total,
        more_than=more_than,
        next_url=next_url,
        first_page=cursor is None,
        sources=names,
    )


@pages.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request, session: SessionDep, article_id: Annotated[int, Path(ge=1, le=2**62)]
) -> Response:
    """One stored article, its evidence sentences highlighted, with what it changed."""
    found = articles.article(session, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id}")
    tied = evidence.tie(found.text, [(claim.id, claim.evidence) for claim in found.claims])
    numbers = {claim.id: n for n, claim in enumerate(found.claims, start=1)}
    changes = {event.claim_id: event for event in found.events}
    return render(
        request, "article.html", article=found, tied=tied, numbers=numbers, changes=changes
    )


DELIVERY_STATUSES = [status.value for status in DeliveryStatus]
DELIVERIES_PER_PAGE = 20


@pages.get("/sources", response_class=HTMLResponse)
def sources_page(
    *,
    request: Request,
    session: SessionDep,
    web: WebDep,
    status: Annotated[str, Query(max_length=20)] = "",
    channel: Annotated[str, Query(max_length=32, pattern=r"^[^\x00]*$")] = "",
    event_id: Annotated[str, Query(max_length=20)] = "",
    cursor: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """Each source's health, and the alert deliveries, filtered and paged as in the API."""
    # Browsers send empty strings for empty fields: those mean "no filter".
    if status and status not in DELIVERY_STATUSES:
        raise BadParameter("query", "status", f"must be one of {', '.join(DELIVERY_STATUSES)}")
    event = _id_param("event_id", event_id)
    events: dict[int, Any] = {}
    deliveries = source_health.deliveries(
        session,
        status=DeliveryStatus(status) if status else None,
        channel=channel or None,
        event_id=event,
        cursor=cursor or None,
        limit=DELIVERIES_PER_PAGE,
        events=events,
    )
    filters = {"status": status, "channel": channel, "event_id": event_id}
    kept = {key: value for key, value in filters.items() if value}
    next_url = (
        "/sources?" + urlencode({**kept, "cursor": deliveries.next_cursor}) + "#deliveries"
        if deliveries.next_cursor
        else None
    )
    first_url = "/sources" + (f"?{urlencode(kept)}" if kept else "") + "#deliveries"
    return render(
        request,
        "sources.html",
        sources=source_health.sources(session, web),
        deliveries=deliveries,
        events=events,
        statuses=DELIVERY_STATUSES,
        channels=sorted({ref[0] for ref in web.settings.alerts.channel_refs()}),
        filters=filters,
        next_url=next_url,
        first_url=first_url if cursor else None,
    )


def _id_param(name: str, value: str) -> int | None:
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 2**62:
        raise BadParameter("query", name, f"{value[:20]!r} is not an id such as 42")
    return int(value)


def _safe_next(target: str | None) -> str:
    # Only paths of this site: "//evil.example" would leave it.
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return site_path(target)


@router.get("/docs", response_class=HTMLResponse)
def api_reference(request: Request) -> Response:
    """The API's reference, from its own OpenAPI schema, with no script from elsewhere."""
    schema = request.app.openapi()
    return render(
        request,
        "api_docs.html",
        title=schema["info"]["title"],
        version=schema["info"]["version"],
        schema_url=request.app.openapi_url,
        operations=api_docs.operations(schema),
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(
    request: Request, next_path: Annotated[str, Query(alias="next", max_length=2000)] = "/"
) -> Response:
    """Ask for the API token."""
    return render(request, "login.html", next_path=_safe_next(next_path), message=None)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    """Check the token; on success set the login cookie and go back."""
    web: WebContext = request.app.state.web
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    given = (form.get("token") or [""])[0].strip()
    next_path = _safe_next((form.get("next") or ["/"])[0])
    if web.token is None:
        return RedirectResponse(next_path, status_code=303)
    client = client_address(request)
    wait = web.throttle.retry_after(client)
    if wait:
        raise TooManyAttempts(wait)
    if not token_matches(web.token, given):
        web.throttle.failed(client)
        return render(
            request,
            "login.html",
            status_code=401,
            next_path=next_path,
            message="That is not the API token this server was started with.",
        )
    web.throttle.succeeded(client)
    response = RedirectResponse(next_path, status_code=303)
    set_login_cookie(request, response, web.token)
    return response


@router.post("/logout")
def logout() -> Response:
    """Forget the login cookie."""
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


def set_login_cookie(request: Request, response: Response, token: str) -> None:
    """Remember the login in an HttpOnly cookie (Secure when served over HTTPS).

    The server checks the cookie's age itself: ``max_age`` only tells the browser.
    """
    web: WebContext = request.app.state.web
    response.set_cookie(
        COOKIE_NAME,
        cookie_value(token),
        max_age=int(web.settings.api.session_lifetime),
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


router.include_router(pages)
