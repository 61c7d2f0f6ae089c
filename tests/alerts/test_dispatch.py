from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest
from sqlalchemy.orm import Session, sessionmaker
from standardwebhooks.webhooks import Webhook

from newsmon.alerts.channels.base import DryRunChannel, Message
from newsmon.alerts.channels.email import EmailChannel
from newsmon.alerts.channels.webhook import WebhookChannel
from newsmon.alerts.dispatch import MAX_ATTEMPTS, RETRY_DELAYS, dispatch_pending, retry_delay
from newsmon.config import EmailConfig
from newsmon.storage.models import DeliveryStatus
from tests.alerts.conftest import SECRET, Receiver, SmtpServer, add_event, load

Factory = sessionmaker[Session]

ONLY_POSTGRES = pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


def _webhook(receiver: Receiver) -> WebhookChannel:
    return WebhookChannel(receiver.url, SECRET, timeout=5)


def _ids(receiver: Receiver) -> list[str]:
    return [
        value
        for request in receiver.requests
        for name, value in request.headers.items()
        if name.lower() == "webhook-id"
    ]


def test_due_delivery_is_sent_once_and_recorded(store: Factory, receiver: Receiver):
    channel = _webhook(receiver)
    (delivery_id,) = add_event(store, [("webhook", channel.target)])

    summary = dispatch_pending(store, [channel])

    assert (summary.sent, summary.retried, summary.failed) == (1, 0, 0)
    (request,) = receiver.requests
    data = Webhook(SECRET).verify(request.body, request.headers)["data"]
    assert (data["show"], data["from"], data["to"]) == (
        "The Defenders",
        "pre_production",
        "wrapped",
    )
    delivery = load(store, delivery_id)
    assert delivery.status is DeliveryStatus.sent
    assert delivery.attempts == 1
    assert delivery.sent_at is not None
    assert _ids(receiver) == [delivery.message_id]
    (entry,) = delivery.attempt_log
    assert entry["error"] is None
    assert entry["status_code"] == 204  # the receiver's answer, kept for a success too
    assert delivery.last_status_code == 204
    assert isinstance(entry["duration_ms"], int)

    # A sent delivery is never sent again, not even by a "retry now".
    again = dispatch_pending(store, [channel], include_not_due=True)
    assert again.total == 0
    assert len(receiver.requests) == 1


def test_503_is_retried_later_with_the_same_webhook_id(store: Factory, receiver: Receiver):
    channel = _webhook(receiver)
    (delivery_id,) = add_event(store, [("webhook", channel.target)])
    receiver.answers = [503]

    before = dt.datetime.now(dt.UTC)
    summary = dispatch_pending(store, [channel])

    assert (summary.sent, summary.retried, summary.failed) == (0, 1, 0)
    delivery = load(store, delivery_id)
    assert delivery.status is DeliveryStatus.pending
    assert delivery.attempts == 1
    assert delivery.last_status_code == 503
    assert delivery.last_error is not None
    assert "HTTP 503" in delivery.last_error
    assert delivery.next_attempt_at > before + dt.timedelta(seconds=4)
    assert delivery.next_attempt_at < before + dt.timedelta(seconds=30)

    # Not due yet: a plain run leaves it alone.
    assert dispatch_pending(store, [channel]).total == 0
    assert len(receiver.requests) == 1

    # The receiver has recovered; "retry now" sends it, exactly once.
    summary = dispatch_pending(store, [channel], include_not_due=True)
    assert summary.sent == 1
    assert dispatch_pending(store, [channel], include_not_due=True).total == 0
    first_id, second_id = _ids(receiver)
    assert first_id == second_id == delivery.message_id
    delivery = load(store, delivery_id)
    assert delivery.status is DeliveryStatus.sent
    assert delivery.attempts == 2
    assert [entry["status_code"] for entry in delivery.attempt_log] == [503, 204]
    assert "HTTP 503" in str(delivery.attempt_log[0]["error"])
    assert delivery.last_error is None


