"""A source that keeps failing, or falls silent, is reported once; its recovery once more."""

from __future__ import annotations

import base64
import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.channels.email import EmailChannel
from newsmon.alerts.channels.webhook import WebhookChannel
from newsmon.config import EmailConfig, ServiceConfig
from newsmon.localsite.receivers import SmtpSink, WebhookReceiver
from newsmon.service.health import HealthWatch, poll_failed
from newsmon.storage.articles import add_article
from newsmon.storage.db import open_database
from newsmon.storage.models import SourcePoll
from newsmon.storage.polls import record_poll

SECRET = "whsec_" + base64.b64encode(b"source health tests, 32 bytes!!!").decode()
T0 = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    engine, factory = open_database(database_url)
    yield factory
    engine.dispose()


@pytest.fixture
def receivers() -> Iterator[tuple[WebhookReceiver, SmtpSink]]:
    hook = WebhookReceiver(secret=SECRET).start()
    sink = SmtpSink().start()
    yield hook, sink
    hook.stop()
    sink.stop()


def _channels(hook: WebhookReceiver, sink: SmtpSink) -> list[Any]:
    email = EmailChannel(
        EmailConfig(
            host="127.0.0.1",
            port=sink.port,
            security="none",
            sender="newsmon@localhost",
            recipients=["ops@localhost"],
        )
    )
    return [WebhookChannel(hook.url, SECRET), email]


def _watch(
    sessions: sessionmaker[Session], hook: WebhookReceiver, sink: SmtpSink, **config: Any
) -> HealthWatch:
    service = ServiceConfig(**{"failing_polls": 3, "silent_after": None, **config})
    return HealthWatch(sessions, _channels(hook, sink), service, ["tv-news"])


def _poll(sessions: sessionmaker[Session], at: dt.datetime, *, ok: bool) -> None:
    with sessions() as session, session.begin():
        if ok:
            record_poll(session, source="tv-news", started_at=at, finished_at=at, pages=3, stored=1)
        else:
            record_poll(
                session,
                source="tv-news",
                started_at=at,
                finished_at=at,
                errors={"dns": 1},
                finish_reason="finished",
            )


def _wait_for(predicate: Any, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_failing_is_reported_once_survives_a_restart_and_recovery_is_reported_once(
    sessions: sessionmaker[Session], receivers: tuple[WebhookReceiver, SmtpSink]
) -> None:
    hook, sink = receivers
    watch = _watch(sessions, hook, sink)
    for minute in range(2):
        _poll(sessions, T0 + dt.timedelta(minutes=minute), ok=False)
        assert watch.check(T0 + dt.timedelta(minutes=minute)) == []

    _poll(sessions, T0 + dt.timedelta(minutes=2), ok=False)
    (notice,) = watch.check(T0 + dt.timedelta(minutes=2))
    assert notice.status == "failing"
    _wait_for(lambda: len(hook.received) == 1 and len(sink.messages) == 1)
    payload = hook.received[0].payload
    assert hook.received[0].signature_valid
    assert payload["type"] == "source.unhealthy"
    assert payload["data"]["source"] == "tv-news"
    assert payload["data"]["status"] == "failing"
    assert payload["data"]["reason"] == "its last 3 polls failed (errors: dns 1)"
    subject = sink.messages[0]["Subject"].strip()  # a long subject is folded
    assert subject == "newsmon: source tv-news is failing: its last 3 polls failed (errors: dns 1)"
    body = sink.messages[0].get_body(preferencelist=("plain",))
    assert body is not None
    assert "newsmon crawl --source tv-news" in body.get_content()

    # Still failing, and after a restart: nothing is said twice.
    _poll(sessions, T0 + dt.timedelta(minutes=3), ok=False)
    assert watch.check(T0 + dt.timedelta(minutes=3)) == []
    restarted = _watch(sessions, hook, sink)
    assert restarted.check(T0 + dt.timedelta(minutes=4)) == []

    _poll(sessions, T0 + dt.timedelta(minutes=5), ok=True)
    (recovered,) = restarted.check(T0 + dt.timedelta(minutes=5))
    assert recovered.status == "recovered"
    assert restarted.check(T0 + dt.timedelta(minutes=6)) == []
    _wait_for(lambda: len(hook.received) == 2 and len(sink.messages) == 2)
    time.sleep(0.2)
    assert [h.payload["type"] for h in hook.received] == ["source.unhealthy", "source.recovered"]
    assert hook.received[1].headers["webhook-id"] != hook.received[0].headers["webhook-id"]
    assert sink.messages[1]["Subject"] == "newsmon: source tv-news has recovered"


def test_a_notice_that_could_not_be_sent_is_retried_and_only_where_it_failed(
    sessions: sessionmaker[Session], receivers: tuple[WebhookReceiver, SmtpSink]
) -> None:
    hook, sink = receivers
    hook.status = 503
    watch = _watch(sessions, hook, sink, failing_polls=1)
    _poll(sessions, T0, ok=False)
    watch.check(T0)
    _wait_for(lambda: len(sink.messages) == 1)
    assert len(hook.received) == 1  # answered 503

    hook.status = 200
    watch.check(T0 + dt.timedelta(minutes=1))
    _wait_for(lambda: len(hook.received) == 2)
    first, second = hook.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]  # the same notice
    assert len(sink.messages) == 1  # email had it already
    assert watch.check(T0 + dt.timedelta(minutes=2)) == []


def test_a_source_that_published_nothing_for_too_long_is_silent(
    sessions: sessionmaker[Session], receivers: tuple[WebhookReceiver, SmtpSink]
) -> None:
    hook, sink = receivers
    watch = _watch(sessions, hook, sink, silent_after="1d")
    with sessions() as session, session.begin():
        article = add_article(
            session,
            source_name="tv-news",
            url="https://tv-news.example/a",
            canonical_url="https://tv-news.example/a",
            headline="A story",
            text="A story about a show.",
            published=T0.date(),
            published_raw=None,
            published_source="page",
        )
        article.first_seen_at = T0
    _poll(sessions, T0 + dt.timedelta(hours=20), ok=True)
    assert watch.check(T0 + dt.timedelta(hours=20)) == []
    _poll(sessions, T0 + dt.timedelta(hours=30), ok=True)
    (notice,) = watch.check(T0 + dt.timedelta(hours=30))
    assert notice.status == "silent"
    assert notice.reason == "no new article for 1 day (the last one was stored 04 May 2026)"
    _wait_for(lambda: len(sink.messages) == 1)
    assert sink.messages[0]["Subject"].strip().startswith("newsmon: source tv-news is silent: ")


def test_a_poll_fails_as_a_whole_only_when_nothing_worked() -> None:
    def poll(**values: Any) -> SourcePoll:
        defaults: dict[str, Any] = {
            "pages": 0,
            "stored": 0,
            "error_count": 0,
            "finish_reason": "finished",
        }
        return SourcePoll(**{**defaults, **values})

    assert not poll_failed(poll(pages=12, stored=3, error_count=1))  # one article 404
    assert not poll_failed(poll())  # nothing new, nothing wrong (304s)
    assert poll_failed(poll(error_count=2))  # feed unreachable
    assert poll_failed(poll(finish_reason="error", error_count=1))
    assert poll_failed(poll(finish_reason="killed", error_count=1, pages=40))
