"""The Apprise channel, for real, against an HTTP endpoint on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import logging
from urllib.parse import parse_qs

import pytest
from sqlalchemy.orm import Session, sessionmaker

from newsmon.alerts.channels import DeliveryError, build_channels
from newsmon.alerts.channels.apprise import AppriseChannel
from newsmon.alerts.dispatch import dispatch_pending
from newsmon.alerts.event import Digest
from newsmon.config import AlertsConfig, AppriseConfig, ConfigError
from newsmon.storage.models import DeliveryStatus
from tests.alerts.conftest import Receiver, add_event, alert_event, load


def _apprise_url(receiver: Receiver, scheme: str = "json") -> str:
    return receiver.url.replace("http://", f"{scheme}://", 1)


def _channel(receiver: Receiver, scheme: str = "json", **config: object) -> AppriseChannel:
    return AppriseChannel(
        AppriseConfig.model_validate({"url": _apprise_url(receiver, scheme), **config})
    )


def test_posts_the_summary_as_title_and_the_evidence_and_link_as_body(receiver: Receiver):
    channel = _channel(receiver)
    channel.send(channel.render(alert_event(), message_id="msg_a1"))

    (request,) = receiver.requests
    assert request.path == "/hooks/newsmon"
    document = json.loads(request.body)
    assert document["title"] == "The Defenders (season 1): pre-production -> wrapped"
    body = document["message"]
    assert '"Netflix said "The Defenders" has just wrapped up with its filming."' in body
    assert "Certainty: confirmed, as of 2017-03-24" in body
    assert "https://news.example.test/2017/03/24/defenders-wrap" in body


def test_form_urls_post_a_form(receiver: Receiver):
    channel = _channel(receiver, scheme="form")
    channel.send(channel.render(alert_event(new="released", old="wrapped"), message_id="msg_a2"))
    (request,) = receiver.requests
    fields = parse_qs(request.body.decode())
    assert fields["title"] == ["The Defenders (season 1): wrapped -> released"]


@pytest.mark.parametrize("status", [500, 503])
def test_an_error_answer_is_a_retryable_delivery_error_with_its_status(
    receiver: Receiver, status: int
):
    receiver.answers = [status]
    channel = _channel(receiver)
    with pytest.raises(DeliveryError) as caught:
        channel.send(channel.render(alert_event(), message_id="msg_a3"))
    assert caught.value.status_code == status
    assert not caught.value.permanent
    assert caught.value.reason.startswith("apprise:0: ")
    assert str(status) in caught.value.reason
    assert "hooks" not in caught.value.reason
    assert "newsmon" not in caught.value.reason


def test_a_refused_connection_is_a_delivery_error(closed_port: int):
    channel = AppriseChannel(AppriseConfig(url=f"json://127.0.0.1:{closed_port}/x", timeout=3))
    with pytest.raises(DeliveryError, match="onnection") as caught:
        channel.send(channel.render(alert_event(), message_id="msg_a4"))
    assert caught.value.status_code is None


def test_a_digest_is_one_post_listing_events_by_show(receiver: Receiver):
    channel = _channel(receiver, digest="daily")
    digest = Digest(
        start=dt.datetime(2017, 3, 25, tzinfo=dt.UTC),
        end=dt.datetime(2017, 3, 26, tzinfo=dt.UTC),
        events=(
            alert_event(),
            alert_event(show="Iron Fist", season=None, old="filming", new="post_production"),
            alert_event(facet="release", old="2018", new="2018-03"),
        ),
    )
    channel.send(channel.render_digest(digest, message_id="dig_1"))

    (request,) = receiver.requests
    document = json.loads(request.body)
    assert document["title"].startswith("newsmon digest: 3 changes to 2 shows, 25 Mar 2017")
    lines = document["message"].splitlines()
    defenders, iron_fist = lines.index("The Defenders"), lines.index("Iron Fist")
    assert defenders < iron_fist
    between = lines[defenders:iron_fist]
    assert any("season 1: pre-production -> wrapped" in line for line in between)
    assert any("season 1: release 2018 -> 2018-03" in line for line in between)
    assert any("filming -> post-production" in line for line in lines[iron_fist:])


def test_configured_by_url_alone_or_with_options():
    config = AlertsConfig.model_validate(
        {
            "apprise": [
                "ntfy://newsmon-alerts",
                {"url": "json://127.0.0.1:9/x", "digest": "hourly", "name": "team"},
            ]
        }
    )
    channels = [c for c in build_channels(config) if c.kind == "apprise"]
    assert [(c.name, c.target, c.address, c.digest) for c in channels] == [
        ("apprise:0", "apprise:0", "ntfy://newsmon-alerts", "immediate"),
        ("apprise:team", "apprise:team", "json://127.0.0.1:9/x", "hourly"),
    ]


def test_an_unusable_url_is_a_one_line_config_error():
    config = AlertsConfig.model_validate({"apprise": ["nosuchservice://x"]})
    with pytest.raises(ConfigError, match=r"^alerts\.apprise\.0\.url: .*nosuchservice://"):
        build_channels(config)


def test_logs_and_listings_mask_the_secrets():
    channel = AppriseChannel(AppriseConfig(url="tgram://123456789:abcdefg_hijklmnop/12315544"))
    assert channel.label == "apprise:0"
    shown = channel.describe_address(channel.address)
    assert shown.startswith("tgram://")
    assert "abcdefg_hijklmnop" not in shown
    assert "12315544" not in shown


def test_a_token_in_the_path_is_left_out_of_listings():
    url = "json://127.0.0.1:9/SecretPathToken1234?method=POST"
    assert AppriseChannel.describe_address(url) == "json://127.0.0.1:9/…"
    # ntfy's topic stands where a host would be: whoever knows it can read it.
    assert AppriseChannel.describe_address("ntfy://newsmon-private-topic") == "ntfy://***"


def test_apprise_own_logs_never_quote_a_configured_url(
    closed_port: int, caplog: pytest.LogCaptureFixture
):
    url = f"json://127.0.0.1:{closed_port}/SecretPathToken1234"
    channel = AppriseChannel(AppriseConfig(url=url, name="ops", timeout=3))
    with caplog.at_level(logging.DEBUG), pytest.raises(DeliveryError) as caught:
        channel.send(channel.render(alert_event(), message_id="msg_a5"))
    assert caught.value.reason.startswith("apprise:ops: ")
    # Apprise warns about the failure, its URLs masked even if asked for everything.
    logging.getLogger("apprise").warning("Loaded %s", url)
    assert any(r.name == "apprise" and r.levelno == logging.WARNING for r in caplog.records)
    assert f"json://127.0.0.1:{closed_port}/***" in caplog.text
    assert "SecretPathToken" not in caplog.text + caught.value.reason


def test_through_the_outbox_a_failure_is_retried_and_recorded(
    store: sessionmaker[Session], receiver: Receiver
):
    channel = _channel(receiver)
    (delivery_id,) = add_event(store, [("apprise", channel.target)])
    receiver.answers = [503]

    assert dispatch_pending(store, [channel]).retried == 1
    delivery = load(store, delivery_id)
    assert delivery.status is DeliveryStatus.pending
    assert delivery.last_status_code == 503

    assert dispatch_pending(store, [channel], include_not_due=True).sent == 1
    delivery = load(store, delivery_id)
    assert delivery.status is DeliveryStatus.sent
    assert [entry["status_code"] for entry in delivery.attempt_log] == [503, None]
    assert all(isinstance(entry["duration_ms"], int) for entry in delivery.attempt_log)
    assert len(receiver.requests) == 2
