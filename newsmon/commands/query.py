"""``newsmon status|history|events|articles``: what the store knows."""

from __future__ import annotations

from typing import Any

import click

from newsmon.cli_context import AppContext, UsageProblem, pass_app
from newsmon.dateoptions import ACCEPTED, parse_moment
from newsmon.output import JsonFormat, json_options, print_rows
from newsmon.storage import browse, browse_articles
from newsmon.storage.browse import TimeOrder
from newsmon.storage.views import entry_fields


def _canonical_show(app: AppContext, name: str) -> str:
    """The catalog's title for ``name`` (title or alias), or ``name`` as given."""
    catalog_path = app.settings.catalog
    if catalog_path is None:
        return name
    from newsmon.detector.catalog import Catalog

    return Catalog.load(catalog_path).canonical(name) or name


_CHANGE_COLUMNS = (
    "season",
    "facet",
    "from",
    "to",
    "certainty",
    "as_of",
    "detected_at",
    "quiet",
    "evidence",
    "article_url",
)
"""The table columns of a change or a claim, in ``history`` and ``events`` alike."""


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A listing row: ``article_url`` beside the nested article, a copy's original as its id.

    History and events print these rows in JSON too (the API's keys, and the
    ``article_url`` the CLI always printed); articles only in a table, their
    JSON keeping the API's nested ``duplicate_of``.
    """
    flat = dict(row)
    if isinstance(row.get("article"), dict):
        flat["article_url"] = row["article"]["url"]
    if isinstance(row.get("duplicate_of"), dict):
        flat["duplicate_of"] = row["duplicate_of"]["id"]
    return flat


@click.command()
@click.argument("show", required=False)
@json_options
@pass_app
def status(app: AppContext, show: str | None, as_json: JsonFormat) -> None:
    """Current stage (with its certainty) and release window of every production (or of SHOW).

    Each stage shows how many outlets reported it (``outlet_count``; JSON:
    ``outlets`` with their articles, and the same for the release), when it
    happened (``as_of``) and when newsmon learnt it (``detected_at``).

    Without SHOW, a table of the sources follows: ``baselined`` (its news
    alerts), ``pending`` (its next poll is its baseline: stored and read,
    alerting nobody) or ``off`` (``baseline: false``).
    """
    wanted = _canonical_show(app, show) if show else None
    configured = {source.name: source.baseline for source in app.settings.sources}
    with app.sessions() as session:
        rows = browse.status(session, show=wanted)
        sources = browse.source_baselines(session, configured) if not show else []
    if show and not rows:
        raise UsageProblem(f"no status is stored for show {show!r}")
    print_rows(
        rows,
        ["show", "season", "stage", "certainty", "outlet_count", "as_of", "release", "detected_at"],
        as_json=as_json,
        optional=["detected_at", "as_of", "outlet_count"],
    )
    if sources and not as_json:
        click.echo()
        print_rows(sources, ["source", "baseline", "baselined_at"], as_json=False)


ORDER_OPTION = click.option(
    "--order",
    type=click.Choice(["happened", "detected"]),
    default=None,
    help="happened: by when each change happened (as_of); detected: as newsmon learnt them. "
    "Default: happened for the table, detected with --json/--jsonl.",
)


def _order(order: str | None, as_json: JsonFormat) -> TimeOrder:
    """A table is a timeline a person reads; JSON is paged through by programs."""
    if order == "happened" or (order is None and not as_json):
        return "happened"
    return "detected"


@click.command()
@click.argument("show")
@ORDER_OPTION
@json_options
@pass_app
def history(app: AppContext, show: str, order: str | None, as_json: JsonFormat) -> None:
    """Every claim and change for SHOW, oldest first, with evidence and article.

    Each row has when it happened (``as_of``) and when newsmon learnt it
    (``detected_at``). ``quiet`` says why a change sent no alert: ``baseline`` or ``old``.
    """
    with app.sessions() as session:
        stored = browse.resolve_show(session, _canonical_show(app, show))
        found = (
            browse.show_timeline(session, stored, order=_order(order, as_json))
            if stored is not None
            else []
        )
    rows = [_flat(entry_fields(entry)) for entry in found]
    if not rows:
        raise UsageProblem(f"nothing is stored for show {show!r}")
    print_rows(
        rows,
        ["kind", *_CHANGE_COLUMNS],
        as_json=as_json,
        widths={"article_url": 60},
        wrap="evidence",
        optional=["article_url", "certainty", "quiet", "detected_at"],
    )


@click.command()
@click.option("--since", help=f"Only events detected at or after this: {ACCEPTED}.")
@click.option("--show", help="Only events of this show.")
@ORDER_OPTION
@json_options
@pass_app
def events(
    app: AppContext, since: str | None, show: str | None, order: str | None, as_json: JsonFormat
) -> None:
    """Change events: the table in the order they happened, JSON in the order they were detected.

    Each has when it happened (``as_of``) and when newsmon learnt it
    (``detected_at``); ``--since`` is a detection time.
    """
    since_time = parse_moment(since, option="--since") if since is not None else None
    wanted = _canonical_show(app, show) if show else None
    with app.sessions() as session:
        stored = browse.resolve_show(session, wanted) if wanted is not None else None
        found = (
            browse.event_page(session, show=stored, since=since_time, limit=None)[0]
            if wanted is None or stored is not None
            else []
        )
    if _order(order, as_json) == "happened":
        found = browse.happened_first(found)
    rows = [_flat(event.fields()) for event in found]
    print_rows(
        rows,
        ["show", *_CHANGE_COLUMNS],
        as_json=as_json,
        widths={"show": 40, "article_url": 60},
        wrap="evidence",
        optional=["article_url", "certainty", "quiet", "detected_at", "as_of"],
    )


@click.command()
@click.option(
    "--search", help="Only articles matching these words (full-text search), best matches first."
)
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 100_000))
@json_options
@pass_app
def articles(app: AppContext, search: str | None, limit: int, as_json: JsonFormat) -> None:
    """Stored articles, newest first."""
    with app.sessions() as session:
        ids = browse_articles.article_ids(session, search=search, limit=limit)
        rows = browse_articles.article_rows(session, ids, with_text=False)
    print_rows(
        rows if as_json else [_flat(row) for row in rows],
        ["id", "published", "headline", "url", "duplicate_of"],
        as_json=as_json,
        widths={"headline": 60, "url": 70},
        optional=["duplicate_of", "published"],
    )
