"""Run one crawl in this process and summarise it per source.

:func:`run_crawl` starts Twisted's reactor and blocks until the crawl ends.
Twisted's reactor cannot be restarted, so it can run once per process: the
``newsmon crawl`` command calls it once, and the scheduler starts a fresh
process for every crawl (which also bounds memory over weeks of running).
A second call in the same process raises RuntimeError at once instead of
Twisted's ReactorNotRestartable halfway through.

Logging: Scrapy installs no handler of its own here; records go to whatever
the caller configured on the root logger. Scrapy's loggers are set to the
stricter of the ``LOG_LEVEL`` setting (INFO) and the root logger's level, so
a root logger at WARNING hides Scrapy's INFO banners, and one at DEBUG does
not print every request and every scraped item.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scrapy.crawler import CrawlerProcess
from twisted.python.failure import Failure

from newsmon.crawler.settings import scrapy_settings
from newsmon.crawler.spiders.news import NewsSpider, stat_key

if TYPE_CHECKING:
    from newsmon.config import Settings

logger = logging.getLogger(__name__)

_reactor_used = False


class CrawlError(Exception):
    """The crawl could not start (e.g. a pipeline failed to open); one line."""


_COUNTS = ("pages", "not_modified", "articles", "new_articles", "duplicates", "items", "dropped")
# The store pipeline's name for a re-fetched article whose text changed.
_UPDATED = ("updated_articles", "new_versions")
_GROUPS = ("skipped", "errors", "warnings")


@dataclass(kw_only=True)
class SourceSummary:
    """What one crawl did for one source."""

    name: str
    pages: int = 0
    """Pages fetched and read: home pages, feeds, sitemaps, listings, articles."""
    not_modified: int = 0
    """Conditional requests answered 304 Not Modified (nothing downloaded or parsed)."""
    articles: int = 0
    """Articles extracted from pages."""
    new_articles: int = 0
    """Articles stored for the first time."""
    updated_articles: int = 0
    """Stored articles whose text had changed: stored as a new version."""
    duplicates: int = 0
    """Copies of stored stories (stored, linked to their original)."""
    items: int = 0
    """Articles that passed every pipeline."""
    dropped: int = 0
    """Articles a pipeline dropped (re-fetched and unchanged, mostly)."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Links and pages left out on purpose: known, old, robots, not_html, no_article."""
    errors: dict[str, int] = field(default_factory=dict)
    """Failures by kind: http_404, dns, timeout, too_large, bad_feed, binary, ..."""
    warnings: dict[str, int] = field(default_factory=dict)
    """Pages read despite a problem: charset_mislabelled, charset_missing."""

    @property
    def failed(self) -> bool:
        """Whether the source gave nothing but errors (as the service's health judges a poll)."""
        read = self.pages or self.not_modified or self.items or self.dropped
        return bool(self.errors) and not read

    def render(self) -> str:
        """One line: the counts, then skips, errors and warnings by kind."""
        line = (
            f"  {self.name}: {self.pages} pages fetched, {self.not_modified} not modified, "
            f"{self.new_articles} new, {self.updated_articles} updated, "
            f"{self.duplicates} duplicate(s)"
        )
        for label in _GROUPS:
            counts: dict[str, int] = getattr(self, label)
            if counts:
                line += f"; {label}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        return line


