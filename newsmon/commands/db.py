"""``newsmon db``: the store's schema."""

from __future__ import annotations

import click
from sqlalchemy.engine import make_url

from newsmon.cli_context import AppContext, pass_app


@click.group()
def db() -> None:
    """Manage the store's schema."""


@db.command("upgrade")
@pass_app
def upgrade(app: AppContext) -> None:
    """Bring the database to the latest migration."""
    app.sessions  # noqa: B018 - opening the store migrates it
    url = make_url(app.settings.database_url).render_as_string(hide_password=True)
    click.echo(f"database is at the latest migration: {url}")
