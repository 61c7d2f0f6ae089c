"""The ``newsmon`` command: one entry point for crawling, alerts, queries and tools."""

from __future__ import annotations

import importlib
import logging

import click

from newsmon.cli_context import AppContext, NewsmonGroup
from newsmon.service.logs import LogFormat, configure_logging

DETECTING_COMMANDS = frozenset({"crawl", "run"})
"""Commands that read articles for statuses: without a catalog they warn that none will be found."""


SUBCOMMANDS: dict[str, str] = {
    "db": "newsmon.commands.db:db",
    "crawl": "newsmon.commands.crawl:crawl",
    "extract": "newsmon.commands.extract:extract",
    "alerts": "newsmon.commands.alerts:alerts",
    "status": "newsmon.commands.query:status",
    "history": "newsmon.commands.query:history",
    "events": "newsmon.commands.query:events",
    "articles": "newsmon.commands.query:articles",
    "prune": "newsmon.commands.prune:prune",
    "eval": "newsmon.commands.evaluate:eval_command",
    "explain": "newsmon.commands.explain:explain",
    "catalog": "newsmon.commands.catalog:catalog",
    "demo": "newsmon.commands.demo:demo",
    "run": "newsmon.commands.run:run",
    "serve": "newsmon.commands.serve:serve",
}
"""Each command's module, imported only when that command runs: `newsmon status` does not
load Scrapy, and `newsmon crawl` does not load the web server."""


class LazyNewsmonGroup(NewsmonGroup):
    """The ``newsmon`` group, importing a command's module when the command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """All command names, without importing them."""
        return sorted({*SUBCOMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, its module imported on first use."""
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command


@click.group(cls=LazyNewsmonGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
