"""``/metrics`` in Prometheus format (store counts read at scrape time) and ``/healthz``."""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.routing import Router
from newsmon.config import AlertsConfig, WebhookConfig
from newsmon.service.metrics import ServiceMetrics, StatusServer
from newsmon.storage.db import open_database
from newsmon.storage.models import Delivery, DeliveryStatus
from newsmon.storage.polls import record_poll
from tests.factories import read_stage_news

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
NOW = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine, factory = open_database(database_url)
    yield factory
    engine.dispose()


def _fill(sessions: sessionmaker[Session]) -> None:
    hook = WebhookConfig(url="http://127.0.0.1:9/hook", secret=SECRET)
    router = Router.from_config(AlertsConfig(webhooks=[hook], max_age=None))  # news of NOW
    with sessions() as session, session.begin():
        record_poll(session, source="tv", started_at=NOW, finished_at=NOW, pages=7, stored=2)
        record_poll(session, source="tv", started_at=NOW, finished_at=NOW, errors={"dns": 1})
        for number in range(3):
            read_stage_news(
                session,
                number=number,
                stage="wrapped",
                day=NOW.date(),
                route=router,
                site="https://tv.example",
            )
        session.execute(update(Delivery).where(Delivery.id == 1).values(status=DeliveryStatus.sent))


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode()


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_metrics_count_what_the_store_holds_and_what_the_service_did(
    sessions: sessionmaker[Session],
) -> None:
    _fill(sessions)
    metrics = ServiceMetrics(sessions)
    metrics.crawl_seconds.labels("tv").observe(4.2)
    metrics.crawls.labels("tv", "ok").inc()
    metrics.dispatched.labels("sent").inc(3)
    healthy: dict[str, Any] = {"ok": True}
    server = StatusServer(
        metrics, lambda: (healthy["ok"], {"running_crawls": []}), "127.0.0.1", 0
    ).start()
    host, port = server.address
    try:
        assert host == "127.0.0.1"
        status, content_type, text = _get(f"http://{host}:{port}/metrics")
        assert status == 200
        assert content_type.startswith("text/plain")
        values = _samples(text)
        assert values[("newsmon_store_up", ())] == 1
        assert values[("newsmon_polls_total", (("result", "ok"), ("source", "tv")))] == 1
        assert values[("newsmon_polls_total", (("result", "failed"), ("source", "tv")))] == 1
        assert values[("newsmon_pages_total", (("source", "tv"),))] == 7
        assert values[("newsmon_articles_total", ())] == 3
        assert values[("newsmon_duplicates_total", ())] == 0
        assert values[("newsmon_claims_total", ())] == 3
        assert values[("newsmon_change_events_total", ())] == 3
        assert values[("newsmon_deliveries", (("status", "sent"),))] == 1
        assert values[("newsmon_deliveries", (("status", "pending"),))] == 2
        assert values[("newsmon_queue_depth", ())] == 2
        assert values[("newsmon_crawl_duration_seconds_count", (("source", "tv"),))] == 1
        assert (
            values[("newsmon_crawl_duration_seconds_bucket", (("le", "5.0"), ("source", "tv")))]
            == 1
        )
        assert values[("newsmon_crawls_total", (("outcome", "ok"), ("source", "tv")))] == 1
        assert values[("newsmon_dispatched_deliveries_total", (("outcome", "sent"),))] == 3

        status, content_type, text = _get(f"http://{host}:{port}/healthz")
        assert (status, content_type) == (200, "application/json")
        assert json.loads(text)["status"] == "ok"
        healthy["ok"] = False
        status, _, text = _get(f"http://{host}:{port}/healthz")
        assert status == 503
        assert json.loads(text)["status"] == "unhealthy"
        assert _get(f"http://{host}:{port}/other")[0] == 404
    finally:
        server.stop()


def test_an_unreachable_store_is_a_metric_not_a_crash(tmp_path: Any) -> None:
    engine, sessions = open_database(f"sqlite:///{tmp_path / 'store.db'}")
    engine.dispose()
    (tmp_path / "store.db").unlink()
    (tmp_path / "store.db").mkdir()  # no longer a database file
    text = ServiceMetrics(sessions).render().decode()
    assert _samples(text)[("newsmon_store_up", ())] == 0
