"""Printing listings: a table that fits the terminal, one JSON document, or JSON lines.

Every listing command takes ``--json`` (one document: an array of objects
that ``json.load`` reads whole) and ``--jsonl`` (one object per line, for
streaming into line-oriented tools); both carry every key of a row, where
the table shows only some columns.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, TextIO, TypeVar

import click

JsonFormat = Literal["json", "jsonl"] | None
"""How a listing is printed as JSON; None prints a table."""

_Command = TypeVar("_Command", bound=Callable[..., Any])

_GAP = "  "
_MIN_WRAPPED = 20
"""A wrapped column (evidence) keeps at least this many characters per line."""
_MIN_TRUNCATED = 12


def json_options(command: _Command) -> _Command:
    """Add ``--json`` and ``--jsonl`` to a listing command; both set its ``as_json`` argument."""
    command = click.option(
        "--jsonl",
        "as_json",
        flag_value="jsonl",
        default=None,
        help="Print one JSON object per line.",
    )(command)
    return click.option(
        "--json",
        "as_json",
        flag_value="json",
        default=None,
        help="Print one JSON document: an array of objects.",
    )(command)


def plain(value: Any) -> Any:
    """``value`` as JSON writes it: dates and times in ISO 8601, the rest unchanged."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def print_json(items: Sequence[Any], as_json: JsonFormat, *, out: TextIO | None = None) -> None:
    """Print ``items`` as one JSON array (``json``) or one object per line (``jsonl``)."""
    if as_json == "jsonl":
        for item in items:
            click.echo(json.dumps(plain(item), ensure_ascii=False), file=out)
        return
    click.echo(json.dumps([plain(item) for item in items], ensure_ascii=False, indent=2), file=out)


def terminal_width() -> int | None:
    """Columns to fit a table in: ``$COLUMNS``, else the terminal's; None when piped.

    Output read by another program (``| grep``, a file) keeps whole cells.
    """
    if os.environ.get("COLUMNS", "").strip().isdigit() or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def print_rows(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    as_json: JsonFormat | bool,
    widths: Mapping[str, int] | None = None,
    wrap: str | None = None,
    optional: Sequence[str] = (),
    width: int | None = None,
    out: TextIO | None = None,
) -> None:
    """Print ``rows`` as JSON (all keys) or as a table of ``columns`` that fits the terminal.

    ``widths`` caps columns (longer cells end in "…"); those columns also
    shrink, in the order given, when the table is wider than the terminal.
    ``wrap`` names the column (the evidence) that is wrapped onto more lines
    rather than cut, and shrinks first. If the table is still too wide, the
    ``optional`` columns are left out, in that order, until it fits (JSON
    keeps them). ``width`` overrides the terminal's; piped output is not fitted.
    """
    rows = list(rows)
    if as_json:
        print_json(rows, "jsonl" if as_json == "jsonl" else "json", out=out)
        return
    if not rows:
        click.echo("(nothing stored yet)", file=out)
        return
    limit = width if width is not None else terminal_width() or 10**6
    shown = list(columns)
    dropping = [col for col in optional if col in shown]
    while True:
        texts = [[_text(row.get(col)) for col in shown] for row in rows]
        sizes = _fit(texts, shown, dict(widths or {}), wrap, limit)
        if sum(sizes) + len(_GAP) * (len(sizes) - 1) <= limit or not dropping:
            break
        shown.remove(dropping.pop(0))
    click.echo(_join(shown, sizes), file=out)
    click.echo(_GAP.join("-" * size for size in sizes), file=out)
    for line in texts:
        cells = [
            (textwrap.wrap(text, size, break_on_hyphens=False) or [""])
            if col == wrap
            else [_cut(text, size)]
            for text, col, size in zip(line, shown, sizes, strict=True)
        ]
        for depth in range(max(len(cell) for cell in cells)):
            parts = [cell[depth] if depth < len(cell) else "" for cell in cells]
            click.echo(_join(parts, sizes), file=out)


def _text(value: Any) -> str:
    text = "" if value is None else str(plain(value))
    return " ".join(text.split())


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _join(cells: Sequence[str], sizes: Sequence[int]) -> str:
    return _GAP.join(cell.ljust(size) for cell, size in zip(cells, sizes, strict=True)).rstrip()


def _fit(
    texts: Sequence[Sequence[str]],
    columns: Sequence[str],
    caps: Mapping[str, int],
    wrap: str | None,
    width: int,
) -> list[int]:
    """Column sizes: natural, capped, then the wrapped and capped columns shrunk to ``width``."""
    sizes = [
        min(max(len(col), *(len(line[i]) for line in texts)), caps.get(col, 10**6))
        for i, col in enumerate(columns)
    ]
    over = sum(sizes) + len(_GAP) * (len(sizes) - 1) - width
    order = [c for c in caps if c in columns and c != wrap]
    if wrap is not None and wrap in columns:
        order.insert(0, wrap)
    for col in order:
        if over <= 0:
            break
        i = columns.index(col)
        floor = max(_MIN_WRAPPED if col == wrap else _MIN_TRUNCATED, len(col))
        give = min(over, max(0, sizes[i] - floor))
        sizes[i] -= give
        over -= give
    return sizes
