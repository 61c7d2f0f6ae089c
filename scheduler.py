"""The background service behind ``newsmon run``.

An APScheduler ``BlockingScheduler`` in its own process polls each source on
its own schedule (``interval`` or ``cron``, else ``service.poll_interval`` /
``service.poll_cron``), each poll a ``newsmon crawl`` child process with a
time limit (:mod:`service.crawls`), forked from a launcher that has imported
the crawl once (:mod:`service.launcher`); jobs coalesce, run one at a time per
source, and start late by at most ``service.misfire_grace_time``. The alert
dispatcher runs every ``service.dispatch_interval`` seconds and right after
each crawl, so an alert leaves within seconds of its article being stored.
The sources' health is checked after each crawl and every
``service.health_check_interval`` (:mod:`service.health`); ``/healthz`` and
``/metrics`` are served on ``service.metrics_port`` (:mod:`service.metrics`).

SIGTERM, SIGINT or SIGHUP (the terminal closed): no new crawl starts,
running crawls get SIGTERM (they finish the items in flight) and are killed
after ``service.shutdown_grace``; pending deliveries stay pending for the
next start; exit code 0. A second signal stops at once, the crawls too. If
the service dies without stopping them (SIGKILL, a crash), its crawls stop
by themselves (:mod:`service.lifeline`), so a restart never runs a crawl
twice. Nothing is kept outside the store, so a restart resumes: each
source is next polled one interval after its last poll.

``--dispatch-only`` runs the alert dispatcher alone, for extra machines
sharing a PostgreSQL store (deliveries are claimed with ``FOR UPDATE SKIP
LOCKED``, so each is sent once).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.channels import Channel, build_channels
from newsmon.config import Settings, SourceConfig
from newsmon.errors import first_line
from newsmon.service.crawls import CrawlResult, CrawlRunner
from newsmon.service.health import HealthWatch, poll_trigger
from newsmon.service.launcher import CrawlLauncher
from newsmon.service.metrics import ServiceMetrics, StatusServer
from newsmon.storage.models import Source

logger = logging.getLogger(__name__)

CRAWL_EXECUTOR = "crawls"
MAX_PARALLEL_CRAWLS = 4
"""Crawl children running at once; more due polls wait for a free slot."""


def trigger_for(source: SourceConfig, settings: Settings) -> BaseTrigger:
    """The schedule of ``source``: its cron or interval, else the service's default."""
    return poll_trigger(source, settings.service)


