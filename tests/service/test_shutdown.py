"""SIGTERM leaves pending alerts pending; the next start sends them."""

from __future__ import annotations

import base64
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.routing import Router
from newsmon.config import AlertsConfig, WebhookConfig, load_settings
from newsmon.detector.model import Certainty, Claim
from newsmon.localsite.receivers import WebhookReceiver
from newsmon.scheduler import Service, child_command
from newsmon.storage.articles import add_article
from newsmon.storage.db import open_database
from newsmon.storage.models import Delivery, DeliveryStatus, utcnow
from newsmon.storage.state import apply_claims

SECRET = "whsec_" + base64.b64encode(b"shutdown test secret, 32 bytes!!").decode()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    hook = WebhookReceiver(secret=SECRET, status=503).start()
    yield hook
    hook.stop()


@pytest.fixture
def restore_signals() -> Iterator[None]:
    handlers = {
        sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    }
    yield
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


def _one_event(sessions: sessionmaker[Session], url: str) -> None:
    router = Router.from_config(AlertsConfig(webhooks=[WebhookConfig(url=url, secret=SECRET)]))
    with sessions() as session, session.begin():
        article = add_article(
            session,
            source_name="local",
            url="https://local.example/wrap",
            canonical_url="https://local.example/wrap",
            headline="Wrapped",
            text="Harbour Lights has wrapped filming.",
            published=utcnow().date(),
            published_raw=None,
            published_source="page",
        )
        claim = Claim(
            show="Harbour Lights",
            season=None,
            facet="stage",
            value="wrapped",
            certainty=Certainty.confirmed,
            as_of=utcnow().date().isoformat(),
            evidence="Harbour Lights has wrapped filming.",
            rule_id="test.wrapped",
        )
        apply_claims(session, article=article, claims=[claim], route=router)


def _run_until_sigterm(service: Service, seconds: float) -> None:
    # The signal is delivered to this (main) thread, as it would be to `newsmon run`.
    timer = threading.Timer(seconds, os.kill, args=(os.getpid(), signal.SIGTERM))
    timer.start()
    started = time.monotonic()
    service.run()
    timer.join()
    assert time.monotonic() - started < seconds + 10


def _delivery(sessions: sessionmaker[Session]) -> Delivery:
    with sessions() as session:
        row = session.scalars(select(Delivery)).one()
        session.expunge(row)
        return row


def test_sigterm_leaves_a_pending_alert_pending_and_a_restart_sends_it(
    tmp_path: Path, receiver: WebhookReceiver, restore_signals: None
) -> None:
    config = tmp_path / "newsmon.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "database_url": f"sqlite:///{tmp_path / 'store.db'}",
                "alerts": {"webhooks": [{"url": receiver.url, "secret": SECRET}]},
                "service": {"dispatch_interval": 0.5, "metrics_port": 0},
            }
        )
    )
    settings = load_settings(config)
    engine, sessions = open_database(settings.database_url)
    _one_event(sessions, receiver.url)
    command = child_command(config, "text", 0)

    _run_until_sigterm(Service(settings, sessions, command), 2.0)
    delivery = _delivery(sessions)
    assert len(receiver.received) == 1  # tried once, answered 503
    assert delivery.status is DeliveryStatus.pending
    assert delivery.attempts == 1
    assert delivery.next_attempt_at > utcnow()  # waiting for its retry

    # Started again once the retry is due, with the receiver back: sent, once.
    receiver.status = 200
    with sessions() as session, session.begin():
        session.execute(update(Delivery).values(next_attempt_at=utcnow()))
    _run_until_sigterm(Service(settings, sessions, command), 2.0)
    delivery = _delivery(sessions)
    assert delivery.status is DeliveryStatus.sent
    assert delivery.attempts == 2
    assert len(receiver.received) == 2
    assert receiver.received[0].headers["webhook-id"] == receiver.received[1].headers["webhook-id"]
    engine.dispose()
