"""The ``newsmon`` program's entry point, its table of commands, and the answers that need no click.

``newsmon --help`` and ``newsmon --version`` are printed from the table
below without importing click, which would double their time (a bare
Python start is most of what remains); every other command line goes to
:data:`newsmon.cli.main`, which builds its help from the same table. A test
keeps the two renderings equal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NamedTuple

PROGRAM = "newsmon"
DESCRIPTION = "Watch entertainment news and alert when a show's production status changes."
CONFIG_HELP = "YAML configuration file (default: $NEWSMON_CONFIG, then ./newsmon.yaml)."
VERBOSE_HELP = "More log output (-vv for debug)."
LOG_FORMAT_HELP = "Log lines as text, or as one JSON object per line (for log collectors)."


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

# The group's options as click shows them (``Option.get_help_record``), in its order.
_OPTION_ROWS = (
    ("--version", "Show the version and exit."),
    ("--config FILE", CONFIG_HELP),
    ("-v, --verbose", VERBOSE_HELP),
    ("--log-format [text|json]", f"{LOG_FORMAT_HELP}  [default: text]"),
    ("-h, --help", "Show this message and exit."),
)


def run() -> None:
    """``newsmon``: answer ``--help`` and ``--version`` here, anything else through click."""
    arguments = sys.argv[1:]
    if arguments in (["--help"], ["-h"]):
        print(help_text())
    elif arguments == ["--version"]:
        print(f"{PROGRAM} {installed_version()}")
    else:
        from newsmon.cli import main

        main(prog_name=PROGRAM)


def help_text(width: int | None = None) -> str:
    """What ``newsmon --help`` prints, laid out as click lays it out for ``width`` columns."""
    if width is None:
        import shutil

        # click's HelpFormatter: the terminal's width, at most 80, less a margin of 2.
        width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
    lines = [f"Usage: {PROGRAM} [OPTIONS] COMMAND [ARGS]...", ""]
    lines += _wrap(DESCRIPTION, width, "  ", "  ")
    lines += ["", "Options:", *_definitions(_OPTION_ROWS, width), "", "Commands:"]
    lines += _definitions(
        [(name, SUBCOMMANDS[name].summary) for name in sorted(SUBCOMMANDS)], width
    )
    return "\n".join(lines)


def installed_version() -> str:
    """The installed distribution's version, as ``importlib.metadata`` finds it.

    Its ``.dist-info`` folder is named after it (``newsmon-0.1.0.dist-info``),
    found in the same ``sys.path`` order, without importing importlib.metadata
    (as long again as the rest of ``--version``); other layouts ask it.
    """
    prefix, suffix = f"{PROGRAM}-", ".dist-info"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(suffix):
                return name[len(prefix) : -len(suffix)]
    from importlib.metadata import version

    return version(PROGRAM)


def _definitions(rows: Sequence[tuple[str, str]], width: int) -> list[str]:
    """Two columns indented by 2, as click's ``HelpFormatter.write_dl``."""
    first = min(max(len(term) for term, _ in rows), 30) + 2
    lines = []
    for term, text in rows:
        wrapped = _wrap(text, max(width - first - 2, 10), "", "")
        if len(term) <= first - 2:
            lines.append(f"  {term}{' ' * (first - len(term))}{wrapped[0]}")
        else:
            lines += [f"  {term}", f"{' ' * (first + 2)}{wrapped[0]}"]
        lines += [f"{' ' * (first + 2)}{line}" for line in wrapped[1:]]
    return lines


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """``text`` filled to ``width`` columns, as click's ``wrap_text`` fills one paragraph."""
    import textwrap

    wrapper = textwrap.TextWrapper(
        width, initial_indent=first, subsequent_indent=rest, replace_whitespace=False
    )
    return wrapper.wrap(text)
