"""Headers every response carries, and redirects that can never leave the site."""

from __future__ import annotations

from urllib.parse import quote

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        # The pages run no script and load nothing from elsewhere.
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    # Article links lead to other sites: they learn nothing of this one's addresses.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Kept as they are in a path and query; everything else (spaces, control
# characters, backslashes, non-ASCII) is percent-encoded.
_PATH_SAFE = "/?&=%:@!$'()*+,;-._~"


def site_path(target: str) -> str:
    """Return ``target`` as a path of this site that no browser reads as another host.

    ``//evil.example/`` and ``/`` + backslash + ``evil.example/`` are network-path references
    to a browser; a tab or newline inside them is dropped before parsing.
    Leading slashes collapse to one and the rest is percent-encoded.
    """
    return "/" + quote(target, safe=_PATH_SAFE).lstrip("/")


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response.

    It wraps the whole app, error pages of the outermost layers included.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response's start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
