"""Printing query results as a readable table or as JSON lines."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

import click


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _cell(value: Any, width: int | None) -> str:
    text = "" if value is None else str(_plain(value))
    text = " ".join(text.split())
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def print_rows(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    as_json: bool,
    widths: Mapping[str, int] | None = None,
    out: TextIO | None = None,
) -> None:
    """Print ``rows`` as JSON lines (all keys) or as a table of ``columns``."""
    rows = list(rows)
    if as_json:
        for row in rows:
            click.echo(
                json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False), file=out
            )
        return
    if not rows:
        click.echo("(nothing stored yet)", file=out)
        return
    widths = widths or {}
    table = [[_cell(row.get(col), widths.get(col)) for col in columns] for row in rows]
    sizes = [max(len(col), *(len(line[i]) for line in table)) for i, col in enumerate(columns)]
    click.echo(
        "  ".join(col.ljust(size) for col, size in zip(columns, sizes, strict=True)).rstrip(),
        file=out,
    )
    click.echo("  ".join("-" * size for size in sizes), file=out)
    for line in table:
        click.echo(
            "  ".join(cell.ljust(size) for cell, size in zip(line, sizes, strict=True)).rstrip(),
            file=out,
        )
