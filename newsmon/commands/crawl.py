"""``newsmon crawl``: one pass over every configured source."""

from __future__ import annotations

import click

from newsmon.app import AppContext, UsageProblem, pass_app
from newsmon.commands.alerts import send_pending


@click.command()
@click.option("--no-send", is_flag=True, help="Leave pending alerts for `newsmon alerts send`.")
@pass_app
def crawl(app: AppContext, no_send: bool) -> None:
    """Crawl every configured source once, then send the alerts it caused."""
    from crawler.run import run_crawl

    settings = app.settings
    if not settings.sources:
        raise UsageProblem("sources: no source is configured, so there is nothing to crawl")
    app.sessions  # noqa: B018 - migrate before the crawl's pipelines open the store
    summary = run_crawl(settings)
    click.echo(summary.render())
    if not no_send:
        send_pending(app, include_not_due=False, dry_run=False)
