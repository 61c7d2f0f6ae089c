"""``newsmon explain FILE_OR_URL``: what the detector reads in one article, and why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from newsmon.cli_context import AppContext, UsageProblem, pass_app


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date such as 2024-05-10") from None


@click.command()
@click.argument("target", metavar="FILE_OR_URL")
@click.option("--published", callback=_parse_date, metavar="DATE",
              help="Publication date (ISO); default: the page's own date, else today.")  # fmt: skip
@click.option("--catalog", "catalog_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Catalog file to use instead of the configured one.")  # fmt: skip
@click.option("--no-store", is_flag=True,
              help="Show the changes from an empty state, ignoring the store.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
@pass_app
def explain(
    app: AppContext,
    target: str,
    *,
    published: dt.date | None,
    catalog_file: Path | None,
    no_store: bool,
    as_json: bool,
) -> None:
    """Show every claim one article makes, with evidence and rule, and what it would change.

    FILE_OR_URL is a saved page (.html, .html.gz), an article in the corpus
    JSON format, a plain text file (a short first line followed by a blank
    line is its headline) or an http(s) URL, fetched once. Nothing is stored.
    """
    from newsmon.detector.analyze import analyze
    from newsmon.detector.catalog import Catalog
    from newsmon.detector.suggest import suggest
    from newsmon.explain import ExplainError, FetchLimits, load_article, state_changes
    from newsmon.output import plain
    from newsmon.storage.views import EventView

    catalog_path = catalog_file or app.settings.catalog
    if catalog_path is None:
        raise UsageProblem(
            "no catalog file is configured: set 'catalog:' in the config or pass --catalog FILE"
        )
    try:
        catalog = Catalog.load(catalog_path)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    crawl = app.settings.crawl
    limits = FetchLimits(
        user_agent=crawl.user_agent, timeout=crawl.download_timeout, max_bytes=crawl.max_page_bytes
    )
    try:
        loaded = load_article(target, published=published, limits=limits, today=dt.date.today())
    except ExplainError as exc:
        raise UsageProblem(str(exc)) from None
    claims = analyze(loaded.article, catalog)
    history, against = _history(app, claims, no_store)
    now = dt.datetime.now(dt.UTC)
    changes = [
        EventView.of_change(change, loaded.article, now=now)
        for change in state_changes(history, claims)
    ]
    suggestions = suggest(loaded.article, catalog)
    report = {
        "article": {
            "source": target,
            "kind": loaded.kind,
            "url": loaded.article.url,
            "headline": loaded.article.headline,
            "published": loaded.article.published.isoformat(),
            "published_from": loaded.published_from,
        },
        "catalog": str(catalog_path),
        "state": against,
        "claims": [_claim(c) for c in claims],
        "changes": [plain(change.fields()) for change in changes],
        "suggestions": [
            {"title": s.title, "season": s.season, "facet": s.facet, "value": s.value,
             "certainty": s.certainty.name, "rule_id": s.rule_id, "evidence": s.evidence}
            for s in suggestions
        ],
    }  # fmt: skip
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print(report)


def _history(app: AppContext, claims: list[Any], no_store: bool) -> tuple[list[Any], str]:
    """Stored claims for the touched productions, and what the changes are measured against."""
    from sqlalchemy.engine import make_url

    from newsmon.explain import stored_history

    if no_store or not claims:
        return [], "empty"
    url = make_url(app.settings.database_url)
    if url.get_backend_name() == "sqlite" and (
        not url.database or not Path(url.database).expanduser().exists()
    ):
        return [], "empty"  # no store yet: creating one to read nothing would be a side effect
    with app.sessions() as session:
        return stored_history(session, claims), "store"


def _claim(claim: Any) -> dict[str, Any]:
    return {
        "show": claim.show,
        "season": claim.season,
        "facet": claim.facet,
        "value": claim.value,
        "certainty": claim.certainty.name,
        "as_of": claim.as_of,
        "rule_id": claim.rule_id,
        "evidence": claim.evidence,
    }


def _production(item: dict[str, Any]) -> str:
    return item["show"] if item["season"] is None else f"{item['show']} (season {item['season']})"


def _print(report: dict[str, Any]) -> None:
    article = report["article"]
    click.echo(f"Article: {article['headline'] or '(no headline)'}")
    click.echo(f"  {article['url']}")
    click.echo(f"  published {article['published']} (from {article['published_from']})")
    claims = report["claims"]
    click.echo(f"\nClaims ({len(claims)}):" if claims else "\nNo claims about catalog shows.")
    for number, claim in enumerate(claims, start=1):
        click.echo(
            f"  {number}. {_production(claim)}: {claim['facet']} = {claim['value']}"
            f"  [{claim['certainty']}, as of {claim['as_of']}]"
        )
        click.echo(f"     rule: {claim['rule_id']}")
        click.echo(f"     evidence: {claim['evidence']}")
    against = "the store" if report["state"] == "store" else "an empty state"
    changes = report["changes"]
    if claims:
        click.echo(f"\nState changes against {against} ({len(changes)}):")
        if not changes:
            click.echo("  none: the store already holds what this article says")
    for change in changes:
        click.echo(f"  {change['summary']}  [{change['certainty']}, {change['rule']}]")
    if report["suggestions"]:
        titles = sorted({s["title"] for s in report["suggestions"]})
        click.echo(f"\nNot in the catalog, with a status: {', '.join(titles)}")
