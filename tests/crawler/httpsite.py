"""A scriptable web site on 127.0.0.1 for crawl tests: routes, validators, misbehaviour.

Each route is a :class:`Page` (status, headers, body) or a callable that
writes the response itself (for trickling, looping or oversized answers).
Pages with an ``etag`` or ``last_modified`` answer conditional requests with
304 as a real server does. Every request is logged with its headers and the
time it started and finished, so tests can tell what was fetched, what was
revalidated, and what was in flight at a given moment.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Writer = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Page:
    """A canned answer."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering (a slow site)."""


@dataclass
class Hit:
    """One request the site received."""

    path: str
    headers: dict[str, str]
    started: float
    finished: float | None = None
    status: int | None = None


class Site:
    """The routes and the log of one test site."""

    def __init__(self) -> None:
        self.routes: dict[str, Page | Writer] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.base = ""

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this site."""
        return self.base + path

    def requests_for(self, path: str) -> list[Hit]:
        """Every request of ``path``, in order."""
        with self.lock:
            return [hit for hit in self.hits if hit.path == path]

    def fetched(self, path: str) -> int:
        """How often ``path`` was answered with a body (not 304)."""
        return sum(1 for hit in self.requests_for(path) if hit.status not in (304, None))

    def in_flight(self) -> list[str]:
        """Paths whose answer has started but not finished."""
        with self.lock:
            return [hit.path for hit in self.hits if hit.finished is None]

    def completed(self) -> list[str]:
        """Paths fully answered with status 200."""
        with self.lock:
            return [hit.path for hit in self.hits if hit.finished is not None and hit.status == 200]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            hit = Hit(path=self.path, headers=dict(self.headers.items()), started=time.monotonic())
            with site.lock:
                site.hits.append(hit)
            route = site.routes.get(self.path)
            try:
                if route is None:
                    hit.status = 404
                    self._send(Page(body=b"not here", status=404, content_type="text/plain"))
                elif isinstance(route, Page):
                    hit.status = self._page(route)
                else:
                    hit.status = 200
                    route(self)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                hit.status = -1  # the client gave up
            finally:
                hit.finished = time.monotonic()

        def _page(self, page: Page) -> int:
            if page.delay:
                time.sleep(page.delay)
            if page.status == 200 and self._not_modified(page):
                self.send_response(304)
                self._validators(page)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return 304
            self._send(page)
            return page.status

        def _not_modified(self, page: Page) -> bool:
            etag = self.headers.get("If-None-Match")
            if etag is not None and page.etag is not None:
                return etag == page.etag
            since = self.headers.get("If-Modified-Since")
            return (
                since is not None and page.last_modified is not None and since == page.last_modified
            )

        def _validators(self, page: Page) -> None:
            if page.etag:
                self.send_header("ETag", page.etag)
            if page.last_modified:
                self.send_header("Last-Modified", page.last_modified)

        def _send(self, page: Page) -> None:
            self.send_response(page.status)
            if page.content_type:
                self.send_header("Content-Type", page.content_type)
            self._validators(page)
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a crawler hanging up on a trickling or oversized answer is the point


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Serve ``site`` on 127.0.0.1 in a background thread for the duration of the block."""
    server = _QuietServer(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
