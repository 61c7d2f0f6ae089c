"""``newsmon eval``: score the detector on a labelled corpus."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsmon.cli_context import UsageProblem


@click.command("eval")
@click.argument("corpus_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="End with one JSON line of figures.")
def eval_command(corpus_dir: Path, as_json: bool) -> None:
    """Run the detector over CORPUS_DIR (FORMAT.md layout) and score it."""
    from newsmon.evaluate import evaluate

    if not corpus_dir.is_dir():
        raise UsageProblem(f"{corpus_dir}: no such corpus folder")
    try:
        report = evaluate(corpus_dir)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(report.render_text())
    if as_json:
        click.echo(json.dumps(report.to_json()))
