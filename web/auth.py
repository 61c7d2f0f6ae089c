"""The API token: who may read the store over HTTP.

A client presents the token as ``Authorization: Bearer <token>``, as
``?token=<token>`` (feed readers can do nothing else), or, in a browser, by the
login cookie the page sets once the token has been given. The cookie holds
when it was issued and an HMAC of that time keyed by the token, never the
token itself: it expires after ``api.session_lifetime``, and changing the
token ends every login.

Wrong tokens count against the client that gave them (:mod:`web.throttle`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import time
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer

from newsmon.web.context import WebContext, web_context

COOKIE_NAME = "newsmon_session"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})

_bearer = HTTPBearer(auto_error=False, description="The API token (api.token).")
_query = APIKeyQuery(name="token", auto_error=False, description="The API token, for feed readers.")
_cookie = APIKeyCookie(name=COOKIE_NAME, auto_error=False, description="Set by the page's login.")


_COOKIE = re.compile(r"([0-9]{1,12})\.([0-9a-f]{64})")
CLOCK_SKEW = 60.0
"""Seconds a cookie may seem issued in the future (several servers, one token)."""


class TooManyAttempts(Exception):
    """The client gave too many wrong tokens; answered with 429 and Retry-After."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many wrong tokens from this address; try again in {retry_after} s")
        self.retry_after = retry_after
        self.message = str(self)


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


def _session_key(token: str) -> bytes:
    return hmac.new(token.encode(), b"newsmon web session", hashlib.sha256).digest()


def cookie_value(token: str, issued: int | None = None) -> str:
    """Return what the login cookie holds for ``token``, issued at ``issued`` (now)."""
    issued = int(time.time()) if issued is None else issued
    mac = hmac.new(_session_key(token), str(issued).encode(), hashlib.sha256).hexdigest()
    return f"{issued}.{mac}"


def cookie_valid(token: str, cookie: str, lifetime: float, now: float | None = None) -> bool:
    """Return whether ``cookie`` was issued for ``token`` less than ``lifetime`` s ago."""
    match = _COOKIE.fullmatch(cookie)
    if match is None:
        return False
    issued = int(match.group(1))
    age = (time.time() if now is None else now) - issued
    if not -CLOCK_SKEW <= age < lifetime:
        return False
    return hmac.compare_digest(cookie_value(token, issued), cookie)


def client_address(request: Request) -> str:
    """Return who the throttle counts a wrong token against: the peer's address."""
    return request.client.host if request.client else "unknown"


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
    if cookie is not None and cookie_valid(token, cookie, web.settings.api.session_lifetime):
        return
    if bearer is None and "authorization" in request.headers:
        # A credential that is not a bearer token is refused, not ignored in favour of
        # another one: a client sending it has a mistake to fix.
        raise NotAuthenticated("the Authorization header must read 'Bearer <token>'")
    if bearer is None and query is None:
        if cookie is not None:
            raise NotAuthenticated("the login has expired or the token has changed: log in again")
        raise NotAuthenticated(
            "this server needs its API token: send 'Authorization: Bearer <token>' "
            "or add ?token=<token> to the URL"
        )
    client = client_address(request)
    wait = web.throttle.retry_after(client)
    if wait:
        raise TooManyAttempts(wait)
    if bearer is not None:
        # The header, when sent, is the credential: a wrong one is not excused by a
        # right token elsewhere in the request.
        if token_matches(token, bearer.credentials):
            return
    elif token_matches(token, query):
        return
    web.throttle.failed(client)
    raise NotAuthenticated("the API token given is not the one configured (api.token)")


RequireToken = Depends(check_token)
