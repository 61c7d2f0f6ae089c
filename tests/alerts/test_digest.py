"""Digest channels: one message per period, grouped by show, rows sent together."""

from __future__ import annotations

import datetime as dt
import email
import json
import re
import threading
from email.policy import default as default_policy

import pytest
from sqlalchemy.orm import Session, sessionmaker
from standardwebhooks.webhooks import Webhook

from newsmon.alerts.channels.email import EmailChannel
from newsmon.alerts.channels.webhook import WebhookChannel
from newsmon.alerts.digest import digest_id
from newsmon.alerts.digest_periods import period_of
from newsmon.alerts.dispatch import dispatch_pending
from newsmon.alerts.outbox import disable_channel
from newsmon.config import EmailConfig
from newsmon.storage.models import DeliveryStatus
from tests.alerts.conftest import SECRET, Receiver, SmtpServer, add_event, load

Factory = sessionmaker[Session]
NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)

ONLY_POSTGRES = pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


def _hook(receiver: Receiver, digest: str = "hourly") -> WebhookChannel:
    return WebhookChannel(receiver.url, SECRET, timeout=5, digest=digest)  # type: ignore[arg-type]


def _add(store: Factory, channel: WebhookChannel | EmailChannel, at: dt.datetime, **kw) -> int:
    (delivery_id,) = add_event(
        store, [(channel.kind, channel.target)], created_at=at, next_attempt_at=at, **kw
    )
    return delivery_id


def test_periods_are_utc_hours_and_days():
    moment = dt.datetime(2026, 3, 2, 14, 37, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert period_of(moment, "hourly") == (
        dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 2, 13, tzinfo=dt.UTC),
    )
    assert period_of(moment, "daily") == (
        dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 3, tzinfo=dt.UTC),
    )


def test_digest_id_depends_only_on_the_deliveries_it_covers():
    assert digest_id(["msg_b", "msg_a"]) == digest_id(["msg_a", "msg_b"])
    assert digest_id(["msg_a"]) != digest_id(["msg_a", "msg_b"])


def test_the_period_is_sent_once_it_ends_as_one_signed_message_grouped_by_show(
    store: Factory, receiver: Receiver
):
    channel = _hook(receiver)
    ids = [
        _add(store, channel, NOON + dt.timedelta(minutes=5)),
        _add(store, channel, NOON + dt.timedelta(minutes=10), show="Iron Fist"),
        _add(store, channel, NOON + dt.timedelta(minutes=50)),
    ]
    later = _add(store, channel, NOON + dt.timedelta(minutes=70))  # the next hour

    # The hour is still open: nothing is sent, nothing changes.
    assert dispatch_pending(store, [channel], now=NOON + dt.timedelta(minutes=59)).total == 0
    assert receiver.requests == []

    summary = dispatch_pending(store, [channel], now=NOON + dt.timedelta(minutes=61))
    assert (summary.sent, summary.digests) == (3, 1)
    (request,) = receiver.requests
    document = Webhook(SECRET).verify(request.body, request.headers)
    assert document["type"] == "production.status_digest"
    data = document["data"]
    assert (data["period_start"], data["period_end"]) == (
        "2026-03-02T12:00:00+00:00",
        "2026-03-02T13:00:00+00:00",
    )
    assert data["count"] == 3
    assert [(group["show"], len(group["events"])) for group in data["shows"]] == [
        ("The Defenders", 2),
        ("Iron Fist", 1),
    ]
    rows = [load(store, i) for i in ids]
    assert {row.status for row in rows} == {DeliveryStatus.sent}
    assert len({row.sent_at for row in rows}) == 1
    expected_id = digest_id([row.message_id for row in rows])
    assert request.header("webhook-id") == expected_id
    assert {row.attempt_log[-1]["digest_id"] for row in rows} == {expected_id}
    assert load(store, later).status is DeliveryStatus.pending


def test_a_failed_digest_is_retried_whole_with_the_same_id(store: Factory, receiver: Receiver):
    channel = _hook(receiver)
    ids = [_add(store, channel, NOON + dt.timedelta(minutes=m)) for m in (1, 2)]
    receiver.answers = [503]
    after_hour = NOON + dt.timedelta(hours=1)

    assert dispatch_pending(store, [channel], now=after_hour).retried == 2
    rows = [load(store, i) for i in ids]
    assert {row.status for row in rows} == {DeliveryStatus.pending}
    assert {row.attempts for row in rows} == {1}
    assert {row.last_status_code for row in rows} == {503}
    assert len({row.next_attempt_at for row in rows}) == 1

    # Not due before its retry time, even though the period has ended.
    assert dispatch_pending(store, [channel], now=after_hour).total == 0
    retry_at = rows[0].next_attempt_at
    assert dispatch_pending(store, [channel], now=retry_at).sent == 2
    first, second = receiver.requests
    assert first.header("webhook-id") == second.header("webhook-id")
    assert first.body == second.body


