"""``newsmon crawl``: one pass over the configured sources."""

from __future__ import annotations

import json

import click

from newsmon.app import AppContext, UsageProblem, pass_app
from newsmon.commands.alerts import send_pending


@click.command()
@click.option(
    "--source", "only", multiple=True, help="Crawl only this source (repeatable; default: all)."
)
@click.option("--no-send", is_flag=True, help="Leave pending alerts for `newsmon alerts send`.")
@click.option(
    "--time-limit",
    type=click.FloatRange(min=1),
    help="Stop gracefully after this many seconds, as on Ctrl-C; the next crawl carries on.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the crawl summary as JSON.")
@pass_app
def crawl(
    app: AppContext,
    only: tuple[str, ...],
    no_send: bool,
    time_limit: float | None,
    as_json: bool,
) -> None:
    """Crawl the configured sources once, then send the alerts it caused.

    Ctrl-C (SIGINT) or SIGTERM stops the crawl gracefully: pages in flight
    are read and their articles stored; a second signal stops at once.
    """
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
        summary = run_crawl(settings, time_limit=time_limit)
    except CrawlError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(summary.as_dict()) if as_json else summary.render())
    if not no_send:
        send_pending(app, include_not_due=False, dry_run=False)
