"""``newsmon crawl``: one pass over the configured sources, or a worker on the shared queue."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

import click

from newsmon.cli_context import AppContext, UsageProblem, pass_app
from newsmon.commands.alerts import send_pending

if TYPE_CHECKING:
    from newsmon.config import Settings

logger = logging.getLogger(__name__)


@click.command()
@click.option(
    "--source", "only", multiple=True, help="Crawl only this source (repeatable; default: all)."
)
@click.option("--no-send", is_flag=True, help="Leave pending alerts for `newsmon alerts send`.")
@click.option(
    "--baseline",
    is_flag=True,
    help="Store and read as usual but alert nobody: what this crawl finds is history "
    "(as on a source's first poll), e.g. to re-seed after adding many shows.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=1),
    help="Stop gracefully after this many seconds, as on Ctrl-C; the next crawl carries on.",
)
@click.option(
    "--worker",
    is_flag=True,
    help="Take requests from the shared Redis queue (redis_url) until stopped, "
    "starting none; run several, on several machines, beside `newsmon run`.",
)
@click.option(
    "--idle-exit",
    type=click.FloatRange(min=0),
    default=0,
    show_default=True,
    help="With --worker: end after the queue has been empty this many seconds (0: never).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the crawl summary as JSON.")
@click.option(
    "--stop-with-parent",
    "parent_fd",
    type=int,
    hidden=True,
    help="File descriptor of a pipe from the parent: stop when it closes (the service's crawls).",
)
@click.option(
    "--schema-checked",
    is_flag=True,
    hidden=True,
    help="The store is at the latest migration (the service checked it): skip the check.",
)
@pass_app
def crawl(  # noqa: PLR0917 (click passes the options)
    app: AppContext,
    only: tuple[str, ...],
    no_send: bool,
    baseline: bool,
    time_limit: float | None,
    worker: bool,
    idle_exit: float,
    as_json: bool,
    parent_fd: int | None,
    schema_checked: bool,
) -> None:
    """Crawl the configured sources once, then send the alerts it caused.

    A source's first poll (new in the configuration, or never polled to its
    end) is its baseline: its articles are stored and read and fill the
    history, but no alert is sent for them; a source with ``baseline: false``
    alerts at once. ``--baseline`` makes this crawl a baseline of every
    source it polls.

    Ctrl-C (SIGINT) or SIGTERM stops the crawl gracefully: pages in flight
    are read and their articles stored (requests still unanswered after a
    few seconds are cut off); a second signal stops at once. Each source's
    poll is recorded (``newsmon serve`` shows them; ``newsmon run`` watches
    them to report failing sources). Exits 1 when the crawl could not run or
    every source failed.
    """
    from newsmon.service.lifeline import stop_with_parent
    from newsmon.service.poll import poll_sources

    _check_selection(app.settings, only, worker)
    if parent_fd is not None:
        stop_with_parent(parent_fd)
    app.schema_checked = app.schema_checked or schema_checked
    app.sessions  # noqa: B018 - migrate before the crawl's pipelines open the store
    quiet = [] if worker else _baselines(app, only, forced=baseline)
    summary = poll_sources(
        app.settings,
        app.sessions,
        only=only,
        worker=worker,
        idle_exit=idle_exit,
        time_limit=time_limit,
        baseline=baseline,
    )
    if as_json:
        click.echo(json.dumps(summary.as_dict()))
    elif summary.finish_reason != "error":
        click.echo(summary.render())
        _tell_baselines(app, quiet, forced=baseline)
    if summary.finish_reason == "error":
        raise click.ClickException(str(summary.message))
    if not no_send:
        send_pending(app, include_not_due=False, dry_run=False)
    if summary.failed:
        # Each failure has had its own log line; this says what the exit code means.
        logger.error("every source failed; nothing was read")
        raise SystemExit(1)


def _check_selection(settings: Settings, only: tuple[str, ...], worker: bool) -> None:
    """Reject options that cannot go together, or name no configured source."""
    if not settings.sources:
        raise UsageProblem("sources: no source is configured, so there is nothing to crawl")
    if worker:
        if not settings.redis_url:
            raise UsageProblem(
                "--worker: set redis_url, the shared queue that workers take requests from"
            )
        if only:
            raise UsageProblem("--worker takes requests of every source; leave out --source")
    known = {source.name for source in settings.sources}
    unknown = [name for name in only if name not in known]
    if unknown:
        raise UsageProblem(f"--source: no source named {unknown[0]!r} in the configuration")


def _baselines(app: AppContext, only: tuple[str, ...], *, forced: bool) -> list[str]:
    """The sources this crawl polls as their baseline (alerting nobody)."""
    from newsmon.storage.quiet import is_baselined

    polled = [s for s in app.settings.sources if not only or s.name in only]
    if forced:
        return [source.name for source in polled]
    with app.sessions() as session:
        return [s.name for s in polled if s.baseline and not is_baselined(session, s.name)]


def _tell_baselines(app: AppContext, names: list[str], *, forced: bool) -> None:
    """Say which sources' changes this crawl kept as history, and whether that is done."""
    from newsmon.storage.quiet import is_baselined

    with app.sessions() as session:
        done = {name: is_baselined(session, name) for name in names}
    for name in names:
        if forced:
            click.echo(f"  {name}: --baseline: what it read is history; no alert was sent")
        elif done[name]:
            click.echo(
                f"  {name}: first poll (baseline): what it read is history and no alert "
                "was sent; its next polls alert"
            )
        else:
            click.echo(
                f"  {name}: first poll (baseline) did not run to its end; "
                "the next poll is still its baseline"
            )
