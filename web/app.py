"""Building the ASGI app: API, feeds, pages, static files, errors and auth."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import Session, sessionmaker
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp

from newsmon.config import Settings
from newsmon.web import api, atom, pages
from newsmon.web.auth import LOOPBACK_NAMES, client_address, token_matches
from newsmon.web.context import WebContext
from newsmon.web.errors import install_error_handlers, wants_json
from newsmon.web.render import render_error
from newsmon.web.security import SecurityHeaders, site_path

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
API_DESCRIPTION = """\
What newsmon has stored: the production status of the shows it follows, how
each got there (claims and change events with their evidence sentence and
article), the articles themselves, the sources' health and alert deliveries.

Send the API token as `Authorization: Bearer <token>` (or `?token=<token>`)
when the server has one. Errors are `{"error": {"status", "message", "details"}}`.
"""


class NewsmonApp(FastAPI):
    """The app, every response of which carries the security headers."""

    def build_middleware_stack(self) -> ASGIApp:
        """Wrap the whole stack, so even the outermost error pages get the headers."""
        return SecurityHeaders(super().build_middleware_stack())


def create_app(
    settings: Settings, sessions: sessionmaker[Session], *, context: WebContext | None = None
) -> FastAPI:
    """Return the app serving the store behind ``sessions``.

    Without an API token the app answers only requests addressed to a
    loopback name (so another web site cannot reach it by DNS rebinding);
    ``newsmon serve`` refuses to listen beyond loopback without one.
    """
    web = context or WebContext.from_settings(settings, sessions)
    app = NewsmonApp(
        title="newsmon",
        version="1",
        description=API_DESCRIPTION,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN
        redoc_url=None,
    )
    app.state.web = web
    install_error_handlers(app, render_error)
    app.include_router(api.router)
    app.include_router(atom.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.middleware("http")
    async def _token_in_page_url(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # A page opened as /shows/x?token=...: remember the login in a cookie and
        # drop the token from the address bar (and from history and Referer).
        given = request.query_params.get("token")
        if given is None or web.token is None or wants_json(request) or request.method != "GET":
            return await call_next(request)
        if web.throttle.retry_after(client_address(request)) or not token_matches(web.token, given):
            return await call_next(request)  # where the token is checked, and counted
        rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
        # The path as sent, but one that cannot name another host (//evil.example/).
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        target = site_path(raw_path.decode("latin-1")) + (f"?{urlencode(rest)}" if rest else "")
        response = RedirectResponse(target, status_code=303)
        pages.set_login_cookie(request, response, web.token)
        return response

    if web.token is None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=sorted(LOOPBACK_NAMES))
    return app
