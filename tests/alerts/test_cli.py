"""``newsmon alerts ...`` as a user runs it, against a real store and real receivers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from sqlalchemy.orm import Session, sessionmaker
from standardwebhooks.webhooks import Webhook

from newsmon.cli import main
from newsmon.commands.alerts import alerts as alerts_group
from newsmon.storage.db import open_database
from newsmon.storage.models import DeliveryStatus
from tests.alerts.conftest import SECRET, Receiver, add_event, load

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def setup(tmp_path: Path, receiver: Receiver) -> Iterator[tuple[Path, sessionmaker[Session]]]:
    database_url = f"sqlite:///{tmp_path / 'store.db'}"
    config = {
        "database_url": database_url,
        "alerts": {
            "webhooks": [{"url": receiver.url, "secret": SECRET}],
            "apprise": [receiver.url.replace("http://", "json://") + "/apprise"],
        },
    }
    path = tmp_path / "newsmon.yaml"
    path.write_text(json.dumps(config))
    engine, factory = open_database(database_url)
    yield path, factory
    engine.dispose()


def _run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--config", str(config), "alerts", *args])


def test_list_shows_status_attempts_last_error_next_attempt_and_the_event(
    setup: tuple[Path, sessionmaker[Session]], receiver: Receiver
):
    config, store = setup
    (sent_id,) = add_event(store, [("webhook", "webhook:0")])
    (failing_id,) = add_event(store, [("webhook", "webhook:0")], show="Iron Fist")
    receiver.answers = [204, 503]
    assert _run(config, "send").exit_code == 0

    result = _run(config, "list")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "id",
        "status",
        "channel",
        "attempts",
        "last_status",
        "last_error",
        "next_attempt",
        "event",
    ]
    failing = next(line for line in lines if line.startswith(f"{failing_id} "))
    assert "pending" in failing
    assert "webhook:0" in failing
    assert "503" in failing
    sent = next(line for line in lines if line.startswith(f"{sent_id} "))
    assert sent.split()[1:5] == ["sent", "webhook:0", "1", "204"]  # the receiver's answer
    assert "Iron Fist (season 1): pre-production -> wrapped" in failing

    rows = [json.loads(line) for line in _run(config, "list", "--jsonl").output.splitlines()]
    by_id = {row["id"]: row for row in rows}
    assert by_id[sent_id]["status"] == "sent"
    assert by_id[sent_id]["last_status"] == 204
    assert by_id[failing_id]["last_status"] == 503
    assert by_id[failing_id]["next_attempt"] is not None
    assert by_id[failing_id]["attempt_log"][0]["status_code"] == 503
    assert _run(config, "list", "--failed").output.strip() == "(no failed deliveries)"


def test_retry_requeues_failed_deliveries_and_refuses_the_rest_in_one_line(
    setup: tuple[Path, sessionmaker[Session]], receiver: Receiver
):
    config, store = setup
    (gone_id,) = add_event(store, [("webhook", "webhook:0")])
    (held_id,) = add_event(store, [("webhook", "webhook:0")], show="Iron Fist")
    receiver.answers = [410]
    _run(config, "send")
    assert load(store, held_id).status is DeliveryStatus.failed
    failed_rows = _run(config, "list", "--failed", "--jsonl").output.splitlines()
    assert {json.loads(line)["id"] for line in failed_rows} == {gone_id, held_id}
    channels = json.loads(_run(config, "channels", "--jsonl").output.splitlines()[-1])
    assert (channels["name"], channels["state"]) == ("webhook:0", "disabled")

    result = _run(config, "retry", str(gone_id))
    assert result.exit_code == 0, result.output
    assert "requeued 1 delivery" in result.output
    assert "enabled webhook" in result.output  # retrying re-enables the channel
    row = load(store, gone_id)
    assert (row.status, row.attempts) == (DeliveryStatus.pending, 0)
    assert len(row.attempt_log) == 1  # history is kept

    result = _run(config, "retry", "--all-failed", "--send")
    assert result.exit_code == 0, result.output
    assert "alerts: 2 sent" in result.output
    assert {load(store, i).status for i in (gone_id, held_id)} == {DeliveryStatus.sent}

    for args, words in (
        (["999"], "no delivery with id 999"),
        ([str(gone_id)], "already sent"),
        ([], "--all-failed"),
    ):
        result = _run(config, "retry", *args)
        assert result.exit_code == 2
        assert len(result.output.strip().splitlines()) == 1
        assert words in result.output


def test_test_sends_a_sample_alert_through_the_named_channel(
    setup: tuple[Path, sessionmaker[Session]], receiver: Receiver
):
    config, _ = setup
    for name in ("webhook", "webhook:0", receiver.url):
        result = _run(config, "test", name)
        assert result.exit_code == 0, result.output
        assert result.output.startswith("sent a test alert via webhook:0")
    for request in receiver.requests:
        data = Webhook(SECRET).verify(request.body, request.headers)["data"]
        assert "newsmon alerts test" in data["evidence"]

    result = _run(config, "test", "apprise:0")
    assert result.exit_code == 0, result.output
    assert receiver.requests[-1].path == "/hooks/newsmon/apprise"
    assert json.loads(receiver.requests[-1].body)["title"].startswith("newsmon test show")
    assert len(receiver.requests) == 4


def test_test_names_the_problem_in_one_line(
    setup: tuple[Path, sessionmaker[Session]], receiver: Receiver
):
    config, _ = setup
    result = _run(config, "test", "slack")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "newsmon: error: no alert channel 'slack' (channels: apprise:0, webhook:0)"
    )
    receiver.answers = [500]
    result = _run(config, "test", "webhook")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith("newsmon: error: test alert via webhook:0 failed: ")
    assert "HTTP 500" in line


def test_dry_run_prints_what_would_be_sent_and_changes_nothing(
    setup: tuple[Path, sessionmaker[Session]], receiver: Receiver
):
    config, store = setup
    (delivery_id,) = add_event(store, [("webhook", "webhook:0")])
    result = _run(config, "send", "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"would send delivery {delivery_id} via webhook:0" in result.output
    assert "The Defenders (season 1): pre-production -> wrapped" in result.output
    assert '"type": "production.status_changed"' in result.output
    assert "1 dry-run" in result.output
    assert receiver.requests == []
    row = load(store, delivery_id)
    assert (row.status, row.attempts) == (DeliveryStatus.pending, 0)

    result = _run(config, "test", "apprise", "--dry-run")
    assert result.exit_code == 0
    assert "would send a test alert via apprise:0" in result.output
    assert receiver.requests == []


def test_enable_and_disable_a_channel(
    setup: tuple[Path, sessionmaker[Session]], receiver: Receiver
):
    config, store = setup
    (delivery_id,) = add_event(store, [("webhook", "webhook:0")])
    result = _run(config, "disable", "webhook:0")
    assert result.exit_code == 0, result.output
    assert "1 pending deliveries failed" in result.output
    _run(config, "send", "--now")
    assert receiver.requests == []

    result = _run(config, "enable", "webhook:0", "--retry")
    assert result.exit_code == 0, result.output
    assert "enabled; requeued 1 failed deliveries" in result.output
    _run(config, "send")
    assert load(store, delivery_id).status is DeliveryStatus.sent
    assert _run(config, "enable", "nothing:3").exit_code == 2


def _commands(group: click.Group) -> list[tuple[str, click.Command]]:
    return [(name, group.commands[name]) for name in sorted(group.commands)]


@pytest.mark.parametrize(("name", "command"), _commands(alerts_group))
def test_every_alerts_command_and_option_is_documented(name: str, command: click.Command):
    assert command.help, f"alerts {name} has no help"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"`newsmon alerts {name}" in readme, f"alerts {name} is not in README.md"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"alerts {name} {param.opts} has no help"
            assert param.opts[-1] in readme, f"alerts {name} {param.opts[-1]} not in README.md"
