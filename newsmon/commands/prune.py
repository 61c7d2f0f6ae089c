"""``newsmon prune --older-than 180d``: retention for article texts."""

from __future__ import annotations

import datetime as dt

import click

from newsmon.cli_context import AppContext, pass_app
from newsmon.dateoptions import parse_day
from newsmon.storage.db import unit_of_work
from newsmon.storage.retention import PruneCount, plan_prune, prune_batch, unread_old_articles


def parse_horizon(value: str, *, today: dt.date) -> dt.date:
    """Return the first publication date kept: today minus an age (30d, 8w, 1y), or a date."""
    return parse_day(value, option="--older-than", today=today)


def _describe(count: PruneCount) -> str:
    megabytes = count.bytes / 1_000_000
    return (
        f"the text of {count.articles} article{'s' * (count.articles != 1)} and "
        f"{count.versions} earlier version{'s' * (count.versions != 1)} ({megabytes:.1f} MB)"
    )


@click.command()
@click.option(
    "--older-than",
    "older_than",
    required=True,
    help="Age (180d, 8w, 1y), today, yesterday or date (2025-01-31): prune articles "
    "published before it.",
)
@click.option("--dry-run", is_flag=True, help="Only say what would be removed.")
@click.option(
    "--batch-size",
    default=1000,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Articles pruned per transaction.",
)
@pass_app
def prune(app: AppContext, older_than: str, dry_run: bool, batch_size: int) -> None:
    """Remove the text of articles published before a horizon.

    Claims, change events and their evidence are kept, and so are the article
    rows (URL, headline, dates), so history still links to them; copies of a
    pruned article are still recognised as duplicates.
    """
    before = parse_horizon(older_than, today=dt.datetime.now(dt.UTC).date())
    with unit_of_work(app.sessions) as session:
        unread = unread_old_articles(session, before=before)
        planned = plan_prune(session, before=before) if dry_run else None
    if planned is not None:
        click.echo(f"would remove {_describe(planned)}, published before {before}")
    else:
        total = PruneCount()
        last_id: int | None = 0
        while last_id is not None:
            with unit_of_work(app.sessions) as session:
                done, last_id = prune_batch(
                    session, before=before, after_id=last_id, limit=batch_size
                )
            total += done
        click.echo(f"removed {_describe(total)}, published before {before}")
        if total.articles and app.settings.database_url.startswith("sqlite"):
            click.echo("SQLite reuses the freed space; run VACUUM on the file to shrink it")
    click.echo("kept: claims, change events, evidence, and each article's URL, headline and dates")
    if unread:
        click.echo(
            f"kept whole: {unread} old article{'s' * (unread != 1)} not yet read by the detector"
        )