@dataclass(kw_only=True)
class CrawlSummary:
    """What one crawl did, per source, from the crawl's stats.

    Its JSON form (:meth:`as_dict`, read back by :meth:`from_dict`) is what
    ``newsmon crawl --json`` prints as its last line and the service reads.
    """

    sources: list[SourceSummary]
    finish_reason: str | None
    """Scrapy's reason: ``finished``, ``shutdown`` (interrupted), ``closespider_timeout``;
    ``shutdown_forced`` (stopped at once by a second signal), ``error`` (could not run)."""
    elapsed_seconds: float
    requests: int = 0
    responses: int = 0
    message: str | None = None
    """Why the crawl could not run (``finish_reason`` ``error``), in one line."""

    @property
    def errors_total(self) -> int:
        """All failures, over every source."""
        return sum(sum(s.errors.values()) for s in self.sources)

    @property
    def failed(self) -> bool:
        """Whether the crawl did nothing of use: it could not run, or every source failed."""
        if self.finish_reason == "error":
            return True
        return bool(self.sources) and all(source.failed for source in self.sources)

    def render(self) -> str:
        """Render a short human-readable report, one line per source."""
        if self.finish_reason == "error":
            return f"crawl failed: {self.message}"
        new = sum(s.new_articles for s in self.sources)
        updated = sum(s.updated_articles for s in self.sources)
        lines = [
            f"crawl {self.finish_reason or 'ended'} in {self.elapsed_seconds:.1f}s: "
            f"{self.responses} responses, {new} new article(s), {updated} updated, "
            f"{self.errors_total} error(s)"
        ]
        lines += [source.render() for source in self.sources]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlSummary:
        """Read back :meth:`as_dict`'s data; raise ValueError when it is not a summary."""
        try:
            names = {f.name for f in dataclasses.fields(SourceSummary)}
            sources = [
                SourceSummary(**{k: v for k, v in source.items() if k in names})
                for source in data["sources"]
            ]
            return cls(
                sources=sources,
                finish_reason=data.get("finish_reason"),
                elapsed_seconds=float(data.get("elapsed_seconds") or 0.0),
                requests=int(data.get("requests") or 0),
                responses=int(data.get("responses") or 0),
                message=data.get("message"),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a crawl summary: {exc}") from None

    @classmethod
    def could_not_run(cls, source_names: list[str], message: str) -> CrawlSummary:
        """The summary of a crawl that could not start."""
        return cls(
            sources=[SourceSummary(name=name) for name in source_names],
            finish_reason="error",
            elapsed_seconds=0.0,
            message=message,
        )


def run_crawl(
    settings: Settings,
    *,
    only: Sequence[str] = (),
    worker: bool = False,
    idle_exit: float = 0.0,
    extra: dict[str, Any] | None = None,
    time_limit: float | None = None,
) -> CrawlSummary:
    """Crawl the sources in ``settings`` once, in this process; block until done.

    ``only`` names the sources to poll (default: all). ``worker`` starts no
    source and takes requests from the shared queue (``redis_url``) until it
    has been empty ``idle_exit`` seconds (0: until stopped). ``extra`` holds
    Scrapy settings that override everything else (e.g. ``{"ITEM_PIPELINES":
    {}}``). With ``time_limit`` (seconds) the crawl stops itself gracefully
    when it overruns, as on SIGINT/SIGTERM: requests in flight finish (for
    ``NEWSMON_STOP_DRAIN`` seconds at most) and their articles are stored;
    the next crawl carries on. Raises CrawlError when the crawl cannot
    start, and RuntimeError when called twice in one process.
    """
    global _reactor_used  # noqa: PLW0603 (one reactor per process is a process-wide fact)
    if _reactor_used:
        raise RuntimeError(
            "run_crawl() can run once per process (Twisted's reactor cannot be "
            "restarted); start a new process for the next crawl"
        )
    _reactor_used = True
    # Every source stays known (a shared queue carries requests of any of them);
    # only the chosen ones are polled.
    conf = scrapy_settings(settings)
    polled = [source for source in settings.sources if not only or source.name in only]
    conf.set("NEWSMON_SOURCES", [s.model_dump(mode="json") for s in polled], priority="cmdline")
    if worker:
        from newsmon.crawler.distributed import WORKER, WORKER_IDLE_EXIT

        conf.setdict({WORKER: True, WORKER_IDLE_EXIT: idle_exit}, priority="cmdline")
    conf.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    if time_limit:
        conf.set("CLOSESPIDER_TIMEOUT", time_limit, priority="cmdline")
    if extra:
        conf.setdict(extra, priority="cmdline")
    level = _scrapy_log_level(conf.get("LOG_LEVEL", "INFO"))
    # CrawlerProcess resets the "scrapy" loggers to DEBUG and logs its start-up
    # banner at once; logger filters survive that reset, levels do not.
    banner = [logging.getLogger(name) for name in ("scrapy.utils.log", "scrapy.crawler")]
    at_least = _AtLeast(level)
    for banner_logger in banner:
        banner_logger.addFilter(at_least)
    try:
        process = CrawlerProcess(conf)
    finally:
        for banner_logger in banner:
            banner_logger.removeFilter(at_least)
    logging.getLogger("scrapy").setLevel(level)
    crawler = process.create_crawler(NewsSpider)
    failures: list[Failure] = []

    def keep_failure(failure: Failure) -> None:
        failures.append(failure)

    started = time.monotonic()
    process.crawl(crawler).addErrback(keep_failure)
    # Signal handlers can only be installed from the main thread.
    process.start(install_signal_handlers=threading.current_thread() is threading.main_thread())
    if failures:
        failure = failures[0]
        logger.debug("crawl failed to start", exc_info=failure.value)
        raise CrawlError(
            f"the crawl could not start: {type(failure.value).__name__}: "
            f"{failure.getErrorMessage()}"
        )
    assert crawler.stats is not None
    stats = dict(crawler.stats.get_stats())
    if "finish_reason" not in stats:
        # A second signal stops the reactor before Scrapy closes the spider,
        # so neither the reason nor the duration made it into the stats.
        stats["finish_reason"] = "shutdown_forced"
        stats["elapsed_time_seconds"] = time.monotonic() - started
    # A worker polls nothing, but reads pages of any source: count them all.
    counted = settings.sources if worker else polled
    return summarise(stats, [source.name for source in counted])


class _AtLeast(logging.Filter):
    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level


def _scrapy_log_level(log_level: str | int) -> int:
    # Scrapy sets its logger to DEBUG, and a logger's own level is the only
    # filter a record meets before the root handlers; so without this a CLI
    # asking for WARNING would still print Scrapy's INFO banners and stats.
    wanted = logging.getLevelName(log_level) if isinstance(log_level, str) else log_level
    floor = wanted if isinstance(wanted, int) else logging.INFO
    return max(floor, logging.getLogger().getEffectiveLevel())


def summarise(stats: dict[str, Any], source_names: list[str]) -> CrawlSummary:
    """Build the summary from a finished crawl's stats."""
    sources = []
    for name in source_names:
        prefix = stat_key(name, "")
        summary = SourceSummary(name=name)
        for key, value in stats.items():
            if not key.startswith(prefix):
                continue
            kind = key[len(prefix) :]
            group, _, detail = kind.partition("/")
            if group in _GROUPS and detail:
                getattr(summary, group)[detail] = int(value)
            elif kind in _COUNTS:
                setattr(summary, kind, int(value))
            elif kind in _UPDATED:
                summary.updated_articles += int(value)
        sources.append(summary)
    return CrawlSummary(
        sources=sources,
        finish_reason=stats.get("finish_reason"),
        elapsed_seconds=float(stats.get("elapsed_time_seconds", 0.0)),
        requests=int(stats.get("downloader/request_count", 0)),
        responses=int(stats.get("downloader/response_count", 0)),
    )
