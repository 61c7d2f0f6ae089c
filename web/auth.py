"""The API token: who may read the store over HTTP.

A client presents the token as ``Authorization: Bearer <token>``, as
``?token=<token>`` (feed readers can do nothing else), or, in a browser, by the
login cookie the page sets once the token has been given. The cookie holds an
HMAC of the token, not the token itself.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer

from web.context import WebContext, web_context

COOKIE_NAME = "newsmon_session"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})

_bearer = HTTPBearer(auto_error=False, description="The API token (api.token).")
_query = APIKeyQuery(name="token", auto_error=False, description="The API token, for feed readers.")
_cookie = APIKeyCookie(name=COOKIE_NAME, auto_error=False, description="Set by the page's login.")


class NotAuthenticated(Exception):
    """The request carries no valid token; answered with 401."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def is_loopback(host: str) -> bool:
    """Return whether ``host`` is an address only this machine can reach."""
    if host.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def cookie_value(token: str) -> str:
    """Return what the login cookie holds for ``token``."""
    return hmac.new(token.encode(), b"newsmon web session", hashlib.sha256).hexdigest()


def token_matches(token: str, given: str | None) -> bool:
    """Compare in constant time."""
    return given is not None and hmac.compare_digest(token.encode(), given.encode())


def check_token(
    request: Request,
    web: Annotated[WebContext, Depends(web_context)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    query: Annotated[str | None, Depends(_query)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> None:
    """FastAPI dependency: pass when no token is configured or a valid one is given."""
    token = web.token
    if token is None:
        return
    if bearer is not None and token_matches(token, bearer.credentials):
        return
    if token_matches(token, query):
        return
    if cookie is not None and hmac.compare_digest(cookie_value(token), cookie):
        return
    if bearer is not None or query is not None:
        raise NotAuthenticated("the API token given is not the one configured (api.token)")
    raise NotAuthenticated(
        "this server needs its API token: send 'Authorization: Bearer <token>' "
        "or add ?token=<token> to the URL"
    )


RequireToken = Depends(check_token)
