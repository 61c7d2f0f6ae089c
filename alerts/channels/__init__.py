"""Alert channels registered by kind, and building them from the configuration.

Adding a channel is adding one module to this package: a ``@register``-ed
``Channel`` subclass with its ``kind`` and, for a kind that is not built in,
its ``settings`` model (a ``ChannelSettings``). Every module here is imported
to find the channels; ``alerts.<kind>`` in the configuration is validated by
that model, and subscriptions, routing and listings know the kind from then on.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Sequence
from typing import TypeVar

from newsmon.alerts.channels.base import Channel, DeliveryError, DryRunChannel, Message, is_identity
from newsmon.config import AlertsConfig, ConfigError

_REGISTRY: dict[str, type[Channel]] = {}

C = TypeVar("C", bound=type[Channel])


def register(cls: C) -> C:
    """Class decorator: make a channel class known under its ``kind``."""
    kind = getattr(cls, "kind", None)
    if not kind:
        raise TypeError(f"{cls.__name__} must set a non-empty class attribute 'kind'")
    known = _REGISTRY.get(kind)
    if known is not None and known is not cls:
        raise TypeError(f"channel kind {kind!r} is already registered by {known.__name__}")
    _REGISTRY[kind] = cls
    return cls


def channel_classes() -> dict[str, type[Channel]]:
    """Return every registered channel class by kind, sorted by kind.

    Every module of this package is imported first, so each channel defined
    in one is there; the order does not depend on which was imported first.
    """
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return dict(sorted(_REGISTRY.items()))


def _classes_of(kinds: set[str]) -> dict[str, type[Channel]]:
    """The channel classes of ``kinds``, sorted by kind, importing only what they need.

    A kind's module is usually named after it, so a crawl that alerts by webhook does
    not import the other channels' libraries (apprise's alone is a tenth of a second
    per poll); a kind found in no module of its name makes every module be read.
    """
    for kind in kinds - _REGISTRY.keys():
        if kind.isidentifier() and importlib.util.find_spec(f"{__name__}.{kind}") is not None:
            importlib.import_module(f"{__name__}.{kind}")
    if not kinds <= _REGISTRY.keys():
        channel_classes()
    return {kind: cls for kind, cls in sorted(_REGISTRY.items()) if kind in kinds}


def build_channels(config: AlertsConfig) -> list[Channel]:
    """Build the channels the configuration asks for, ordered by kind.

    Cheap and without I/O: nothing connects until a message is sent. Each
    channel is named ``kind:<name>`` when the configuration names it, else
    ``kind:N``, N counting from 0 in configuration order; the name is its
    identity in the outbox. Raises ``ConfigError`` when two configured
    channels would send to the same address, or a channel's settings are
    unusable.
    """
    channels: list[Channel] = []
    seen: set[tuple[str, str]] = set()
    configured = {kind for kind, entries in config.channel_settings() if entries}
    for cls in _classes_of(configured).values():
        for index, channel in enumerate(cls.from_config(config)):
            key = (channel.kind, channel.address)
            if key in seen:
                raise ConfigError(f"alerts: {channel.label} is configured twice")
            seen.add(key)
            channel.identify(index)
            channels.append(channel)
    return channels


def channel_for(channels: Sequence[Channel], kind: str, target: str) -> Channel | None:
    """Return the configured channel a stored ``(kind, target)`` belongs to, if any.

    ``target`` is a channel identity (``webhook:0``, ``webhook:ops``); rows
    stored before identities were used hold the address, matched as it is.
    """
    for channel in channels:
        inner = channel.inner if isinstance(channel, DryRunChannel) else channel
        if inner.kind != kind:
            continue
        if channel.target == target or (channel.address == target and not is_identity(target)):
            return channel
    return None


def describe_target(kind: str, target: str) -> str:
    """Return a stored ``(kind, target)`` as listings show it, secrets left out."""
    cls = channel_classes().get(kind)
    if cls is None:
        return target if is_identity(target) else f"{kind}:…"
    return cls.describe_target(target)


def select_channels(channels: Sequence[Channel], name: str) -> list[Channel]:
    """Return the channels ``name`` stands for, as subscriptions and the CLI name them.

    ``all``, a kind (every channel of that kind), ``kind:N``, ``kind:<name>``
    or a channel's address (its URL, or the email recipients). ``kind:N``
    is the Nth channel of that kind, named or not. Raises ``ConfigError``
    naming the configured channels when nothing matches.
    """
    wanted = name.strip()
    found = []
    positions: dict[str, int] = {}
    for channel in channels:
        index = positions.get(channel.kind, 0)
        positions[channel.kind] = index + 1
        names = ("all", channel.kind, channel.name, f"{channel.kind}:{index}", channel.address)
        if wanted in names:
            found.append(channel)
    if not found:
        known = ", ".join(channel.name for channel in channels) or "none is configured"
        raise ConfigError(f"no alert channel {name!r} (channels: {known})")
    return found


__all__ = [
    "Channel",
    "DeliveryError",
    "DryRunChannel",
    "Message",
    "build_channels",
    "channel_classes",
    "channel_for",
    "describe_target",
    "register",
    "select_channels",
]
