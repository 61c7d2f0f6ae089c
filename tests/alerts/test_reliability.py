"""Alerts are never lost and never marked sent unseen: real servers, real crashes.

- The receiver is down (refusing, then answering 503) while 50 events are
  produced; it comes back; every event arrives, signed, repeats sharing an id.
- A dispatcher process is SIGKILLed in the middle of sending, 12 times; after
  each kill every row marked sent was received, and in the end every event is.
- The SMTP server rejects mails (5xx), then accepts them, through the outbox.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from standardwebhooks.webhooks import Webhook

from newsmon.alerts.channels.email import EmailChannel
from newsmon.alerts.channels.webhook import WebhookChannel
from newsmon.alerts.dispatch import dispatch_pending, lease_for
from newsmon.alerts.routing import Router
from newsmon.config import AlertsConfig, EmailConfig
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.models import Delivery, DeliveryStatus
from tests.alerts.conftest import (
    SECRET,
    Receiver,
    SmtpServer,
    add_event,
    free_port,
    load,
    serve,
)
from tests.factories import read_stage_news

REPO = Path(__file__).resolve().parents[2]
Factory = sessionmaker[Session]


def _produce(factory: Factory, router: Router, number: int) -> None:
    """Read one article whose claim changes a show's stage: one event, routed."""
    day = dt.date(2026, 1, 1) + dt.timedelta(days=number)
    with unit_of_work(factory) as session:
        (event,) = read_stage_news(session, number=number, stage="wrapped", day=day, route=router)
        assert event.to_value == "wrapped"


def _all_deliveries(factory: Factory) -> list[Delivery]:
    with factory() as session:
        rows = list(session.scalars(select(Delivery).order_by(Delivery.id)))
        session.expunge_all()
        return rows


def test_receiver_down_then_503_then_back_every_one_of_50_events_arrives(
    database_url: str, receiver: Receiver
):
    engine, factory = open_database(database_url)
    port = free_port()
    url = f"http://127.0.0.1:{port}/hooks/down"
    # News dated early 2026: delivery is tested here, not the age filter.
    config = AlertsConfig.model_validate(
        {"webhooks": [{"url": url, "secret": SECRET}], "max_age": None}
    )
    router = Router.from_config(config)
    channel = WebhookChannel(url, SECRET, timeout=3)
    clock = dt.datetime.now(dt.UTC)
    try:
        # Down: nothing listens, so every attempt is refused while events keep coming.
        for number in range(50):
            _produce(factory, router, number)
            clock += dt.timedelta(minutes=1)
            if number % 10 == 9:
                summary = dispatch_pending(factory, [channel], now=clock)
                assert summary.sent == 0
                assert summary.failed == 0
        # Up again, overloaded at first: 503 for the first 70 requests.
        back = Receiver(url=url, answers=[503] * 70)
        stop = serve(back, port=port)
        try:
            for _ in range(8):
                clock += dt.timedelta(hours=11)  # past any wait of the retry schedule
                if dispatch_pending(factory, [channel], now=clock).total == 0:
                    break
        finally:
            stop()

        rows = _all_deliveries(factory)
        assert len(rows) == 50
        assert {row.status for row in rows} == {DeliveryStatus.sent}
        by_event: dict[int, set[str]] = defaultdict(set)
        accepted: set[int] = set()
        for request, status in zip(back.requests, back.answered, strict=True):
            data = Webhook(SECRET).verify(request.body, request.headers)["data"]
            by_event[data["event_id"]].add(request.header("webhook-id") or "")
            if status == 204:
                accepted.add(data["event_id"])
        assert set(by_event) == {row.event_id for row in rows} == accepted
        # Every repeat of one event carried the delivery's one id.
        assert {row.event_id: {row.message_id} for row in rows} == dict(by_event)
        assert len(back.requests) == 120  # 70 refused with 503, then 50 accepted
        for row in rows:
            log = row.attempt_log
            assert log[-1]["error"] is None
            assert all(isinstance(entry["duration_ms"], int) for entry in log)
            refused = [entry for entry in log if entry["status_code"] is None and entry["error"]]
            assert refused
            assert all("refused" in str(entry["error"]) for entry in refused)
        assert any(503 in [entry["status_code"] for entry in row.attempt_log] for row in rows)
    finally:
        engine.dispose()