class Service:
    """The scheduler, its jobs, the crawl children, the health watch and the status endpoint."""

    def __init__(
        self,
        settings: Settings,
        sessions: sessionmaker[Session],
        child_command: Sequence[str],
        *,
        dispatch_only: bool = False,
    ):
        self.settings = settings
        self.sessions = sessions
        self.dispatch_only = dispatch_only
        service = settings.service
        self.channels: list[Channel] = build_channels(settings.alerts)
        self.metrics = ServiceMetrics(sessions)
        self.launcher = CrawlLauncher()
        self.runner = CrawlRunner(
            child_command,
            sessions,
            time_limit=service.crawl_time_limit,
            grace=service.shutdown_grace,
            on_finished=self._crawl_finished,
            launcher=self.launcher,
        )
        self.metrics.running.set_function(lambda: len(self.runner.running))
        self.watch = HealthWatch(
            sessions, self.channels, service, [source.name for source in settings.sources]
        )
        self.scheduler = BlockingScheduler(
            timezone=dt.UTC,
            executors={
                "default": ThreadPoolExecutor(2),
                CRAWL_EXECUTOR: ThreadPoolExecutor(MAX_PARALLEL_CRAWLS),
            },
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": round(service.misfire_grace_time),
            },
        )
        self.started = time.monotonic()
        self.last_dispatch: dt.datetime | None = None
        self.dispatch_error: str | None = None
        self._health_lock = threading.Lock()
        self._stopping = False
        # APScheduler logs every run of every job at INFO and each skipped
        # overlapping run as a warning; the service says what matters itself.
        logging.getLogger("apscheduler").setLevel(
            max(logging.WARNING, logging.getLogger().getEffectiveLevel())
        )
        logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)
        self._add_jobs()
        self.scheduler.add_listener(self._job_not_run, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)

    def _add_jobs(self) -> None:
        service = self.settings.service
        now = _now()
        self.scheduler.add_job(
            self.send_alerts,
            IntervalTrigger(seconds=service.dispatch_interval, timezone=dt.UTC),
            id="alerts",
            name="send alerts",
            next_run_time=now,
        )
        if self.dispatch_only:
            return
        last_polls = self._last_polls()
        for source in self.settings.sources:
            trigger = trigger_for(source, self.settings)
            first = None
            if isinstance(trigger, IntervalTrigger):
                # Resume: one interval after the last poll, or now when it is overdue.
                last = last_polls.get(source.name)
                interval = trigger.interval.total_seconds()
                first = max(now, last + dt.timedelta(seconds=interval)) if last else now
            self.scheduler.add_job(
                self.runner.crawl,
                trigger,
                args=[source.name],
                id=f"crawl:{source.name}",
                name=f"crawl {source.name}",
                executor=CRAWL_EXECUTOR,
                **({"next_run_time": first} if first is not None else {}),
            )
        self.scheduler.add_job(
            self.check_health,
            IntervalTrigger(seconds=service.health_check_interval, timezone=dt.UTC),
            id="health",
            name="check sources' health",
        )

    def _last_polls(self) -> dict[str, dt.datetime]:
        with self.sessions() as session:
            rows = session.execute(select(Source.name, Source.last_polled_at)).all()
        return {
            name: at if at.tzinfo else at.replace(tzinfo=dt.UTC)
            for name, at in rows
            if at is not None
        }

    # -- jobs ------------------------------------------------------------------

    def send_alerts(self) -> None:
        """Send what is due in the outbox (a job)."""
        from newsmon.alerts.dispatch import dispatch_pending

        try:
            summary = dispatch_pending(self.sessions, self.channels)
        except SQLAlchemyError as exc:
            self._dispatch_failed(f"store error: {first_line(exc)}")
            return
        except Exception as exc:
            logger.exception("alert dispatch failed")
            self._dispatch_failed(f"{type(exc).__name__}: {first_line(exc)}")
            return
        self.last_dispatch, self.dispatch_error = _now(), None
        for outcome in ("sent", "retried", "failed", "skipped"):
            count = getattr(summary, outcome)
            if count:
                self.metrics.dispatched.labels(outcome).inc(count)
        if summary.total:
            logger.info(
                "alerts: %d sent, %d retrying, %d failed",
                summary.sent,
                summary.retried,
                summary.failed,
                extra={"sent": summary.sent, "retried": summary.retried, "failed": summary.failed},
            )

    def _dispatch_failed(self, message: str) -> None:
        if message != self.dispatch_error:
            logger.error("alert dispatch: %s; pending alerts stay pending", message)
        self.dispatch_error = message

    def check_health(self) -> None:
        """Assess every source and announce changes of health (a job; also after each crawl)."""
        if not self._health_lock.acquire(blocking=False):
            return  # a check is running; it sees the latest polls too
        try:
            for notice in self.watch.check():
                self.metrics.notices.labels(notice.status).inc()
        except SQLAlchemyError as exc:
            logger.error("health check: store error: %s", first_line(exc))
        finally:
            self._health_lock.release()

    def _crawl_finished(self, result: CrawlResult) -> None:
        self.metrics.crawl_seconds.labels(result.source).observe(result.seconds)
        self.metrics.crawls.labels(result.source, result.outcome).inc()
        if self._stopping:
            return
        self.check_health()
        # Alerts the crawl caused go out now rather than at the next tick.
        try:
            self.scheduler.modify_job("alerts", next_run_time=_now())
        except Exception as exc:
            logger.debug("could not bring the dispatch forward: %s", exc)

    def _job_not_run(self, event: JobEvent) -> None:
        if event.code == EVENT_JOB_MAX_INSTANCES:
            # coalesce + max_instances=1: a crawl longer than its interval delays the next.
            logger.debug("%s: still running; this run is skipped", event.job_id)
        else:
            logger.warning(
                "%s: missed its time by more than service.misfire_grace_time; skipped",
                event.job_id,
            )

    # -- running ---------------------------------------------------------------

    def probe(self) -> tuple[bool, dict[str, Any]]:
        """What ``/healthz`` answers: healthy while the scheduler runs and dispatch works."""
        running = self.runner.running
        interval = self.settings.service.dispatch_interval
        fresh = self.last_dispatch is not None and (
            (_now() - self.last_dispatch).total_seconds() < max(3 * interval, 60)
        )
        starting = time.monotonic() - self.started < max(3 * interval, 60)
        healthy = self.scheduler.running and self.dispatch_error is None and (fresh or starting)
        details = {
            "scheduler_running": self.scheduler.running,
            "running_crawls": running,
            "sources": len(self.settings.sources) if not self.dispatch_only else 0,
            "last_dispatch": self.last_dispatch,
            "dispatch_error": self.dispatch_error,
            "uptime_s": round(time.monotonic() - self.started, 1),
        }
        return healthy, details

    def run(self) -> None:
        """Run until SIGTERM, SIGINT or SIGHUP; then stop crawls gracefully and return."""
        status = self._start_status_server()

        def stop(signum: int, _frame: FrameType | None) -> None:
            name = signal.Signals(signum).name
            if self._stopping:
                logger.warning("received %s again: stopping now", name)
                self.runner.stop_now()
                os._exit(0)
            self._stopping = True
            logger.info("received %s: no new crawls; running ones finish their items", name)
            self.runner.stopping.set()
            if self.scheduler.running:
                self.scheduler.shutdown(wait=False)

        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, stop)
        what = (
            "dispatching alerts"
            if self.dispatch_only
            else (f"watching {len(self.settings.sources)} source(s)")
        )
        logger.info("newsmon run: %s", what, extra={"pid": os.getpid()})
        if not self.dispatch_only and self.settings.sources:
            self.launcher.start()
        try:
            if not self._stopping:  # a signal may come before the scheduler runs
                self.scheduler.start()
        finally:
            self.runner.stop()
            self.launcher.close()
            if status is not None:
                status.stop()
        logger.info("stopped; pending alerts stay pending for the next start")

    def _start_status_server(self) -> StatusServer | None:
        service = self.settings.service
        if not service.metrics_port:
            return None
        from newsmon.cli_context import UsageProblem

        try:
            server = StatusServer(
                self.metrics, self.probe, service.metrics_host, service.metrics_port
            ).start()
        except OSError as exc:
            raise UsageProblem(
                f"service.metrics_port: cannot listen on {service.metrics_host}:"
                f"{service.metrics_port}: {exc.strerror or exc} (choose another port, "
                "or 0 to turn the endpoint off)"
            ) from None
        host, port = server.address
        logger.info("health and metrics on http://%s:%d/healthz and /metrics", host, port)
        return server


def child_command(config_path: Path | None, log_format: str, verbose: int) -> list[str]:
    """The ``newsmon`` command line the crawl children run, with the service's global options."""
    command = [sys.executable, "-m", "newsmon", "--log-format", log_format]
    if verbose:
        command.append("-" + "v" * verbose)
    if config_path is not None:
        command += ["--config", str(config_path)]
    return command


def run_service(
    settings: Settings,
    sessions: sessionmaker[Session],
    config_path: Path | None,
    *,
    log_format: str = "text",
    child_verbosity: int = 0,
    dispatch_only: bool = False,
) -> None:
    """Run the service until SIGTERM, SIGINT or SIGHUP."""
    command = child_command(config_path, log_format, child_verbosity)
    Service(settings, sessions, command, dispatch_only=dispatch_only).run()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
