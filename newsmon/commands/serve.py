"""``newsmon serve``: the JSON API, Atom feeds and web page over HTTP (no scheduler)."""

from __future__ import annotations

import gc
import logging
import socket

import click

from newsmon.cli_context import AppContext, UsageProblem, pass_app
from newsmon.redact import redact_query

logger = logging.getLogger(__name__)


class RedactTokens(logging.Filter):
    """Masks ``?token=...`` in the request lines uvicorn logs (``serve -v``).

    Feed readers can only send the token in the URL; the access log keeps the
    request, never the token.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's URL arguments in place; drop nothing."""
        if record.args and isinstance(record.args, tuple):
            record.args = tuple(
                redact_query(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif not record.args and isinstance(record.msg, str):
            record.msg = redact_query(record.msg)
        return True


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind ``host:port`` now, so a busy port is reported in one line before serving."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageProblem(f"--host: cannot listen on {host!r}: {exc.strerror}") from None
    family, kind, proto, _name, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise UsageProblem(f"--port: cannot listen on {host}:{port}: {exc.strerror}") from None
    return sock


@click.command()
@click.option("--host", help="Address to listen on (default: api.host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), help="Port (default: api.port, 8080).")
@pass_app
def serve(app: AppContext, host: str | None, port: int | None) -> None:
    """Serve the JSON API (/api/v1), Atom feeds (/feeds) and the web page until stopped.

    Beyond a loopback address an API token is required (api.token or
    NEWSMON_API_TOKEN); every request must then present it.
    """
    import uvicorn

    from newsmon.web.app import create_app
    from newsmon.web.auth import is_loopback

    settings = app.settings
    host = host or settings.api.host
    port = settings.api.port if port is None else port
    if settings.api.token is None and not is_loopback(host):
        raise UsageProblem(
            f"api.token: serving on {host} needs an API token; set api.token in the "
            "configuration or NEWSMON_API_TOKEN (or serve on 127.0.0.1)"
        )
    web_app = create_app(settings, app.sessions)
    sock = listening_socket(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
    click.echo(f"newsmon: serving http://{shown}:{bound_port}/ (API: /api/v1, feeds: /feeds)")
    if settings.api.token is None:
        click.echo("newsmon: no API token set: only this machine can connect")
    level = logging.getLogger().level
    # -v shows each request; uvicorn's own lines otherwise stay at warnings and errors.
    config = uvicorn.Config(
        web_app, log_level=max(level, logging.INFO), access_log=level <= logging.INFO
    )
    # After uvicorn.Config, which (re)configures its loggers.
    for name in ("uvicorn.access", "uvicorn.error"):
        logging.getLogger(name).addFilter(RedactTokens())
    # Everything loaded so far lives as long as the server: keep it out of the
    # collector's full passes, which otherwise add ~80 ms to one request in ten.
    gc.collect()
    gc.freeze()
    uvicorn.Server(config).run(sockets=[sock])
