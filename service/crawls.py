"""Each poll of a source runs ``newsmon crawl`` in a child process, with a time limit.

Twisted's reactor cannot be restarted within a process, and a fresh process
per crawl bounds memory over weeks of running. Given a launcher
(:mod:`service.launcher`), the child is forked from a process that has
already imported the crawl, and is still this process's child; otherwise, or
when the launcher cannot start it, it is started afresh. The child is told
the time limit (``--time-limit``) and stops itself gracefully when it runs
out, as on SIGTERM: requests in flight finish (those unanswered a few
seconds later are cut off) and their articles are stored. If it has not
ended ``shutdown_grace`` seconds later it gets SIGTERM, then SIGKILL after
as long again. On shutdown every running child gets SIGTERM at once and
SIGKILL at the deadline. A child also stops by itself when the service ends
without stopping it (killed, crashed): :mod:`service.lifeline`.

The child records its poll in ``source_polls`` and prints its summary as
JSON (:mod:`service.poll`); a child that was killed or crashed before it
could is recorded here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.orm import Session, sessionmaker

from newsmon.crawler.crawl import CrawlSummary, SourceSummary
from newsmon.errors import first_line
from newsmon.service.launcher import (
    CrawlLauncher,
    LaunchedCrawl,
    LauncherUnavailable,
    newsmon_arguments,
)
from newsmon.service.lifeline import Lifeline
from newsmon.service.poll import read_summary
from newsmon.storage.models import utcnow
from newsmon.storage.polls import record_poll

logger = logging.getLogger(__name__)

Outcome = Literal["ok", "failed", "overrun", "interrupted", "skipped"]
Child = subprocess.Popen[bytes] | LaunchedCrawl


@dataclass(frozen=True, kw_only=True)
class CrawlResult:
    """How one crawl child ended."""

    source: str
    outcome: Outcome
    seconds: float
    returncode: int | None
    summary: CrawlSummary | None
    """The child's summary, when it printed one."""
    cpu_seconds: float | None = None
    """The child's user + system time, when it was forked by the launcher."""