def test_due_time_comes_from_now(store: Factory, receiver: Receiver):
    channel = _webhook(receiver)
    (delivery_id,) = add_event(store, [("webhook", channel.target)])
    receiver.answers = [500]
    dispatch_pending(store, [channel])
    retry_at = load(store, delivery_id).next_attempt_at

    assert dispatch_pending(store, [channel], now=retry_at - dt.timedelta(seconds=1)).total == 0
    assert dispatch_pending(store, [channel], now=retry_at).sent == 1


def test_refused_connection_stays_pending(store: Factory, closed_port: int):
    channel = WebhookChannel(f"http://127.0.0.1:{closed_port}/hook", SECRET)
    (delivery_id,) = add_event(store, [("webhook", channel.target)])

    summary = dispatch_pending(store, [channel])

    assert summary.retried == 1
    delivery = load(store, delivery_id)
    assert delivery.status is DeliveryStatus.pending
    assert delivery.attempts == 1
    assert delivery.last_error is not None
    assert "refused" in delivery.last_error
    assert delivery.last_status_code is None


def test_410_gives_up_at_once(store: Factory, receiver: Receiver):
    channel = _webhook(receiver)
    (delivery_id,) = add_event(store, [("webhook", channel.target)])
    receiver.answers = [410]

    assert dispatch_pending(store, [channel]).failed == 1
    assert dispatch_pending(store, [channel], include_not_due=True).total == 0

    delivery = load(store, delivery_id)
    assert delivery.status is DeliveryStatus.failed
    assert delivery.attempts == 1
    assert delivery.last_status_code == 410
    assert len(receiver.requests) == 1


def test_gives_up_when_the_schedule_is_exhausted(store: Factory, receiver: Receiver):
    channel = _webhook(receiver)
    (delivery_id,) = add_event(store, [("webhook", channel.target)], attempts=MAX_ATTEMPTS - 2)
    receiver.answers = [500, 500]

    assert dispatch_pending(store, [channel]).retried == 1
    assert dispatch_pending(store, [channel], include_not_due=True).failed == 1

    delivery = load(store, delivery_id)
    assert delivery.status is DeliveryStatus.failed
    assert delivery.attempts == MAX_ATTEMPTS
    assert len(delivery.attempt_log) == 2


def test_delivery_for_a_channel_no_longer_configured_fails_clearly(
    store: Factory, receiver: Receiver
):
    channel = _webhook(receiver)
    (gone_id,) = add_event(store, [("webhook", "https://removed.example.test/hook")])

    summary = dispatch_pending(store, [channel])

    assert summary.failed == 1
    delivery = load(store, gone_id)
    assert delivery.status is DeliveryStatus.failed
    assert delivery.last_error is not None
    assert "is no longer configured" in delivery.last_error
    assert receiver.requests == []


def test_dry_run_sends_nothing_and_changes_nothing(
    store: Factory, receiver: Receiver, caplog: pytest.LogCaptureFixture
):
    channel = _webhook(receiver)
    (delivery_id,) = add_event(store, [("webhook", channel.target)])
    before = load(store, delivery_id)

    with caplog.at_level(logging.INFO, logger="newsmon.alerts"):
        summary = dispatch_pending(store, [channel], dry_run=True)

    assert summary.skipped == 1
    assert receiver.requests == []
    after = load(store, delivery_id)
    assert (after.status, after.attempts, after.next_attempt_at, after.attempt_log) == (
        before.status,
        before.attempts,
        before.next_attempt_at,
        before.attempt_log,
    )
    assert "The Defenders (season 1): pre-production -> wrapped" in caplog.text
    # The real run afterwards still sends it.
    assert dispatch_pending(store, [channel]).sent == 1


