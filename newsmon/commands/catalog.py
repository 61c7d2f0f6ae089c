"""``newsmon catalog list|suggest|add|import``: see and extend the shows newsmon watches."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsmon.catalogfile import (
    CatalogFileError,
    Entry,
    Plan,
    append_entries,
    plan_additions,
    read_entries,
    read_import,
)
from newsmon.cli_context import AppContext, UsageProblem, pass_app
from newsmon.detector.catalog import KINDS
from newsmon.output import JsonFormat, json_options, print_json, print_rows

if TYPE_CHECKING:
    from newsmon.storage.suggestions import SuggestedTitle


def _catalog_path(app: AppContext, explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    configured = app.settings.catalog
    if configured is None:
        raise UsageProblem(
            "no catalog file is configured: set 'catalog:' in the config or pass --catalog FILE"
        )
    return configured


catalog_option = click.option(
    "--catalog",
    "catalog_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Catalog file to use instead of the configured one.",
)


@click.group()
def catalog() -> None:
    """The catalog of watched shows: list it, extend it, see what the press suggests."""


@catalog.command("list")
@catalog_option
@json_options
@pass_app
def list_command(app: AppContext, catalog_file: Path | None, as_json: JsonFormat) -> None:
    """Every show in the catalog: its title, kind (series or film) and aliases."""
    path = _catalog_path(app, catalog_file)
    try:
        entries = read_entries(path)
    except CatalogFileError as exc:
        raise UsageProblem(str(exc)) from None
    rows = [{"title": e.title, "kind": e.kind, "aliases": list(e.aliases)} for e in entries]
    if as_json:
        print_json(rows, as_json)
        return
    table = [{**row, "aliases": ", ".join(row["aliases"])} for row in rows]
    print_rows(table, ["title", "kind", "aliases"], as_json=None, widths={"aliases": 70})


@catalog.command()
@catalog_option
@click.option("--min-articles", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only titles seen in at least this many articles.")  # fmt: skip
@click.option("--evidence", "evidence_count", type=click.IntRange(min=0), default=1,
              show_default=True, help="Evidence sentences to print per title.")  # fmt: skip
@json_options
@pass_app
def suggest(
    app: AppContext,
    catalog_file: Path | None,
    min_articles: int,
    evidence_count: int,
    as_json: JsonFormat,
) -> None:
    """Shows not in the catalog that articles gave a status, most often seen first."""
    from newsmon.detector.catalog import Catalog
    from newsmon.detector.suggest import looks_like_title
    from newsmon.storage.suggestions import list_suggestions

    path = _catalog_path(app, catalog_file)
    try:
        known = Catalog.load(path) if path.exists() else Catalog([])
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    with app.sessions() as session:
        found = list_suggestions(
            session,
            # Rows stored before a title filter existed are held to it too.
            known=lambda title: known.canonical(title) is not None or not looks_like_title(title),
            min_articles=min_articles,
            evidence_per_title=max(evidence_count, 1) if as_json else evidence_count,
        )
    if as_json:
        print_json([_suggestion_json(item) for item in found], as_json)
        return
    if not found:
        click.echo("No suggestions: no article has given a status to a show outside the catalog.")
        return
    for item in found:
        plural = "s" if item.articles != 1 else ""
        click.echo(
            f"{item.title}  ({item.articles} article{plural}, "
            f"first seen {item.first_seen}, last seen {item.last_seen})"
        )
        for ev in item.evidence[:evidence_count]:
            season = "" if ev.season is None else f" season {ev.season}"
            click.echo(f"    {ev.published}{season} {ev.facet}={ev.value} ({ev.certainty}, "
                       f"{ev.rule_id}): {_short(ev.evidence)}")  # fmt: skip
            click.echo(f"      {ev.article_url}")
    click.echo(f'Add one with: newsmon catalog add "{found[0].title}" [--alias NAME ...]')


@catalog.command()
@click.argument("title")
@click.option("--alias", "aliases", multiple=True, help="Another name of the show (repeatable).")
@click.option("--kind", type=click.Choice(KINDS), default="series", show_default=True,
              help="series (claims per season) or film (claims on the whole film).")  # fmt: skip
@catalog_option
@pass_app
def add(
    app: AppContext, title: str, aliases: tuple[str, ...], kind: str, catalog_file: Path | None
) -> None:
    """Add the show TITLE (and its aliases) to the catalog file."""
    if not title.strip() or any(not a.strip() for a in aliases):
        raise UsageProblem("titles and aliases must not be empty")
    path = _catalog_path(app, catalog_file)
    entry = Entry(
        title=title.strip(), aliases=tuple(dict.fromkeys(a.strip() for a in aliases)), kind=kind
    )
    plan = _plan(path, [entry])
    if plan.duplicates:
        raise UsageProblem(f"{title!r} is already in the catalog {path}; nothing to add")
    _apply(path, plan)


@catalog.command("import")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@catalog_option
@click.option("--dry-run", is_flag=True, help="Report what would be added; change nothing.")
@pass_app
def import_command(app: AppContext, source: Path, catalog_file: Path | None, dry_run: bool) -> None:
    """Add the shows of SOURCE to the catalog file.

    SOURCE is a YAML list of {title, aliases, kind} or a CSV file with
    'title', 'aliases' and 'kind' columns, aliases separated by '|' or ';';
    kind is series (the default) or film. Shows already in the catalog are
    skipped; if any name would mean two different shows, nothing is added.
    """
    path = _catalog_path(app, catalog_file)
    try:
        new = read_import(source)
    except CatalogFileError as exc:
        raise UsageProblem(str(exc)) from None
    plan = _plan(path, new)
    if plan.duplicates:
        click.echo(
            f"skipped {len(plan.duplicates)} already in the catalog: " + ", ".join(plan.duplicates)
        )
    if dry_run:
        _check_conflicts(plan)
        click.echo(f"would add {len(plan.added)} shows to {path} (dry run, nothing written)")
        return
    _apply(path, plan)


def _plan(path: Path, new: list[Entry]) -> Plan:
    try:
        return plan_additions(read_entries(path), new)
    except CatalogFileError as exc:
        raise UsageProblem(str(exc)) from None


def _check_conflicts(plan: Plan) -> None:
    if plan.conflicts:
        raise UsageProblem(
            f"nothing added, {len(plan.conflicts)} conflicting: " + "; ".join(plan.conflicts)
        )


def _apply(path: Path, plan: Plan) -> None:
    _check_conflicts(plan)
    if not plan.added:
        click.echo(f"nothing to add to {path}")
        return
    try:
        kept = append_entries(path, plan.added)
    except (CatalogFileError, OSError) as exc:
        raise UsageProblem(f"{path}: {exc}" if isinstance(exc, OSError) else str(exc)) from None
    titles = ", ".join(e.title for e in plan.added)
    click.echo(f"added {len(plan.added)} to {path}: {titles}")
    if not kept:
        click.echo(f"note: {path} was rewritten from its entries; its comments were not kept")


def _suggestion_json(item: SuggestedTitle) -> dict[str, Any]:
    return {
        "title": item.title,
        "articles": item.articles,
        "first_seen": item.first_seen.isoformat(),
        "last_seen": item.last_seen.isoformat(),
        "evidence": [
            {
                "published": ev.published.isoformat(),
                "season": ev.season,
                "facet": ev.facet,
                "value": ev.value,
                "certainty": ev.certainty,
                "rule_id": ev.rule_id,
                "evidence": ev.evidence,
                "article_url": ev.article_url,
            }
            for ev in item.evidence
        ],
    }


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
