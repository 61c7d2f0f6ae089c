"""Rendering the pages: one Jinja2 environment with autoescaping and a few filters."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from newsmon.alerts.format import readable_date, readable_release
from newsmon.storage.views import stage_label

_env = Environment(
    loader=PackageLoader("newsmon.web", "templates"),
    autoescape=True,  # every template, whatever its name: article text is untrusted
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def show_path(show: str) -> str:
    """Return the page of a show."""
    return "/shows/" + quote(show, safe="")


def ago(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """Return ``3 hours ago``-style text for a past time."""
    if value is None:
        return "never"
    seconds = ((now or dt.datetime.now(dt.UTC)) - value).total_seconds()
    if seconds < 60:
        return "just now"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


def due(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """Return ``in 3 hours``-style text for a coming time (``now`` once it is due)."""
    if value is None:
        return "not scheduled"
    seconds = (value - (now or dt.datetime.now(dt.UTC))).total_seconds()
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = int(seconds // size)
            return f"in {count} {unit}{'s' if count != 1 else ''}"
    return "now" if seconds < 1 else "in less than a minute"


def when(value: dt.datetime | None) -> str:
    """Return a time as people read it, in UTC."""
    return "never" if value is None else value.astimezone(dt.UTC).strftime("%d %b %Y %H:%M UTC")


_SEASONS = {("03", "05"): "spring", ("06", "08"): "summer", ("09", "11"): "autumn"}
_MONTH_SPAN = re.compile(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})")


def release_label(value: str | None) -> str:
    """Return a release window in words: ``spring 2025``, ``14 March 2025``, ``2025 or later``."""
    if not value:
        return "not known"
    span = _MONTH_SPAN.fullmatch(value)
    if span is not None:
        start_year, start, end_year, end = span.groups()
        if start_year == end_year and (start, end) in _SEASONS:
            return f"{_SEASONS[start, end]} {start_year}"
        if (start, end) == ("12", "02") and int(end_year) == int(start_year) + 1:
            return f"winter {start_year}–{end_year[2:]}"
    return readable_release(value).removesuffix(f" ({value})")


def value_label(facet: str, value: str | None) -> str:
    """Return a stage in words, or a release window in words."""
    if value is None:
        return "nothing"
    return release_label(value) if facet == "release" else stage_label(value)


_env.globals.update(show_path=show_path)
_env.filters.update(
    ago=ago,
    due=due,
    when=when,
    stage=stage_label,
    release=release_label,
    day=readable_date,
    value_label=value_label,
)


def render(
    request: Request, template: str, *, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render ``template`` with ``context`` and what every page shows."""
    web = request.app.state.web
    page = _env.get_template(template).render(
        request=request,
        path=request.url.path,
        token_required=web.token is not None,
        **context,
    )
    return HTMLResponse(page, status_code=status_code)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    """Render an error for people; 401 shows the login form."""
    if status == 401:
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        target = quote(request.url.path) + (f"?{urlencode(rest)}" if rest else "")
        return render(request, "login.html", status_code=401, next_path=target, message=message)
    return render(request, "error.html", status_code=status, status=status, message=message)
