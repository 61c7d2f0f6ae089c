"""``newsmon crawl``: one pass over the configured sources."""

from __future__ import annotations

import click

from newsmon.app import AppContext, UsageProblem, pass_app
from newsmon.commands.alerts import send_pending


@click.command()
@click.option(
    "--source", "only", multiple=True, help="Crawl only this source (repeatable; default: all)."
)
@click.option("--no-send", is_flag=True, help="Leave pending alerts for `newsmon alerts send`.")
@pass_app
def crawl(app: AppContext, only: tuple[str, ...], no_send: bool) -> None:
    """Crawl the configured sources once, then send the alerts it caused."""
    from crawler.run import CrawlError, run_crawl

    settings = app.settings
    if not settings.sources:
        raise UsageProblem("sources: no source is configured, so there is nothing to crawl")
    if only:
        known = {source.name for source in settings.sources}
        unknown = [name for name in only if name not in known]
        if unknown:
            raise UsageProblem(f"--source: no source named {unknown[0]!r} in the configuration")
        chosen = [source for source in settings.sources if source.name in only]
        settings = settings.model_copy(update={"sources": chosen})
    app.sessions  # noqa: B018 - migrate before the crawl's pipelines open the store
    try:
        summary = run_crawl(settings)
    except CrawlError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(summary.render())
    if not no_send:
        send_pending(app, include_not_due=False, dry_run=False)
