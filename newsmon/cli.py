"""The ``newsmon`` command: one entry point for crawling, alerts, queries and tools."""

from __future__ import annotations

import logging

import click

from newsmon.app import AppContext, NewsmonGroup
from newsmon.commands import alerts, crawl, db, demo, evaluate, extract, prune, query, run, serve


@click.group(cls=NewsmonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="NEWSMON_CONFIG",
    help="YAML configuration file (default: $NEWSMON_CONFIG, then ./newsmon.yaml).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """Watch entertainment news and alert when a show's production status changes."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    ctx.obj = AppContext(config_path)


for command in (
    db.db,
    crawl.crawl,
    extract.extract,
    alerts.alerts,
    query.status,
    query.history,
    query.events,
    query.articles,
    prune.prune,
    evaluate.eval_command,
    demo.demo,
    run.run,
    serve.serve,
):
    main.add_command(command)
