"""Atom feeds of change events: all of them, and one show's.

Feed readers can only put a token in the URL, so ``?token=`` works here (and
is never echoed in the feed's own links). Entry ids are stable tag URIs, so a
reader never shows an event twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response
from markupsafe import escape
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from newsmon.alerts.format import readable_date, reported_by
from newsmon.storage import browse
from newsmon.storage.views import EventView
from newsmon.web.auth import RequireToken
from newsmon.web.context import WebContext, db_session, web_context
from newsmon.web.errors import ERROR_RESPONSES, NOT_FOUND, single_values
from newsmon.web.render import when

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

router = APIRouter(
    prefix="/feeds",
    dependencies=[RequireToken, Depends(single_values)],
    responses=ERROR_RESPONSES,
)
SessionDep = Annotated[Session, Depends(db_session)]
WebDep = Annotated[WebContext, Depends(web_context)]
FeedLimit = Annotated[int, Query(ge=1, le=200, description="How many of the latest events.")]
ATOM_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/atom+xml": {}}, "description": "An Atom 1.0 feed."}
}


def _time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def store_tag(web: WebContext) -> str:
    """Return the tag URI prefix of this store: ids stay apart between two stores."""
    url = make_url(web.settings.database_url).render_as_string(hide_password=True)
    return f"tag:newsmon,2026:{hashlib.sha256(url.encode()).hexdigest()[:12]}"


def show_path(show: str) -> str:
    """Return the web page's path for a show."""
    return "/shows/" + quote(show, safe="")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def render_feed(
    *,
    web: WebContext,
    base: str,
    feed_id: str,
    title: str,
    self_path: str,
    page_path: str,
    events: list[EventView],
) -> bytes:
    """Return an Atom document of ``events`` (newest first).

    Entries come in the order newsmon learnt of them (a feed reader's order):
    ``updated`` is the detection time; the content says when the change
    happened (``as_of``) and who reported it.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", feed_id)
    _sub(feed, "title", title)
    _sub(feed, "updated", _time(max((e.detected_at for e in events), default=EPOCH)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + self_path)
    _sub(feed, "link", rel="alternate", type="text/html", href=base + page_path)
    author = _sub(feed, "author")
    _sub(author, "name", "newsmon")
    _sub(feed, "generator", "newsmon")
    tag = store_tag(web)
    for event in events:
        article = event.article
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{tag}:event:{event.id}")
        _sub(entry, "title", event.summary)
        _sub(entry, "updated", _time(event.detected_at))
        _sub(entry, "published", _time(event.detected_at))
        link = f"{base}{show_path(event.show)}#event-{event.id}"
        _sub(entry, "link", rel="alternate", type="text/html", href=link)
        _sub(entry, "link", rel="related", type="text/html", href=article.url)
        _sub(entry, "category", term=event.facet)
        if event.quiet:
            # History, not news: a source's baseline or an old change read late; no alert went.
            _sub(entry, "category", term="history", label=f"history ({event.quiet})")
        _sub(entry, "summary", event.evidence, type="text")
        html = (
            f"<blockquote><p>{escape(event.evidence)}</p></blockquote>"
            f"<p>{escape(event.certainty)}. Happened: {escape(readable_date(event.as_of))}"
            f" (as of {escape(event.as_of)}); newsmon learnt it"
            f" {escape(when(event.detected_at))}{_outlets_text(event)}.</p>"
            f'<p><a href="{escape(article.url)}">{escape(article.headline)}</a>'
            f" ({escape(article.published.isoformat())})</p>"
        )
        if event.quiet:
            html += f"<p>History ({escape(event.quiet)}): no alert was sent for it.</p>"
        _sub(entry, "content", html, type="html")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


def _outlets_text(event: EventView) -> str:
    names = ", ".join(f'<a href="{escape(o.url)}">{escape(o.outlet)}</a>' for o in event.outlets)
    return f"; {reported_by(event.outlet_count)}: {names}" if names else ""


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get(
    "/events.atom", response_class=Response, responses=ATOM_RESPONSE, summary="Feed of changes"
)
def all_events(
    request: Request, session: SessionDep, web: WebDep, limit: FeedLimit = 50
) -> Response:
    """Return the latest change events of every show as an Atom feed."""
    events, _more = browse.event_page(session, order="desc", limit=limit)
    body = render_feed(
        web=web,
        base=_base(request),
        feed_id=f"{store_tag(web)}:events",
        title="newsmon: production status changes",
        self_path="/feeds/events.atom",
        page_path="/",
        events=events,
    )
    return Response(body, media_type=MEDIA_TYPE)


@router.get(
    "/shows/{show:path}.atom",
    response_class=Response,
    responses={**ATOM_RESPONSE, **NOT_FOUND},
    summary="Feed of one show's changes",
)
def show_events(
    request: Request,
    session: SessionDep,
    web: WebDep,
    show: Annotated[str, Path(min_length=1, max_length=300, pattern=r"^[^\x00]*$")],
    limit: FeedLimit = 50,
) -> Response:
    """Return the latest change events of one show (title or alias) as an Atom feed."""
    found = web.find_show(session, show)
    if found is None:
        raise HTTPException(404, f"no show {show!r} is stored or in the catalog")
    title, stored = found
    events = browse.event_page(session, show=title, order="desc", limit=limit)[0] if stored else []
    body = render_feed(
        web=web,
        base=_base(request),
        feed_id=f"{store_tag(web)}:show:{quote(title, safe='')}",
        title=f"newsmon: {title}",
        self_path=f"/feeds/shows/{quote(title, safe='')}.atom",
        page_path=show_path(title),
        events=events,
    )
    return Response(body, media_type=MEDIA_TYPE)
