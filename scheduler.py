"""The background service behind ``newsmon run``.

An APScheduler ``BlockingScheduler`` in its own process polls each source on
its interval and sends pending alerts every few seconds. Each crawl runs in a
child process (``newsmon crawl --source NAME``): Twisted's reactor cannot be
restarted within a process, and a fresh process per crawl bounds memory over
weeks of running.
"""

from __future__ import annotations

import datetime as dt
import logging
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy.orm import Session, sessionmaker

from newsmon.config import Settings

logger = logging.getLogger(__name__)

MISFIRE_GRACE_SECONDS = 60


def crawl_source(config_path: Path | None, source: str, time_limit: float) -> int:
    """Crawl one source in a child process; end it if it overruns ``time_limit``."""
    command = [sys.executable, "-m", "newsmon"]
    if config_path is not None:
        command += ["--config", str(config_path)]
    command += ["crawl", "--source", source, "--no-send"]
    logger.info("crawling %s", source)
    try:
        completed = subprocess.run(command, timeout=time_limit, check=False, capture_output=True)
    except subprocess.TimeoutExpired:
        logger.warning("crawl of %s overran %.0f s and was ended", source, time_limit)
        return -1
    if completed.returncode != 0:
        tail = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        logger.warning("crawl of %s failed (exit %s): %s", source, completed.returncode, tail)
    return completed.returncode


def send_alerts(settings: Settings, sessions: sessionmaker[Session]) -> None:
    """Send what is due in the outbox."""
    from alerts.channels import build_channels
    from alerts.dispatch import dispatch_pending

    summary = dispatch_pending(sessions, build_channels(settings.alerts))
    logger.debug("alerts: %s", summary)


def build_scheduler(
    settings: Settings, sessions: sessionmaker[Session], config_path: Path | None
) -> BlockingScheduler:
    """A scheduler with one polling job per source and the alert dispatcher."""
    scheduler = BlockingScheduler(
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        }
    )
    service = settings.service
    for source in settings.sources:
        interval = source.interval or service.poll_interval
        scheduler.add_job(
            crawl_source,
            "interval",
            seconds=interval,
            args=[config_path, source.name, service.crawl_time_limit],
            id=f"crawl:{source.name}",
            name=f"crawl {source.name}",
            next_run_time=_now(),
        )
    scheduler.add_job(
        send_alerts,
        "interval",
        seconds=service.dispatch_interval,
        args=[settings, sessions],
        id="alerts",
        name="send alerts",
        next_run_time=_now(),
    )
    return scheduler


def run_service(
    settings: Settings, sessions: sessionmaker[Session], config_path: Path | None
) -> None:
    """Run until SIGTERM or SIGINT; running crawls finish, pending alerts stay pending."""
    scheduler = build_scheduler(settings, sessions, config_path)

    def stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("received %s: finishing running jobs", signal.Signals(signum).name)
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    logger.info("watching %d sources", len(settings.sources))
    scheduler.start()
    logger.info("stopped")


def _now() -> dt.datetime:
    # First runs start at once rather than one interval after start-up.
    return dt.datetime.now(dt.UTC)