def test_each_ended_period_is_its_own_digest(store: Factory, receiver: Receiver):
    channel = _hook(receiver)
    _add(store, channel, NOON + dt.timedelta(minutes=5))
    _add(store, channel, NOON + dt.timedelta(minutes=65))
    summary = dispatch_pending(store, [channel], now=NOON + dt.timedelta(hours=3))
    assert (summary.sent, summary.digests) == (2, 2)
    starts = [json.loads(r.body)["data"]["period_start"] for r in receiver.requests]
    assert starts == ["2026-03-02T12:00:00+00:00", "2026-03-02T13:00:00+00:00"]


def test_send_now_sends_the_open_period_early(store: Factory, receiver: Receiver):
    channel = _hook(receiver, digest="daily")
    _add(store, channel, NOON)
    summary = dispatch_pending(
        store, [channel], now=NOON + dt.timedelta(minutes=1), include_not_due=True
    )
    assert summary.digests == 1
    data = json.loads(receiver.requests[0].body)["data"]
    assert data["period_start"] == "2026-03-02T00:00:00+00:00"
    assert data["period_end"] == "2026-03-02T12:01:00+00:00"


def test_digest_channels_do_not_hold_back_immediate_ones(store: Factory, receiver: Receiver):
    digest = _hook(receiver)
    immediate = WebhookChannel(receiver.url + "/now", SECRET, timeout=5, name="now")
    add_event(store, [(digest.kind, digest.target), (immediate.kind, immediate.target)])
    summary = dispatch_pending(store, [digest, immediate])
    assert (summary.sent, summary.digests) == (1, 0)
    assert [r.path for r in receiver.requests] == ["/hooks/newsmon/now"]


def test_a_dry_run_previews_the_digest_and_changes_nothing(store: Factory, receiver: Receiver):
    channel = _hook(receiver)
    ids = [_add(store, channel, NOON + dt.timedelta(minutes=m)) for m in (1, 2)]
    seen = []
    summary = dispatch_pending(
        store,
        [channel],
        now=NOON + dt.timedelta(hours=1),
        dry_run=True,
        preview=lambda ch, message, covered: seen.append((message.summary, list(covered))),
    )
    assert summary.skipped == 2
    assert seen == [("newsmon digest: 2 changes to 1 show, 02 Mar 2026 12:00-13:00 UTC", ids)]
    assert receiver.requests == []
    assert {load(store, i).status for i in ids} == {DeliveryStatus.pending}


def test_a_disabled_digest_channel_fails_its_deliveries_clearly(store: Factory, receiver: Receiver):
    channel = _hook(receiver)
    delivery_id = _add(store, channel, NOON)
    with store() as session, session.begin():
        disable_channel(session, channel.kind, channel.target, reason="HTTP 410 Gone")
    # disable_channel fails what is pending at once; a delivery made later fails at dispatch.
    later = _add(store, channel, NOON + dt.timedelta(minutes=1))
    assert dispatch_pending(store, [channel], now=NOON + dt.timedelta(hours=2)).failed == 1
    assert receiver.requests == []
    for row in (load(store, delivery_id), load(store, later)):
        assert row.status is DeliveryStatus.failed
        assert row.last_error is not None
        assert "disabled since" in row.last_error
        assert "newsmon alerts enable" in row.last_error


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_email_digest_lists_the_changes_by_show(store: Factory, smtp_server: SmtpServer):
    channel = EmailChannel(
        EmailConfig(
            host=smtp_server.host,
            port=smtp_server.port,
            sender="alerts@newsmon.example.test",
            recipients=["ann@example.test"],
            digest="daily",
        )
    )
    _add(store, channel, NOON)
    _add(store, channel, NOON + dt.timedelta(hours=1), show="Iron Fist")
    assert dispatch_pending(store, [channel], now=NOON + dt.timedelta(days=1)).digests == 1
    (_, _, content) = smtp_server.inbox.mails[0]
    mail = email.message_from_bytes(content, policy=default_policy)
    assert mail["Subject"] == (
        "newsmon digest: 2 changes to 2 shows, 02 Mar 2026 00:00 - 03 Mar 2026 00:00 UTC"
    )
    text = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    lines = text.splitlines()
    assert lines.index("The Defenders") < lines.index("Iron Fist")
    changes = [line for line in lines if line.startswith("  - season 1: pre-production")]
    assert changes
    for line in changes:
        assert line.startswith(
            "  - season 1: pre-production -> wrapped (confirmed, as of 2017-03-24,"
        )
        assert re.search(r", detected \d\d \w{3} \d{4} \d\d:\d\d UTC,", line)
        assert line.endswith(", reported by 1 outlet)")
    html = mail.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert "<h3" in html
    assert "Iron Fist" in html


# Row locks exist on PostgreSQL only: SQLite runs one dispatcher per file.
@ONLY_POSTGRES
def test_concurrent_dispatchers_send_each_digest_once(
    store: Factory, receiver: Receiver, database_url: str
):
    channel = _hook(receiver)
    for hour in range(3):
        for minute in (1, 2):
            _add(store, channel, NOON + dt.timedelta(hours=hour, minutes=minute))
    receiver.delay = 0.1
    later = NOON + dt.timedelta(hours=4)
    threads = [
        threading.Thread(target=dispatch_pending, args=(store, [channel]), kwargs={"now": later})
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    ids = [request.header("webhook-id") for request in receiver.requests]
    assert len(ids) == 3
    assert len(set(ids)) == 3
