"""The ``newsmon`` command: one entry point for crawling, alerts, queries and tools."""

from __future__ import annotations

import importlib
import logging
from typing import Any

import click

from newsmon.entry import (
    CONFIG_HELP,
    DESCRIPTION,
    LOG_FORMAT_HELP,
    SUBCOMMANDS,
    VERBOSE_HELP,
    Subcommand,
)
from newsmon.service.logs import LogFormat, configure_logging

__all__ = ["DETECTING_COMMANDS", "SUBCOMMANDS", "LazyNewsmonGroup", "Subcommand", "main"]

DETECTING_COMMANDS = frozenset({"crawl", "run"})
"""Commands that read articles for statuses: without a catalog they warn that none will be found."""


class LazyNewsmonGroup(click.Group):
    """The ``newsmon`` group, importing a command's module when the command is asked for.

    Nothing beyond click is imported until a command runs. (``newsmon --help`` and
    ``--version`` from the command line do not even get here: :mod:`newsmon.entry`.)
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


@click.group(
    cls=LazyNewsmonGroup,
    help=DESCRIPTION,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="newsmon", prog_name="newsmon", message="%(prog)s %(version)s")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="NEWSMON_CONFIG",
    help=CONFIG_HELP,
)
@click.option("-v", "--verbose", count=True, help=VERBOSE_HELP)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    envvar="NEWSMON_LOG_FORMAT",
    show_default=True,
    help=LOG_FORMAT_HELP,
)
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: int, log_format: LogFormat) -> None:
    """The group itself: log set-up, and the settings and store its commands share."""
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
