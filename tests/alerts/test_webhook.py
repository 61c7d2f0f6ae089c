from __future__ import annotations

import datetime as dt
import json
import socket
import time

import pytest
from standardwebhooks.webhooks import Webhook

from newsmon.alerts.channels.base import DeliveryError
from newsmon.alerts.channels.webhook import WebhookChannel, redact_url
from tests.alerts.conftest import SECRET, Receiver, alert_event


def test_delivers_a_signed_json_post_the_receiver_can_verify(receiver: Receiver):
    channel = WebhookChannel(receiver.url, SECRET)
    event = alert_event(evidence='She said "it\'s a wrap" — 100 % done.')
    message = channel.render(event, message_id="msg_0001")
    channel.send(message)

    (request,) = receiver.requests
    assert request.path == "/hooks/newsmon"
    payload = Webhook(SECRET).verify(request.body, request.headers)
    assert payload["type"] == "production.status_changed"
    assert dt.datetime.fromisoformat(payload["timestamp"]) == event.detected_at
    assert payload["data"] == {
        "event_id": 7,
        "show": "The Defenders",
        "season": 1,
        "facet": "stage",
        "from": "pre_production",
        "to": "wrapped",
        "certainty": "confirmed",
        "as_of": "2017-03-24",
        "detected_at": event.detected_at.isoformat(),
        "evidence": 'She said "it\'s a wrap" — 100 % done.',
        "article_url": "https://news.example.test/2017/03/24/defenders-wrap",
        "headline": "The Defenders wraps filming in New York",
        "outlet_count": 1,
        "outlets": [],
    }
    headers = {name.lower(): value for name, value in request.headers.items()}
    assert headers["webhook-id"] == "msg_0001"
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"] == "newsmon"
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    assert headers["webhook-signature"].startswith("v1,")


def test_signature_made_with_another_secret_is_rejected(receiver: Receiver):
    channel = WebhookChannel(receiver.url, SECRET)
    channel.send(channel.render(alert_event(), message_id="msg_0002"))
    (request,) = receiver.requests
    with pytest.raises(Exception, match="signature"):
        Webhook("whsec_" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=").verify(
            request.body, request.headers
        )


def test_render_has_no_side_effect_and_keeps_body_and_id_across_retries(receiver: Receiver):
    channel = WebhookChannel(receiver.url, SECRET)
    first = channel.render(alert_event(), message_id="msg_0003")
    later = channel.render(
        alert_event(), message_id="msg_0003", now=dt.datetime.now(dt.UTC) + dt.timedelta(hours=2)
    )
    assert receiver.requests == []
    assert first.body == later.body
    assert first.headers["webhook-id"] == later.headers["webhook-id"] == "msg_0003"
    assert int(later.headers["webhook-timestamp"]) - int(first.headers["webhook-timestamp"]) >= 7199
    assert json.loads(first.body)["data"]["to"] == "wrapped"


@pytest.mark.parametrize("status", [400, 500, 503])
def test_error_answers_raise_a_retryable_delivery_error(receiver: Receiver, status: int):
    receiver.answers = [status]
    channel = WebhookChannel(receiver.url, SECRET)
    with pytest.raises(DeliveryError) as caught:
        channel.send(channel.render(alert_event(), message_id="msg_0004"))
    assert caught.value.status_code == status
    assert not caught.value.permanent
    assert f"HTTP {status}" in caught.value.reason


def test_410_gone_is_permanent(receiver: Receiver):
    receiver.answers = [410]
    channel = WebhookChannel(receiver.url, SECRET)
    with pytest.raises(DeliveryError) as caught:
        channel.send(channel.render(alert_event(), message_id="msg_0005"))
    assert caught.value.permanent
    assert caught.value.status_code == 410


def test_redirect_is_reported_not_followed(receiver: Receiver):
    receiver.answers = [302]
    channel = WebhookChannel(receiver.url, SECRET)
    with pytest.raises(DeliveryError) as caught:
        channel.send(channel.render(alert_event(), message_id="msg_0006"))
    assert caught.value.status_code == 302
    assert "redirects to http://127.0.0.1:9/moved" in caught.value.reason
    assert len(receiver.requests) == 1


def test_refused_connection_is_a_delivery_error(closed_port: int):
    channel = WebhookChannel(f"http://127.0.0.1:{closed_port}/hook", SECRET)
    with pytest.raises(DeliveryError, match="refused") as caught:
        channel.send(channel.render(alert_event(), message_id="msg_0007"))
    assert caught.value.status_code is None
    assert not caught.value.permanent


def test_silent_receiver_times_out():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the TCP connection but never answers
        port = listener.getsockname()[1]
        channel = WebhookChannel(f"http://127.0.0.1:{port}/hook", SECRET, timeout=0.3)
        started = time.monotonic()
        with pytest.raises(DeliveryError, match=r"no complete answer within 0\.3 s"):
            channel.send(channel.render(alert_event(), message_id="msg_0008"))
    assert time.monotonic() - started < 5


def test_logs_name_the_host_but_not_the_token_in_the_path():
    url = "https://hooks.example.test/services/T000/B000/s3cr3tt0k3n?key=abc"
    assert redact_url(url) == "https://hooks.example.test/…"
    assert "s3cr3t" not in WebhookChannel(url, SECRET).label