def _config_file(tmp_path: Path, database_url: str, url: str) -> Path:
    path = tmp_path / "newsmon.yaml"
    hooks = [{"url": url, "secret": SECRET}]
    path.write_text(json.dumps({"database_url": database_url, "alerts": {"webhooks": hooks}}))
    return path


def test_a_dispatcher_killed_mid_send_20_times_loses_nothing_and_lies_about_nothing(
    database_url: str, receiver: Receiver, tmp_path: Path
):
    engine, factory = open_database(database_url)
    config = _config_file(tmp_path, database_url, receiver.url)
    target = [("webhook", "webhook:0")]
    # Enough rows that each run finds some free: a killed sender holds its row until the lease ends.
    for number in range(80):
        add_event(factory, target, show=f"Show {number}")
    receiver.delay = 0.04  # a slow receiver: kills land while a request is in flight
    chooser = random.Random(5)
    command = [sys.executable, "-m", "newsmon", "--config", str(config), "alerts", "send", "--now"]
    kills = 0
    try:
        for run in range(12):
            seen = len(receiver.requests)
            child = subprocess.Popen(
                command,
                cwd=REPO,
                env={**os.environ, "PYTHONPATH": str(REPO)},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            # Kill points: after 1 to 3 more requests arrived, plus 0-80 ms (waiting
            # for the answer, recording the attempt, claiming the next row), or at start-up.
            wanted = seen + 1 + run % 3
            deadline = time.monotonic() + 20
            while (
                run % 7 != 6
                and len(receiver.requests) < wanted
                and child.poll() is None
                and time.monotonic() < deadline
            ):
                time.sleep(0.002)
            time.sleep(chooser.uniform(0, 0.08) if run % 7 != 6 else 0.3)
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
                kills += 1
            child.wait(10)
            received = {request.header("webhook-id") for request in receiver.requests}
            marked_sent = {
                row.message_id for row in _all_deliveries(factory) if row.status.value == "sent"
            }
            assert marked_sent <= received, f"run {run}: marked sent but never received"

        assert kills >= 10
        # Restarted for good, once the killed senders' leases have ended: everything
        # still pending goes out.
        receiver.delay = 0
        channel = WebhookChannel(receiver.url, SECRET)
        after_leases = dt.datetime.now(dt.UTC) + lease_for(channel.deadline)
        dispatch_pending(factory, [channel], now=after_leases, include_not_due=True)
        rows = _all_deliveries(factory)
        assert {row.status for row in rows} == {DeliveryStatus.sent}
        received_ids = [request.header("webhook-id") for request in receiver.requests]
        assert set(received_ids) == {row.message_id for row in rows}
        for request in receiver.requests:
            Webhook(SECRET).verify(request.body, request.headers)
        # Repeats happen (a kill after the receiver answered), always under the same id.
        assert len(received_ids) >= len(rows)
        print(f"{kills} kills; {len(received_ids)} requests for {len(rows)} deliveries")
    finally:
        engine.dispose()


def test_smtp_rejects_then_accepts_through_the_outbox(store: Factory, smtp_server: SmtpServer):
    channel = EmailChannel(
        EmailConfig(
            host=smtp_server.host,
            port=smtp_server.port,
            sender="alerts@newsmon.example.test",
            recipients=["ann@example.test"],
            timeout=5,
        )
    )
    ids = [add_event(store, [(channel.kind, channel.target)], show=s)[0] for s in ("A", "B")]
    smtp_server.inbox.rejections = 3  # both mails, then the first one's retry
    clock = dt.datetime.now(dt.UTC)
    for _ in range(4):
        dispatch_pending(store, [channel], now=clock)
        clock += dt.timedelta(hours=11)

    rows = [load(store, i) for i in ids]
    assert [row.status for row in rows] == [DeliveryStatus.sent] * 2
    assert [[e["status_code"] for e in row.attempt_log] for row in rows] == [
        [554, 554, 250],
        [554, 250],
    ]
    # Each mail arrived once, under the Message-ID its delivery has had since the start.
    received = sorted(
        str(email.message_from_bytes(content, policy=email.policy.default)["Message-ID"]).strip()
        for _, _, content in smtp_server.inbox.mails
    )
    assert received == sorted(f"<{row.message_id}.newsmon@newsmon.example.test>" for row in rows)
