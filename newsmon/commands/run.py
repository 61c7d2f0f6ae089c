"""``newsmon run``: the background service."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from newsmon.cli_context import AppContext, pass_app

logger = logging.getLogger(__name__)


@click.command()
@click.option(
    "--dispatch-only",
    is_flag=True,
    help="Only send alerts (no polls, no health checks): an extra dispatcher on another "
    "machine sharing a PostgreSQL store.",
)
@pass_app
def run(app: AppContext, dispatch_only: bool) -> None:
    """Poll every source on its schedule and send alerts until stopped (SIGTERM/SIGINT/SIGHUP).

    Each poll runs `newsmon crawl` in a child process; alerts leave within
    seconds; a source that keeps failing or falls silent is reported once,
    and again when it recovers. /healthz and /metrics listen on
    service.metrics_host:service.metrics_port (127.0.0.1:9465; port 0: off).
    On SIGTERM, SIGINT or SIGHUP running crawls finish their items (or are
    killed after service.shutdown_grace), pending alerts stay pending, and it
    exits 0. Crawls never outlive the service, even when it is killed.
    """
    from newsmon.scheduler import run_service

    root = click.get_current_context().find_root().params
    verbose = int(root.get("verbose") or 0)
    if logging.getLogger().level > logging.INFO:
        # A service logs what it does: one line per crawl, dispatch and health change.
        logging.getLogger().setLevel(logging.INFO)
    settings = app.settings
    if dispatch_only and settings.database_url.startswith("sqlite"):
        logger.warning(
            "--dispatch-only on SQLite: run one dispatcher per SQLite database "
            "(several share the outbox safely only on PostgreSQL)"
        )
    config_path = Path(app.config_path).resolve() if app.config_path else None
    run_service(
        settings,
        app.sessions,
        config_path,
        log_format=str(root.get("log_format") or "text"),
        child_verbosity=max(0, verbose - 1),
        dispatch_only=dispatch_only,
    )
