"""A new alert channel is one module in alerts/channels: found, configured, routed, sent."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

import newsmon.alerts.channels as channels_package
from newsmon.alerts.channels import build_channels, channel_classes, select_channels
from newsmon.alerts.dispatch import dispatch_pending
from newsmon.alerts.routing import Router
from newsmon.config import ConfigError, load_settings
from newsmon.storage.models import DeliveryStatus
from tests.alerts.conftest import Receiver, add_event, load

MODULE = "pager_for_test"
SOURCE = '''
"""A channel that POSTs the summary line as plain text: the whole of a new kind."""

from __future__ import annotations

import datetime as dt
import urllib.request
from typing import ClassVar, Self

from newsmon.alerts.channels import register
from newsmon.alerts.channels.base import Channel, DeliveryError, Message
from newsmon.alerts.event import Digest
from newsmon.config import AlertsConfig, ChannelSettings
from newsmon.storage.views import EventView


class PagerSettings(ChannelSettings):
    """One pager endpoint."""

    url: str

    @property
    def address(self) -> str:
        return self.url


@register
class PagerChannel(Channel):
    """Plain-text pages."""

    kind: ClassVar[str] = "pager"
    settings = PagerSettings

    @classmethod
    def from_config(cls, config: AlertsConfig) -> list[Self]:
        """One channel per entry of alerts.pager."""
        built = []
        for entry in config.settings_of(cls.kind):
            assert isinstance(entry, PagerSettings)
            channel = cls()
            channel.address, channel.own_name, channel.digest = entry.url, entry.name, entry.digest
            built.append(channel)
        return built

    def render(
        self, event: EventView, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        return Message(channel=self.kind, target=self.target, message_id=message_id,
                       summary=event.summary, body=event.summary.encode())

    def render_digest(
        self, digest: Digest, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        text = "\\n".join(event.summary for event in digest.events)
        return Message(channel=self.kind, target=self.target, message_id=message_id,
                       summary=text, body=text.encode())

    def send(self, message: Message) -> int | None:
        request = urllib.request.Request(self.address, data=message.body, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return int(response.status)
        except OSError as exc:
            raise DeliveryError(str(exc)) from None
'''


@pytest.fixture
def pager_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The channel's module, dropped into the package's search path, forgotten afterwards."""
    folder = tmp_path / "channels"
    folder.mkdir()
    (folder / f"{MODULE}.py").write_text(SOURCE)
    monkeypatch.setattr(channels_package, "__path__", [*channels_package.__path__, str(folder)])
    monkeypatch.setattr(channels_package, "_REGISTRY", dict(channels_package._REGISTRY))
    yield
    sys.modules.pop(f"{channels_package.__name__}.{MODULE}", None)


def _config(tmp_path: Path, alerts: str) -> Path:
    path = tmp_path / "newsmon.yaml"
    path.write_text("alerts:\n" + alerts)
    return path


def test_a_channel_in_one_new_module_is_found_configured_and_sent(
    pager_module: None,
    tmp_path: Path,
    receiver: Receiver,
    store: sessionmaker[Session],
) -> None:
    assert "pager" in channel_classes()
    settings = load_settings(
        _config(
            tmp_path,
            f"  pager:\n    - {{url: '{receiver.url}', name: ops}}\n"
            "  subscriptions:\n    - {channels: ['pager:ops'], facets: [stage]}\n",
        )
    )
    alerts = settings.alerts
    assert alerts.channel_refs() == [("pager", 0, receiver.url, "ops")]
    built = build_channels(alerts)
    assert [(channel.kind, channel.name) for channel in built] == [("pager", "pager:ops")]
    assert select_channels(built, "pager") == built
    # Routing knows the channel by its subscription, as a built-in one.
    assert Router.from_config(alerts).subscribed(("pager", "pager:ops"))

    (delivery_id,) = add_event(store, [("pager", "pager:ops")])
    summary = dispatch_pending(store, built)
    assert summary.sent == 1
    (request,) = receiver.requests
    assert request.body == b"The Defenders (season 1): pre-production -> wrapped"
    assert load(store, delivery_id).status is DeliveryStatus.sent


def test_its_settings_are_checked_by_its_own_model(pager_module: None, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(_config(tmp_path, "  pager:\n    - {name: ops}\n"))
    assert "pager" in str(caught.value)
    assert "url" in str(caught.value)


def test_a_key_that_names_no_channel_kind_is_an_error(pager_module: None, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'pagr'"):
        load_settings(_config(tmp_path, "  pagr:\n    - {url: 'http://127.0.0.1:9/'}\n"))