def test_each_event_goes_to_every_channel(
    store: Factory, receiver: Receiver, smtp_server: SmtpServer
):
    hook = _webhook(receiver)
    mail = EmailChannel(
        EmailConfig(
            host=smtp_server.host,
            port=smtp_server.port,
            sender="alerts@newsmon.example.test",
            recipients=["ann@example.test"],
        )
    )
    add_event(store, [("webhook", hook.target), ("email", mail.target)])
    add_event(store, [("webhook", hook.target), ("email", mail.target)], show="Iron Fist")

    summary = dispatch_pending(store, [hook, mail])

    assert summary.sent == 4
    assert len(receiver.requests) == 2
    assert len(smtp_server.inbox.mails) == 2


def test_smtp_rejection_then_acceptance(store: Factory, smtp_server: SmtpServer):
    channel = EmailChannel(
        EmailConfig(
            host=smtp_server.host,
            port=smtp_server.port,
            sender="alerts@newsmon.example.test",
            recipients=["ann@example.test", "bob@example.test"],
        )
    )
    (delivery_id,) = add_event(store, [("email", channel.target)])
    smtp_server.inbox.rejections = 1

    assert dispatch_pending(store, [channel]).retried == 1
    delivery = load(store, delivery_id)
    assert delivery.status is DeliveryStatus.pending
    assert delivery.last_status_code == 554
    assert smtp_server.inbox.mails == []

    assert dispatch_pending(store, [channel], include_not_due=True).sent == 1
    assert load(store, delivery_id).status is DeliveryStatus.sent
    (mail,) = smtp_server.inbox.mails
    assert mail[1] == ["ann@example.test", "bob@example.test"]


# Row locks exist on PostgreSQL only: SQLite runs one dispatcher per file.
@ONLY_POSTGRES
def test_concurrent_dispatchers_never_send_one_delivery_twice(
    store: Factory, receiver: Receiver, database_url: str
):
    channel = _webhook(receiver)
    for _ in range(6):
        add_event(store, [("webhook", channel.target)])
    receiver.delay = 0.1
    summaries = []

    def run() -> None:
        summaries.append(dispatch_pending(store, [channel]))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    ids = _ids(receiver)
    assert len(ids) == 6
    assert len(set(ids)) == 6
    assert sum(summary.sent for summary in summaries) == 6
    assert sum(1 for summary in summaries if summary.sent) >= 2  # the work was shared


def test_naive_now_is_refused(store: Factory):
    with pytest.raises(ValueError, match="aware"):
        dispatch_pending(store, [], now=dt.datetime(2024, 1, 1))


def test_retry_schedule_follows_standard_webhooks():
    assert [delay.total_seconds() for delay in RETRY_DELAYS] == [
        5,
        300,
        1800,
        7200,
        18000,
        36000,
        36000,
    ]
    for attempts, base in enumerate(RETRY_DELAYS, start=1):
        delay = retry_delay(attempts)
        assert delay is not None
        assert base * 0.9 <= delay <= base * 1.1
    assert retry_delay(MAX_ATTEMPTS) is None


class _BrokenChannel(WebhookChannel):
    """A webhook whose sending has a bug (not a DeliveryError)."""

    def send(self, message: Message) -> int:
        raise KeyError("template variable")


def test_a_bug_in_one_channel_does_not_stop_the_others(store: Factory, receiver: Receiver):
    broken = _BrokenChannel("https://broken.example.test/hook", SECRET, name="broken")
    good = _webhook(receiver)
    broken_id, good_id = add_event(store, [("webhook", broken.target), ("webhook", good.target)])

    summary = dispatch_pending(store, [broken, good])

    assert (summary.sent, summary.retried) == (1, 1)
    delivery = load(store, broken_id)
    assert delivery.status is DeliveryStatus.pending
    assert delivery.last_error is not None
    assert delivery.last_error.startswith("unexpected error: KeyError")
    assert load(store, good_id).status is DeliveryStatus.sent


def test_a_dry_run_channel_never_marks_a_delivery_sent(store: Factory, receiver: Receiver):
    channel = DryRunChannel(_webhook(receiver))
    (delivery_id,) = add_event(store, [("webhook", receiver.url)])

    assert dispatch_pending(store, [channel]).skipped == 1
    assert receiver.requests == []
    assert load(store, delivery_id).status is DeliveryStatus.pending
