"""Several senders on one SQLite store, and slow receivers: real processes, real sockets.

- Three ``newsmon alerts send`` started at once deliver each webhook id once.
- A sender SIGKILLed mid-batch loses nothing: its row goes out when its lease ends.
- A receiver trickling its answer a byte at a time is cut at the delivery
  deadline, retried later, and holds up neither another channel nor ``alerts test``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.dispatch import lease_for
from newsmon.storage.db import open_database
from newsmon.storage.models import Delivery, DeliveryStatus
from tests.alerts.conftest import SECRET, Receiver, Trickler, add_event

REPO = Path(__file__).resolve().parents[2]
Factory = sessionmaker[Session]


def _config(tmp_path: Path, alerts: dict[str, Any]) -> tuple[Path, str]:
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    path = tmp_path / "newsmon.yaml"
    path.write_text(json.dumps({"database_url": database_url, "alerts": alerts}))
    return path, database_url


def _sender(config: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--config", str(config), "alerts", *args],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _rows(factory: Factory) -> list[Delivery]:
    with factory() as session:
        rows = list(session.scalars(select(Delivery).order_by(Delivery.id)))
        session.expunge_all()
        return rows


def _sent_count(output: str) -> int:
    found = re.search(r"alerts: (\d+) sent", output)
    return int(found.group(1)) if found else 0


def test_three_senders_at_once_deliver_each_webhook_exactly_once(
    tmp_path: Path, receiver: Receiver
):
    config, database_url = _config(
        tmp_path, {"webhooks": [{"url": receiver.url, "secret": SECRET}]}
    )
    engine, factory = open_database(database_url)
    try:
        for number in range(90):
            add_event(factory, [("webhook", "webhook:0")], show=f"Show {number}")
        receiver.delay = 0.03  # long enough a batch that the three overlap

        senders = [_sender(config, "send") for _ in range(3)]
        outputs = [sender.communicate(timeout=120) for sender in senders]

        assert [sender.returncode for sender in senders] == [0, 0, 0], outputs
        ids = [request.header("webhook-id") for request in receiver.requests]
        repeated = {i: n for i, n in Counter(ids).items() if n > 1}
        assert repeated == {}, f"sent more than once: {repeated}"
        rows = _rows(factory)
        assert set(ids) == {row.message_id for row in rows}
        assert {row.status for row in rows} == {DeliveryStatus.sent}
        assert all(row.claimed_by is None and row.lease_until is None for row in rows)
        # They really shared the work: more than one sender sent something.
        sent = [_sent_count(out) for out, _ in outputs]
        assert sum(sent) == 90
        assert sum(1 for n in sent if n) >= 2, sent
    finally:
        engine.dispose()


def test_a_sender_killed_mid_batch_loses_nothing_its_row_goes_out_after_the_lease(
    tmp_path: Path, receiver: Receiver
):
    alerts = {"webhooks": [{"url": receiver.url, "secret": SECRET}], "delivery_timeout": 1}
    config, database_url = _config(tmp_path, alerts)
    engine, factory = open_database(database_url)
    try:
        for number in range(6):
            add_event(factory, [("webhook", "webhook:0")], show=f"Show {number}")
        receiver.delay = 0.8  # each answer takes a while: the kill lands mid-request

        killed = _sender(config, "send")
        deadline = time.monotonic() + 30
        while len(receiver.requests) < 2 and time.monotonic() < deadline:
            time.sleep(0.005)
        killed.send_signal(signal.SIGKILL)
        killed.communicate(timeout=10)
        killed_at = time.monotonic()
        in_flight = receiver.requests[-1].header("webhook-id") or ""
        lease = lease_for(1).total_seconds()

        # Another sender right away sends all the rest, but not the row still leased.
        receiver.delay = 0
        out, err = _sender(config, "send").communicate(timeout=60)
        assert time.monotonic() - killed_at < lease, "too slow to see the live lease"
        rows = {row.message_id: row for row in _rows(factory)}
        assert rows[in_flight].status is DeliveryStatus.pending
        assert rows[in_flight].lease_until is not None
        others = [row for message_id, row in rows.items() if message_id != in_flight]
        assert {row.status for row in others} == {DeliveryStatus.sent}, out + err

        # Once the lease has ended, the next sender takes the row: nothing is lost.
        time.sleep(max(0.0, killed_at + lease + 0.5 - time.monotonic()))
        out, err = _sender(config, "send").communicate(timeout=60)
        assert "alerts: 1 sent" in out, out + err
        rows = {row.message_id: row for row in _rows(factory)}
        assert {row.status for row in rows.values()} == {DeliveryStatus.sent}
        ids = [request.header("webhook-id") for request in receiver.requests]
        assert set(ids) == set(rows)
        # The only repeat is the row in flight at the kill, under its one id.
        assert {i: n for i, n in Counter(ids).items() if n > 1} == {in_flight: 2}
    finally:
        engine.dispose()


def test_a_trickling_receiver_is_cut_at_the_deadline_and_holds_up_no_one(
    tmp_path: Path, receiver: Receiver, trickler: Trickler
):
    alerts = {
        "webhooks": [
            {"url": trickler.url, "secret": SECRET, "name": "slow"},
            {"url": receiver.url, "secret": SECRET, "name": "fast"},
        ],
        "delivery_timeout": 1.5,
    }
    config, database_url = _config(tmp_path, alerts)
    engine, factory = open_database(database_url)
    try:
        for number in range(3):
            add_event(
                factory,
                [("webhook", "webhook:slow"), ("webhook", "webhook:fast")],
                show=f"S{number}",
            )
        sender = _sender(config, "send")
        while len(receiver.requests) < 3 and sender.poll() is None:
            time.sleep(0.005)
        fast_done = time.monotonic()
        out, err = sender.communicate(timeout=60)
        finished = time.monotonic()

        # The fast receiver had its three while the slow one was still on its first.
        assert len(receiver.requests) == 3
        assert len(trickler.arrivals) == 3
        first_slow = trickler.arrivals[0]
        assert fast_done - first_slow < 1.5, "the fast channel waited for the slow one"
        # Each slow delivery was cut at the deadline, in order, one after another.
        gaps = [b - a for a, b in zip(trickler.arrivals, trickler.arrivals[1:], strict=False)]
        assert all(1.4 <= gap < 3 for gap in gaps), gaps
        assert 4.5 <= finished - first_slow < 9, out + err
        print(
            f"fast: 3 alerts {fast_done - first_slow:.2f} s after the first slow request; "
            f"slow: cut off after {', '.join(f'{gap:.2f}' for gap in gaps)} s"
        )
        assert "alerts: 3 sent, 3 to retry later" in out

        slow = [row for row in _rows(factory) if row.target == "webhook:slow"]
        for row in slow:
            assert row.status is DeliveryStatus.pending
            assert row.attempts == 1
            assert row.last_error is not None
            assert "no complete answer within 1.5 s" in row.last_error
            (entry,) = row.attempt_log
            took = int(str(entry["duration_ms"])) / 1000
            assert 1.4 <= took < 3
            # Retried later, after the first wait of the schedule (5 s, +-10 %).
            tried_at = dt.datetime.fromisoformat(str(entry["at"]))
            wait = (row.next_attempt_at - tried_at).total_seconds() - took
            assert 4.4 <= wait <= 5.6, wait

        # `alerts test` gives up at the deadline too, in one line.
        test = _sender(config, "test", "webhook:slow")
        out, err = test.communicate(timeout=60)
        # Timed from its request's arrival: start-up varies with the machine's load.
        assert len(trickler.arrivals) == 4
        assert time.monotonic() - trickler.arrivals[3] < 1.5 + 2
        assert test.returncode == 1
        (line,) = err.strip().splitlines()
        assert line.startswith("newsmon: error: test alert via webhook:slow failed: ")
        assert line.endswith("no complete answer within 1.5 s")

        # When it answers properly again, the retries carry the same ids.
        trickler.trickle = False
        out, err = _sender(config, "send", "--now").communicate(timeout=60)
        assert "alerts: 3 sent" in out, out + err
        assert len(trickler.ids) == 7  # 3 cut off, 1 test alert, 3 retries
        assert trickler.ids[:3] == trickler.ids[4:]  # in order, under the same ids
    finally:
        engine.dispose()


def test_three_senders_at_once_send_a_digest_once(tmp_path: Path, receiver: Receiver):
    hook = {"url": receiver.url, "secret": SECRET, "digest": "hourly"}
    config, database_url = _config(tmp_path, {"webhooks": [hook]})
    engine, factory = open_database(database_url)
    try:
        for number in range(20):
            add_event(factory, [("webhook", "webhook:0")], show=f"Show {number}")
        receiver.delay = 3.0  # the digest is in flight while the others start and look

        senders = [_sender(config, "send", "--now") for _ in range(3)]
        outputs = [sender.communicate(timeout=120) for sender in senders]

        assert [sender.returncode for sender in senders] == [0, 0, 0], outputs
        (request,) = receiver.requests
        assert json.loads(request.body)["data"]["count"] == 20
        assert {row.status for row in _rows(factory)} == {DeliveryStatus.sent}
    finally:
        engine.dispose()
