from __future__ import annotations

import logging

import pytest

from newsmon.alerts.channels import (
    Channel,
    DryRunChannel,
    build_channels,
    channel_classes,
    register,
)
from newsmon.alerts.channels.email import EmailChannel
from newsmon.alerts.channels.webhook import WebhookChannel
from newsmon.config import AlertsConfig, ConfigError
from tests.alerts.conftest import SECRET, Receiver, alert_event

FULL = {
    "webhooks": [
        {"url": "https://hooks.example.test/a", "secret": SECRET},
        {"url": "https://hooks.example.test/b", "secret": SECRET},
    ],
    "email": {
        "host": "smtp.example.test",
        "sender": "alerts@example.test",
        "recipients": ["ann@example.test", "bob@example.test"],
    },
}


def test_builtin_channels_are_registered_by_kind():
    classes = channel_classes()
    assert classes["webhook"] is WebhookChannel
    assert classes["email"] is EmailChannel


@pytest.mark.parametrize("kind", sorted(channel_classes()))
def test_every_channel_is_documented_and_built_only_when_configured(kind: str):
    cls = channel_classes()[kind]
    assert cls.kind == kind
    assert cls.__doc__
    assert cls.from_config.__doc__
    assert cls.from_config(AlertsConfig()) == []


def test_build_channels_gives_each_configured_target():
    channels = build_channels(AlertsConfig.model_validate(FULL))
    assert [(channel.kind, channel.target, channel.address) for channel in channels] == [
        ("email", "email:0", "ann@example.test,bob@example.test"),
        ("webhook", "webhook:0", "https://hooks.example.test/a"),
        ("webhook", "webhook:1", "https://hooks.example.test/b"),
    ]


def test_the_same_webhook_twice_is_a_config_error():
    config = AlertsConfig.model_validate(
        {"webhooks": [FULL["webhooks"][0], FULL["webhooks"][0]]}  # type: ignore[index]
    )
    with pytest.raises(ConfigError, match="configured twice"):
        build_channels(config)


def test_a_kind_cannot_be_registered_twice():
    class Impostor(WebhookChannel):
        """Another webhook implementation."""

    with pytest.raises(TypeError, match="already registered"):
        register(Impostor)
    assert channel_classes()["webhook"] is WebhookChannel


def test_a_channel_needs_a_kind():
    class Nameless(Channel):
        """No kind."""

    with pytest.raises(TypeError, match="kind"):
        register(Nameless)


def test_dry_run_logs_instead_of_sending(receiver: Receiver, caplog: pytest.LogCaptureFixture):
    channel = DryRunChannel(WebhookChannel(receiver.url, SECRET))
    with caplog.at_level(logging.INFO, logger="newsmon.alerts"):
        channel.send(channel.render(alert_event(), message_id="msg_dry"))
    assert receiver.requests == []
    assert "would send webhook msg_dry" in caplog.text
    assert "The Defenders (season 1): pre-production -> wrapped" in caplog.text
