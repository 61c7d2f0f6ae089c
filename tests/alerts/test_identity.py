"""Pending deliveries belong to a channel, not to its URL; URLs may carry Basic auth.

Real ``newsmon alerts send`` processes, real receivers, a configuration
file edited between runs as a user would.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.routing import Router
from newsmon.config import load_settings
from newsmon.storage.db import open_database, unit_of_work
from newsmon.storage.models import Delivery, DeliveryStatus
from tests.alerts.conftest import SECRET, Receiver, serve
from tests.factories import read_stage_news

REPO = Path(__file__).resolve().parents[2]
Factory = sessionmaker[Session]


class Setup:
    """A configuration file and its store; ``write`` changes the alerts section."""

    def __init__(self, tmp_path: Path):
        self.path = tmp_path / "newsmon.yaml"
        self.database_url = f"sqlite:///{tmp_path / 'store.db'}"
        self.engine, self.store = open_database(self.database_url)

    def write(self, alerts: dict[str, Any]) -> None:
        # News dated early 2026: channel identity is tested here, not the age filter.
        alerts = {"max_age": None, **alerts}
        self.path.write_text(json.dumps({"database_url": self.database_url, "alerts": alerts}))

    def produce(self, count: int, first: int = 0) -> None:
        """Read ``count`` articles that change a show each, routed by the current config."""
        router = Router.from_config(load_settings(self.path).alerts)
        for number in range(first, first + count):
            with unit_of_work(self.store) as session:
                day = dt.date(2026, 1, 1) + dt.timedelta(days=number)
                read_stage_news(session, number=number, stage="wrapped", day=day, route=router)

    def newsmon(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "newsmon", "--config", str(self.path), *args],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def rows(self) -> list[Delivery]:
        with self.store() as session:
            rows = list(session.scalars(select(Delivery).order_by(Delivery.id)))
            session.expunge_all()
            return rows


def _hook(url: str, **more: str) -> dict[str, str]:
    return {"url": url, "secret": SECRET, **more}


def _ids(receiver: Receiver) -> list[str]:
    return [request.header("webhook-id") or "" for request in receiver.requests]


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "ERROR" in line]


def test_a_changed_url_gets_what_was_pending_for_the_old_one(tmp_path: Path, receiver: Receiver):
    moved = Receiver(url="http://127.0.0.1/hooks/moved")
    stop = serve(moved)
    setup = Setup(tmp_path)
    try:
        setup.write({"webhooks": [_hook(receiver.url)]})
        setup.produce(3)
        assert {row.target for row in setup.rows()} == {"webhook:0"}  # the channel, not its URL

        setup.write({"webhooks": [_hook(moved.url)]})
        result = setup.newsmon("alerts", "send")

        assert result.returncode == 0, result.stderr
        assert "alerts: 3 sent" in result.stdout
        assert _error_lines(result.stderr) == []
        assert receiver.requests == []
        rows = setup.rows()
        assert sorted(_ids(moved)) == sorted(row.message_id for row in rows)
        assert {row.status for row in rows} == {DeliveryStatus.sent}
    finally:
        stop()
        setup.engine.dispose()


def test_a_named_channel_keeps_its_deliveries_when_channels_are_reordered(
    tmp_path: Path, receiver: Receiver
):
    other = Receiver(url="http://127.0.0.1/hooks/other")
    stop = serve(other)
    setup = Setup(tmp_path)
    try:
        setup.write({"webhooks": [_hook(receiver.url, name="ops")]})
        setup.produce(2)
        assert {row.target for row in setup.rows()} == {"webhook:ops"}

        # A new webhook goes first, and "ops" moves to a new address: "ops" still gets its own.
        ops_moved = receiver.url.replace("/hooks/newsmon", "/hooks/ops")
        setup.write({"webhooks": [_hook(other.url), _hook(ops_moved, name="ops")]})
        result = setup.newsmon("alerts", "send")

        assert result.returncode == 0, result.stderr
        assert other.requests == []
        assert [request.path for request in receiver.requests] == ["/hooks/ops"] * 2
        listing = [
            json.loads(line)
            for line in setup.newsmon("alerts", "list", "--jsonl").stdout.splitlines()
        ]
        assert {(row["channel"], row["status"]) for row in listing} == {("webhook:ops", "sent")}
    finally:
        stop()
        setup.engine.dispose()


def test_deliveries_of_a_removed_channel_are_reported_once_and_marked(
    tmp_path: Path, receiver: Receiver
):
    setup = Setup(tmp_path)
    try:
        setup.write({"webhooks": [_hook(receiver.url), _hook(receiver.url + "/second")]})
        setup.produce(4)
        assert len(setup.rows()) == 8

        # The second webhook is removed; the first stays.
        setup.write({"webhooks": [_hook(receiver.url)]})
        result = setup.newsmon("alerts", "send")

        assert result.returncode == 0, result.stderr
        (line,) = _error_lines(result.stderr)
        assert "4 pending deliveries of webhook webhook:1" in line
        assert "no longer configured" in line
        assert [request.path for request in receiver.requests] == ["/hooks/newsmon"] * 4
        removed = [row for row in setup.rows() if row.target == "webhook:1"]
        assert {row.status for row in removed} == {DeliveryStatus.failed}
        assert all("webhook:1 is no longer configured" in (row.last_error or "") for row in removed)
        assert all(row.attempts == 0 for row in removed)  # never sent anywhere else

        again = setup.newsmon("alerts", "send")
        assert _error_lines(again.stderr) == []  # said once
        failed = setup.newsmon("alerts", "list", "--failed", "--jsonl").stdout.splitlines()
        assert {json.loads(line)["channel"] for line in failed} == {"webhook:1"}
    finally:
        setup.engine.dispose()


def test_a_url_with_credentials_sends_basic_auth_and_never_shows_them(
    tmp_path: Path, receiver: Receiver
):
    user, password = "newsmon", "p@ss:w/rd"
    url = receiver.url.replace("http://", f"http://{user}:{quote(password, safe='')}@")
    setup = Setup(tmp_path)
    try:
        setup.write({"webhooks": [_hook(url)]})
        setup.produce(1)
        receiver.answers = [401]  # refused first: the error is logged and stored
        first = setup.newsmon("alerts", "send")
        second = setup.newsmon("alerts", "send", "--now")
        test = setup.newsmon("alerts", "test", "webhook:0")

        assert "alerts: 1 sent" in second.stdout, second.stderr
        assert test.returncode == 0, test.stderr
        expected = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        assert [request.header("Authorization") for request in receiver.requests] == [expected] * 3
        (row,) = setup.rows()
        assert row.status is DeliveryStatus.sent
        assert [entry["status_code"] for entry in row.attempt_log] == [401, 204]
        shown = "\n".join(
            [
                first.stdout + first.stderr,
                second.stdout + second.stderr,
                test.stdout + test.stderr,
                setup.newsmon("alerts", "list", "--json").stdout,
                setup.newsmon("alerts", "channels").stdout,
                row.target,
                json.dumps(row.attempt_log),
                row.last_error or "",
            ]
        )
        assert "HTTP 401" in shown  # the failure was reported...
        for secret in (
            "p@ss",
            quote(password, safe=""),
            "newsmon:p",
            base64.b64encode(b"newsmon:").decode(),
        ):
            assert secret not in shown  # ...without the credentials
    finally:
        setup.engine.dispose()
