"""``newsmon run``: the background service."""

from __future__ import annotations

from pathlib import Path

import click

from newsmon.app import AppContext, pass_app


@click.command()
@pass_app
def run(app: AppContext) -> None:
    """Poll every source on its schedule and send alerts until stopped (SIGTERM/SIGINT)."""
    import logging

    from scheduler import run_service

    logging.getLogger().setLevel(min(logging.getLogger().level, logging.INFO))
    config_path = Path(app.config_path).resolve() if app.config_path else None
    run_service(app.settings, app.sessions, config_path)
