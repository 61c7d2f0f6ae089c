"""``newsmon crawl``: one pass over the configured sources, or a worker on the shared queue."""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import TYPE_CHECKING, Any

import click

from newsmon.app import AppContext, UsageProblem, pass_app
from newsmon.commands.alerts import send_pending
from newsmon.errors import first_line

if TYPE_CHECKING:
    from crawler.run import CrawlSummary
    from newsmon.config import Settings

logger = logging.getLogger(__name__)


@click.command()
@click.option(
    "--source", "only", multiple=True, help="Crawl only this source (repeatable; default: all)."
)
@click.option("--no-send", is_flag=True, help="Leave pending alerts for `newsmon alerts send`.")
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
@pass_app
def crawl(  # noqa: PLR0917 (click passes the options)
    app: AppContext,
    only: tuple[str, ...],
    no_send: bool,
    time_limit: float | None,
    worker: bool,
    idle_exit: float,
    as_json: bool,
) -> None:
    """Crawl the configured sources once, then send the alerts it caused.

    Ctrl-C (SIGINT) or SIGTERM stops the crawl gracefully: pages in flight
    are read and their articles stored; a second signal stops at once.
    Each source's poll is recorded (``newsmon serve`` shows them; ``newsmon
    run`` watches them to report failing sources).
    """
    from crawler.distributed import redis_problem
    from crawler.run import CrawlError, run_crawl

    settings, extra = _what_to_crawl(app.settings, only, worker, idle_exit)
    app.sessions  # noqa: B018 - migrate before the crawl's pipelines open the store
    started_at = _now()
    try:
        problem = redis_problem(settings.redis_url) if settings.redis_url else None
        if problem:
            raise CrawlError(problem)
        summary = run_crawl(settings, extra=extra, time_limit=time_limit)
    except CrawlError as exc:
        if not worker:
            _record_failure(app, settings, started_at, str(exc))
        if as_json:
            failed = {"finish_reason": "error", "message": str(exc), "recorded": True}
            click.echo(json.dumps(failed))
        raise click.ClickException(str(exc)) from None
    if not worker:
        _record_polls(app, summary, started_at)
    click.echo(json.dumps(summary.as_dict()) if as_json else summary.render())
    if not no_send:
        send_pending(app, include_not_due=False, dry_run=False)


def _what_to_crawl(
    settings: Settings, only: tuple[str, ...], worker: bool, idle_exit: float
) -> tuple[Settings, dict[str, Any]]:
    """The settings of the sources to crawl, and the Scrapy settings for a shared queue."""
    from crawler.distributed import SHARED_SOURCES, WORKER, WORKER_IDLE_EXIT

    if not settings.sources:
        raise UsageProblem("sources: no source is configured, so there is nothing to crawl")
    extra: dict[str, Any] = {}
    if settings.redis_url:
        # Any process may take any source's request from the shared queue.
        extra[SHARED_SOURCES] = [source.model_dump(mode="json") for source in settings.sources]
    if worker:
        if not settings.redis_url:
            raise UsageProblem(
                "--worker: set redis_url, the shared queue that workers take requests from"
            )
        if only:
            raise UsageProblem("--worker takes requests of every source; leave out --source")
        extra.update({WORKER: True, WORKER_IDLE_EXIT: idle_exit})
    if only:
        known = {source.name for source in settings.sources}
        unknown = [name for name in only if name not in known]
        if unknown:
            raise UsageProblem(f"--source: no source named {unknown[0]!r} in the configuration")
        chosen = [source for source in settings.sources if source.name in only]
        settings = settings.model_copy(update={"sources": chosen})
    return settings, extra


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _record_polls(app: AppContext, summary: CrawlSummary, started_at: dt.datetime) -> None:
    from storage.polls import record_poll

    finished_at = _now()
    try:
        with app.sessions() as session, session.begin():
            for source in summary.sources:
                record_poll(
                    session,
                    source=source.name,
                    started_at=started_at,
                    finished_at=finished_at,
                    pages=source.pages,
                    stored=source.items,
                    dropped=source.dropped,
                    errors=source.errors,
                    finish_reason=summary.finish_reason,
                )
    except Exception as exc:
        # The articles are stored; only the record of the poll is missing.
        logger.error("cannot record the polls of this crawl: %s", first_line(exc))


def _record_failure(
    app: AppContext, settings: Settings, started_at: dt.datetime, message: str
) -> None:
    from storage.polls import record_poll

    try:
        with app.sessions() as session, session.begin():
            for source in settings.sources:
                record_poll(
                    session,
                    source=source.name,
                    started_at=started_at,
                    finished_at=_now(),
                    finish_reason="error",
                    message=message,
                )
    except Exception as exc:
        logger.error("cannot record the failed crawl: %s", first_line(exc))
