"""``newsmon demo``: see the whole path work on this machine, in under a minute."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsmon.config import default_data_dir


@click.command()
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the demo keeps its store and config (default: <data dir>/demo; emptied first).",
)
def demo(workdir: Path | None) -> None:
    """Crawl a local demo news site in two rounds and show the alerts as they arrive."""
    from newsmon.demo.run import run_demo

    code = run_demo(workdir or default_data_dir() / "demo", click.echo)
    sys.exit(code)
