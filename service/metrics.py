"""What ``newsmon run`` exposes at ``/metrics`` (Prometheus text format) and ``/healthz``.

Counts that live in the store (polls, pages, articles, duplicates, claims,
change events, deliveries by status, the outbox's depth) are read from it
at scrape time, so they are right across restarts and however many
machines write to the store. What only this process knows (crawl
durations, overruns, running crawls, this dispatcher's outcomes, health
notices) is counted here. The endpoint listens on 127.0.0.1 unless
configured otherwise (``service.metrics_host`` / ``service.metrics_port``).
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.errors import first_line
from newsmon.service.health import FAILED_REASONS
from newsmon.storage.models import (
    Article,
    ChangeEvent,
    ClaimRow,
    Delivery,
    DeliveryStatus,
    Source,
    SourcePoll,
)

logger = logging.getLogger(__name__)

CRAWL_BUCKETS = (1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, float("inf"))

HealthProbe = Callable[[], tuple[bool, dict[str, Any]]]
"""Returns whether the service is healthy, and details to show."""


class ServiceMetrics:
    """The service's own metrics, and the store's counts, in one registry."""

    def __init__(self, sessions: sessionmaker[Session] | None = None):
        self.registry = CollectorRegistry()
        self.crawl_seconds = Histogram(
            "newsmon_crawl_duration_seconds",
            "How long each crawl (one poll of one source) took, by source.",
            ["source"],
            buckets=CRAWL_BUCKETS,
            registry=self.registry,
        )
        self.crawls = Counter(
            "newsmon_crawls",
            "Crawls started by this scheduler, by source and outcome "
            "(ok, failed, overrun, interrupted).",
            ["source", "outcome"],
            registry=self.registry,
        )
        self.running = Gauge(
            "newsmon_running_crawls", "Crawls running right now.", registry=self.registry
        )
        self.dispatched = Counter(
            "newsmon_dispatched_deliveries",
            "Deliveries this service's dispatcher handled, by outcome "
            "(sent, retried, failed, skipped).",
            ["outcome"],
            registry=self.registry,
        )
        self.notices = Counter(
            "newsmon_source_notices",
            "Source health notices (failing, silent, recovered) announced.",
            ["status"],
            registry=self.registry,
        )
        if sessions is not None:
            self.registry.register(StoreCollector(sessions))

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)


class StoreCollector(Collector):
    """Counts read from the store on each scrape."""

    def __init__(self, sessions: sessionmaker[Session]):
        self.sessions = sessions

    def collect(self) -> Iterator[Metric]:
        """Yield the store's counts; ``newsmon_store_up`` says whether it could be read."""
        up = GaugeMetricFamily("newsmon_store_up", "1 when the store could be read.")
        try:
            with self.sessions() as session:
                metrics = list(_store_metrics(session))
        except Exception as exc:
            logger.warning("metrics: cannot read the store: %s", str(exc).splitlines()[0])
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from metrics


def _store_metrics(session: Session) -> Iterator[Metric]:
    failed = or_(
        SourcePoll.finish_reason.in_(FAILED_REASONS),
        and_(SourcePoll.error_count > 0, SourcePoll.pages == 0, SourcePoll.stored == 0),
    )
    polls = CounterMetricFamily(
        "newsmon_polls", "Polls of each source recorded in the store.", labels=["source", "result"]
    )
    pages = CounterMetricFamily(
        "newsmon_pages", "Pages fetched and read by the recorded polls.", labels=["source"]
    )
    rows = session.execute(
        select(
            Source.name,
            func.count(SourcePoll.id),
            func.count(SourcePoll.id).filter(failed),
            func.coalesce(func.sum(SourcePoll.pages), 0),
        )
        .join(SourcePoll, SourcePoll.source_id == Source.id)
        .group_by(Source.name)
    )
    for name, total, failures, fetched in rows:
        polls.add_metric([name, "ok"], total - failures)
        polls.add_metric([name, "failed"], failures)
        pages.add_metric([name], fetched)
    yield polls
    yield pages
    articles, duplicates = session.execute(
        select(func.count(Article.id), func.count(Article.duplicate_of_id))
    ).one()
    yield CounterMetricFamily(
        "newsmon_articles", "Articles stored (copies included).", value=articles
    )
    yield CounterMetricFamily(
        "newsmon_duplicates", "Stored articles that copy another one.", value=duplicates
    )
    yield CounterMetricFamily(
        "newsmon_claims",
        "Status claims read from articles.",
        value=session.scalar(select(func.count(ClaimRow.id))) or 0,
    )
    yield CounterMetricFamily(
        "newsmon_change_events",
        "Change events (the source of every alert).",
        value=session.scalar(select(func.count(ChangeEvent.id))) or 0,
    )
    deliveries = GaugeMetricFamily(
        "newsmon_deliveries", "Deliveries in the outbox by status.", labels=["status"]
    )
    counts = dict(
        session.execute(select(Delivery.status, func.count()).group_by(Delivery.status)).all()
    )
    for status in DeliveryStatus:
        deliveries.add_metric([status.value], counts.get(status, 0))
    yield deliveries
    yield GaugeMetricFamily(
        "newsmon_queue_depth",
        "Deliveries waiting to be sent (pending, due or not).",
        value=counts.get(DeliveryStatus.pending, 0),
    )


class _QuietServer(ThreadingHTTPServer):
    """Reports a request that failed (a scraper that hung up) as a log line, not on stderr.

    The socketserver default prints a banner and traceback to stderr, which would break the
    service's JSON log lines.
    """

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.warning(
            "status endpoint: a request from %s failed: %s",
            client_address[0] if client_address else "?",
            first_line(sys.exc_info()[1] or RuntimeError("unknown error")),
        )


class StatusServer:
    """``/healthz`` and ``/metrics`` over HTTP, served from a daemon thread."""

    def __init__(self, metrics: ServiceMetrics, probe: HealthProbe, host: str, port: int):
        status = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                if path == "/metrics":
                    status._answer(self, 200, CONTENT_TYPE_LATEST, metrics.render())
                elif path == "/healthz":
                    healthy, details = probe()
                    body = json.dumps(
                        {"status": "ok" if healthy else "unhealthy", **details}, default=str
                    ).encode()
                    status._answer(self, 200 if healthy else 503, "application/json", body)
                else:
                    hint = b"not found: try /healthz or /metrics\n"
                    status._answer(self, 404, "text/plain", hint)

            def log_message(self, format: str, *args: Any) -> None:
                logger.debug("status endpoint: " + format, *args)

        self._server = _QuietServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="newsmon-status", daemon=True
        )

    @property
    def address(self) -> tuple[str, int]:
        """The host and port it listens on (the port chosen when 0 was asked for)."""
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    def start(self) -> StatusServer:
        """Serve in the background."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    @staticmethod
    def _answer(handler: BaseHTTPRequestHandler, code: int, content_type: str, body: bytes) -> None:
        handler.send_response(code)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
