"""The ``newsmon`` command: one entry point for crawling, alerts, queries and tools."""

from __future__ import annotations

import logging

import click

from newsmon.cli_context import AppContext, NewsmonGroup
from newsmon.commands import (
    alerts,
    catalog,
    crawl,
    db,
    demo,
    evaluate,
    explain,
    extract,
    prune,
    query,
    run,
    serve,
)
from newsmon.service.logs import LogFormat, configure_logging

DETECTING_COMMANDS = frozenset({"crawl", "run"})
"""Commands that read articles for statuses: without a catalog they warn that none will be found."""


@click.group(cls=NewsmonGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsmon", prog_name="newsmon", message="%(prog)s %(version)s")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="NEWSMON_CONFIG",
    help="YAML configuration file (default: $NEWSMON_CONFIG, then ./newsmon.yaml).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    envvar="NEWSMON_LOG_FORMAT",
    show_default=True,
    help="Log lines as text, or as one JSON object per line (for log collectors).",
)
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: int, log_format: LogFormat) -> None:
    """Watch entertainment news and alert when a show's production status changes."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    configure_logging(level, log_format)
    # Alembic announces each plugin and migration context at INFO on every start;
    # that is noise unless debugging (-vv).
    logging.getLogger("alembic").setLevel(logging.DEBUG if verbose >= 2 else logging.WARNING)
    ctx.obj = AppContext(
        config_path,
        detects=ctx.invoked_subcommand in DETECTING_COMMANDS,
        json_logs=log_format == "json",
    )


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
    explain.explain,
    catalog.catalog,
    demo.demo,
    run.run,
    serve.serve,
):
    main.add_command(command)