class CrawlRunner:
    """Starts crawl children, enforces their time limit, and stops them on shutdown."""

    def __init__(
        self,
        command: Sequence[str],
        sessions: sessionmaker[Session],
        *,
        time_limit: float,
        grace: float,
        on_finished: Callable[[CrawlResult], None] | None = None,
        launcher: CrawlLauncher | None = None,
    ):
        self.command = list(command)
        """``newsmon`` with its global options (``--config``, ``--log-format``)."""
        self.launcher = launcher if newsmon_arguments(self.command) is not None else None
        """Forks the children when it can (it runs ``newsmon``, not any command)."""
        self.sessions = sessions
        self.time_limit = time_limit
        self.grace = grace
        self.on_finished = on_finished
        self.stopping = threading.Event()
        self._running: dict[str, Child] = {}
        self._lock = threading.Lock()

    @property
    def running(self) -> list[str]:
        """Sources being crawled now."""
        with self._lock:
            return list(self._running)

    def crawl(self, source: str) -> CrawlResult:
        """Crawl ``source`` in a child process and wait for it (a scheduler job)."""
        if self.stopping.is_set():
            return CrawlResult(
                source=source, outcome="skipped", seconds=0.0, returncode=None, summary=None
            )
        lifeline = Lifeline()
        # The service migrated the store when it started: no poll checks again.
        arguments = ["crawl", "--source", source, "--no-send", "--json", "--schema-checked"]
        arguments += ["--time-limit", f"{self.time_limit:g}"]
        started_at, started = utcnow(), time.monotonic()
        logger.info("crawl of %s started", source, extra={"source": source})
        try:
            child = self._start(source, arguments, lifeline.child_fd)
        except BaseException:
            lifeline.close()
            raise
        lifeline.started()
        with self._lock:
            self._running[source] = child
        try:
            stdout, ended_by_us = self._wait(child, source)
        finally:
            lifeline.close()
            with self._lock:
                self._running.pop(source, None)
        result = self._result(source, child, stdout, time.monotonic() - started)
        if result.summary is None or ended_by_us:
            self._record_lost_poll(result, started_at, ended_by_us)
        self._log(result, ended_by_us)
        if self.on_finished is not None:
            self.on_finished(result)
        return result

    def _start(self, source: str, arguments: list[str], lifeline_fd: int) -> Child:
        """The crawl's child: forked by the launcher, else a process of its own."""
        if self.launcher is not None and self.launcher.running:
            options = newsmon_arguments(self.command) or []
            try:
                return self.launcher.launch([*options, *arguments], lifeline_fd)
            except LauncherUnavailable as exc:
                logger.warning(
                    "%s; the crawl of %s runs as a process of its own",
                    exc,
                    source,
                    extra={"source": source},
                )
        # Its own session: a Ctrl-C in the terminal reaches only the service,
        # which forwards SIGTERM to the children itself.
        return subprocess.Popen(
            [*self.command, *arguments, "--stop-with-parent", str(lifeline_fd)],
            stdout=subprocess.PIPE,
            start_new_session=True,
            pass_fds=(lifeline_fd,),
        )

    def stop_now(self) -> None:
        """Forward a second SIGTERM to every running crawl: they stop at once."""
        self.stopping.set()
        with self._lock:
            children = list(self._running.values())
        for child in children:
            _signal(child, signal.SIGTERM)

    def stop(self) -> None:
        """Forward SIGTERM to every running crawl; SIGKILL those still running at the deadline."""
        self.stopping.set()
        with self._lock:
            children = dict(self._running)
        if not children:
            return
        logger.info(
            "stopping %d running crawl(s): %s (deadline %g s)",
            len(children),
            ", ".join(children),
            self.grace,
        )
        for child in children.values():
            _signal(child, signal.SIGTERM)
        deadline = time.monotonic() + self.grace
        for source, child in children.items():
            try:
                child.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning(
                    "crawl of %s did not stop within %g s; killed",
                    source,
                    self.grace,
                    extra={"source": source},
                )
                _signal(child, signal.SIGKILL)
                child.wait()

    def _wait(self, child: Child, source: str) -> tuple[bytes, bool]:
        # The child stops itself at the time limit; this is the backstop.
        try:
            stdout, _ = child.communicate(timeout=self.time_limit + self.grace)
            return stdout, False
        except subprocess.TimeoutExpired:
            pass
        if self.stopping.is_set():  # stop() is ending it already
            stdout, _ = child.communicate()
            return stdout, False
        logger.warning(
            "crawl of %s still running %g s after its time limit; sending SIGTERM",
            source,
            self.grace,
            extra={"source": source},
        )
        _signal(child, signal.SIGTERM)
        try:
            stdout, _ = child.communicate(timeout=self.grace)
        except subprocess.TimeoutExpired:
            _signal(child, signal.SIGKILL)
            stdout, _ = child.communicate()
        return stdout, True

    def _result(self, source: str, child: Child, stdout: bytes, seconds: float) -> CrawlResult:
        returncode = child.returncode
        summary = read_summary(stdout)
        reason = summary.finish_reason if summary is not None else None
        outcome: Outcome
        stopped = (None, "shutdown", "shutdown_forced")
        if self.stopping.is_set() and (returncode != 0 or reason in stopped):
            outcome = "interrupted"
        elif returncode != 0 or summary is None or reason == "error":
            outcome = "failed"
        elif reason == "closespider_timeout":
            outcome = "overrun"
        else:
            outcome = "ok"
        return CrawlResult(
            source=source,
            outcome=outcome,
            seconds=seconds,
            returncode=returncode,
            summary=summary,
            cpu_seconds=child.cpu_seconds if isinstance(child, LaunchedCrawl) else None,
        )

    def _record_lost_poll(
        self, result: CrawlResult, started_at: dt.datetime, ended_by_us: bool
    ) -> None:
        if result.outcome == "interrupted" and not ended_by_us:
            return  # stopped with the service, before it could record anything: not a failure
        if ended_by_us:
            reason = "killed"
            message = (
                f"the crawl overran its time limit of {self.time_limit:g} s and was ended "
                "(raise service.crawl_time_limit if the source needs longer)"
            )
        else:
            reason = "crashed"
            message = f"the crawl process ended with exit code {result.returncode}; see its log"
        try:
            with self.sessions() as session, session.begin():
                record_poll(
                    session,
                    source=result.source,
                    started_at=started_at,
                    finished_at=utcnow(),
                    finish_reason=reason,
                    message=message,
                )
        except Exception as exc:
            logger.error("cannot record the failed poll of %s: %s", result.source, first_line(exc))

    def _log(self, result: CrawlResult, ended_by_us: bool) -> None:
        fields: dict[str, Any] = {
            "source": result.source,
            "outcome": result.outcome,
            "duration_s": round(result.seconds, 2),
        }
        if result.cpu_seconds is not None:
            fields["cpu_s"] = round(result.cpu_seconds, 2)
        summary = _source_summary(result)
        if summary:
            fields.update(
                pages=summary.pages,
                new_articles=summary.new_articles,
                errors=sum(summary.errors.values()),
            )
        counts = (
            f": {fields['pages']} pages, {fields['new_articles']} new article(s), "
            f"{fields['errors']} error(s)"
            if summary
            else ""
        )
        if result.outcome == "ok":
            logger.info(
                "crawl of %s finished in %.1f s%s",
                result.source,
                result.seconds,
                counts,
                extra=fields,
            )
        elif result.outcome == "overrun" or ended_by_us:
            logger.warning(
                "crawl of %s overran its time limit of %g s and was ended%s",
                result.source,
                self.time_limit,
                counts,
                extra=fields,
            )
        elif result.outcome == "interrupted":
            logger.info(
                "crawl of %s stopped with the service%s", result.source, counts, extra=fields
            )
        else:
            message = result.summary.message if result.summary is not None else None
            logger.warning(
                "crawl of %s failed (exit code %s)%s",
                result.source,
                result.returncode,
                f": {message}" if message else counts,
                extra=fields,
            )


def _source_summary(result: CrawlResult) -> SourceSummary | None:
    for source in result.summary.sources if result.summary is not None else []:
        if source.name == result.source:
            return source
    return None


def _signal(child: Child, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        child.send_signal(signum)
