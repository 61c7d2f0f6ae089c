"""An HTTP server on a free 127.0.0.1 port, served from a daemon thread."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[str], tuple[int, str, bytes]]
"""Given a request path: status, content type and body."""


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that keeps the access log out of the user's terminal."""

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing."""


class LoopbackServer:
    """Serve ``handler`` on 127.0.0.1 until ``stop()``."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]):
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()


def serve_get(respond: Responder, hits: Counter[str]) -> LoopbackServer:
    """Answer GET requests with ``respond(path)``, counting each path in ``hits``."""
    lock = threading.Lock()

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            with lock:
                hits[self.path] += 1
            status, content_type, body = respond(self.path)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return LoopbackServer(Handler)
