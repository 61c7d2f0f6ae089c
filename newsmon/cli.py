"""The ``newsmon`` command: one entry point for crawling, alerts, queries and tools."""

from __future__ import annotations

import importlib
import logging
from typing import Any, NamedTuple

import click

from newsmon.service.logs import LogFormat, configure_logging

DETECTING_COMMANDS = frozenset({"crawl", "run"})
"""Commands that read articles for statuses: without a catalog they warn that none will be found."""


class Subcommand(NamedTuple):
    """Where a command lives, and the line ``newsmon --help`` shows for it."""

    target: str
    """``module:attribute`` of the click command."""
    summary: str
    """Its short help, kept here so ``--help`` imports no command (a test keeps them equal)."""


SUBCOMMANDS: dict[str, Subcommand] = {
    "db": Subcommand(
        "newsmon.commands.db:db",
        "Manage the store's schema.",
    ),
    "crawl": Subcommand(
        "newsmon.commands.crawl:crawl",
        "Crawl the configured sources once, then send the alerts it caused.",
    ),
    "extract": Subcommand(
        "newsmon.commands.extract:extract",
        "Extract the article of each saved HTML page (plain or .html.gz).",
    ),
    "alerts": Subcommand(
        "newsmon.commands.alerts:alerts",
        "Send and inspect alert deliveries and channels.",
    ),
    "status": Subcommand(
        "newsmon.commands.query:status",
        "Current stage (with its certainty) and release window of every production (or of SHOW).",
    ),
    "history": Subcommand(
        "newsmon.commands.query:history",
        "Every claim and change for SHOW, oldest first, with evidence and article.",
    ),
    "events": Subcommand(
        "newsmon.commands.query:events",
        "Change events: the table in the order they happened, JSON in the order they were"
        " detected.",
    ),
    "articles": Subcommand(
        "newsmon.commands.query:articles",
        "Stored articles, newest first.",
    ),
    "prune": Subcommand(
        "newsmon.commands.prune:prune",
        "Remove the text of articles published before a horizon.",
    ),
    "eval": Subcommand(
        "newsmon.commands.evaluate:eval_command",
        "Run the detector over CORPUS_DIR (FORMAT.md layout) and score it.",
    ),
    "explain": Subcommand(
        "newsmon.commands.explain:explain",
        "Show every claim one article makes, with evidence and rule, and what it would change.",
    ),
    "catalog": Subcommand(
        "newsmon.commands.catalog:catalog",
        "The catalog of watched shows: list it, extend it, see what the press suggests.",
    ),
    "demo": Subcommand(
        "newsmon.commands.demo:demo",
        "Crawl a local demo news site in two rounds and show the alerts as they arrive.",
    ),
    "run": Subcommand(
        "newsmon.commands.run:run",
        "Poll every source on its schedule and send alerts until stopped (SIGTERM/SIGINT/SIGHUP).",
    ),
    "serve": Subcommand(
        "newsmon.commands.serve:serve",
        "Serve the JSON API (/api/v1), Atom feeds (/feeds) and the web page until stopped.",
    ),
}
"""Each command's module, imported only when that command runs: `newsmon status` does not
load Scrapy, and `newsmon crawl` does not load the web server."""


class LazyNewsmonGroup(click.Group):
    """The ``newsmon`` group, importing a command's module when the command is asked for.

    Nothing beyond click is imported until a command runs, so ``newsmon --help`` and
    ``--version`` start about as fast as Python itself.
    """

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; report configuration and database problems in one line."""
        from newsmon.cli_context import USER_ERROR_EXIT
        from newsmon.config import ConfigError
        from newsmon.storage.db import DatabaseError

        try:
            return super().invoke(ctx)
        except (ConfigError, DatabaseError) as exc:
            click.echo(f"newsmon: error: {exc}", err=True)
            ctx.exit(USER_ERROR_EXIT)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """All command names, without importing them."""
        return sorted({*SUBCOMMANDS, *super().list_commands(ctx)})

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their summaries, importing none of them."""
        rows = [(name, SUBCOMMANDS[name].summary) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command called ``cmd_name``, its module imported on first use."""
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, attribute = target.target.split(":")
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
    from newsmon.cli_context import AppContext

    ctx.obj = AppContext(
        config_path,
        detects=ctx.invoked_subcommand in DETECTING_COMMANDS,
        json_logs=log_format == "json",
    )
