"""A webhook answering 410 Gone is disabled, in the store, until the user enables it."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.channels.webhook import WebhookChannel
from newsmon.alerts.dispatch import dispatch_pending
from newsmon.alerts.outbox import enable_channel, find_channel, requeue
from newsmon.storage.models import DeliveryStatus
from tests.alerts.conftest import SECRET, Receiver, add_event, load, serve

Factory = sessionmaker[Session]


def test_410_disables_the_webhook_and_fails_what_waits_for_it(store: Factory, receiver: Receiver):
    gone_receiver = Receiver(url="http://127.0.0.1/hooks/gone", answers=[410])
    stop = serve(gone_receiver)
    gone = WebhookChannel(gone_receiver.url, SECRET, timeout=5)
    alive = WebhookChannel(receiver.url, SECRET, timeout=5, index=1)
    first, other = add_event(store, [(gone.kind, gone.target), (alive.kind, alive.target)])
    (waiting,) = add_event(store, [(gone.kind, gone.target)], show="Iron Fist")

    try:
        summary = dispatch_pending(store, [gone, alive])
    finally:
        stop()

    assert [request.path for request in gone_receiver.requests] == ["/hooks/gone"]
    assert [request.path for request in receiver.requests] == ["/hooks/newsmon"]
    assert summary.sent == 1
    assert summary.failed == 2
    gone_row = load(store, first)
    assert (gone_row.status, gone_row.last_status_code) == (DeliveryStatus.failed, 410)
    assert [entry["status_code"] for entry in gone_row.attempt_log] == [410]
    assert load(store, other).status is DeliveryStatus.sent
    held = load(store, waiting)
    assert held.status is DeliveryStatus.failed
    assert held.attempts == 0  # never tried
    assert held.last_error is not None
    assert "410" in held.last_error
    assert "newsmon alerts enable" in held.last_error
    with store() as session:
        state = find_channel(session, gone.kind, gone.target)
        assert state is not None
        assert state.disabled_at is not None

    # Later events are not sent to it either, by this dispatcher or a new one.
    (later,) = add_event(store, [(gone.kind, gone.target)], show="Luke Cage")
    assert dispatch_pending(store, [gone, alive], include_not_due=True).failed == 1
    assert len(gone_receiver.requests) == 1
    assert "disabled since" in (load(store, later).last_error or "")


def test_once_enabled_the_failed_deliveries_can_be_sent_again(store: Factory, receiver: Receiver):
    channel = WebhookChannel(receiver.url, SECRET, timeout=5)
    ids = [add_event(store, [(channel.kind, channel.target)], show=s)[0] for s in ("A", "B")]
    receiver.answers = [410]
    dispatch_pending(store, [channel])
    assert {load(store, i).status for i in ids} == {DeliveryStatus.failed}

    with store() as session, session.begin():
        assert enable_channel(session, channel.kind, channel.target)
        assert not enable_channel(session, channel.kind, channel.target)
        requeued = requeue(session, all_failed=True, channel=(channel.kind, channel.target))
        assert sorted(row.id for row in requeued) == ids

    assert dispatch_pending(store, [channel]).sent == 2
    assert {load(store, i).status for i in ids} == {DeliveryStatus.sent}
    # The receiver saw the first delivery twice (410, then accepted) under one id.
    ids_seen = [request.header("webhook-id") for request in receiver.requests]
    assert len(ids_seen) == 3
    assert ids_seen[0] == load(store, ids[0]).message_id
