"""What every alert channel is: render without side effects, send or raise."""

from __future__ import annotations

import abc
import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Self

from newsmon.alerts.event import Digest
from newsmon.alerts.notices import SourceNotice
from newsmon.config import AlertsConfig, ChannelSettings, DigestMode
from newsmon.config.alerts import DEFAULT_DELIVERY_TIMEOUT
from newsmon.storage.views import EventView

logger = logging.getLogger(__name__)

_IDENTITY = re.compile(r"[a-z][a-z0-9_-]*:[A-Za-z0-9][A-Za-z0-9_.-]*")


class DeliveryError(Exception):
    """A send that did not reach its receiver.

    ``reason`` is one line for the user and the outbox row; ``status_code`` is
    the HTTP status or SMTP reply code when the receiver answered; a
    ``permanent`` error is not retried; one that ``disables`` the channel
    (a webhook answering 410 Gone) also stops every later delivery to it
    until the user enables it again.
    """

    def __init__(
        self,
        reason: str,
        status_code: int | None = None,
        permanent: bool = False,
        *,
        disables: bool = False,
    ):
        super().__init__(reason)
        self.reason = reason
        self.status_code = status_code
        self.permanent = permanent or disables
        self.disables = disables


@dataclass(frozen=True, kw_only=True)
class Message:
    """A rendered alert, exactly as it will go on the wire.

    ``body`` is the HTTP request body for a webhook and the whole RFC 5322
    message for email; ``headers`` are the HTTP headers, or for email a copy of
    the main mail headers (for logs and dry runs).
    """

    channel: str
    """The channel kind that rendered it."""
    target: str
    message_id: str
    """The delivery's stable id, the same on every retry."""
    summary: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


class Channel(abc.ABC):
    """One configured destination for alerts; subclasses register with ``@register``.

    A subclass declares ``kind`` (the name stored in ``Delivery.channel``),
    builds itself from the part of ``AlertsConfig`` it needs in
    ``from_config``, sets ``address`` (where it sends: a URL, the email
    recipients; kept in memory only) and ``digest``, and calls ``identify``.

    A channel's identity is ``target`` (stored in ``Delivery.target``), also
    its ``name``: ``kind:<its configured name>``, or ``kind:N`` for an unnamed
    one, N its position among the channels of its kind (from 0). Pending
    deliveries belong to the identity, so they follow a channel whose address
    changes.
    """

    kind: ClassVar[str]
    settings: ClassVar[type[ChannelSettings] | None] = None
    """The model of one entry of ``alerts.<kind>`` in the configuration, for a kind that
    is not built in (``webhooks``, ``email`` and ``apprise`` are fields of ``AlertsConfig``);
    ``from_config`` then reads its entries with ``config.settings_of(kind)``."""
    target: str
    address: str
    digest: DigestMode = "immediate"
    name: str = ""
    own_name: str | None = None
    """The ``name:`` given in the configuration, if any."""
    deadline: float = DEFAULT_DELIVERY_TIMEOUT
    """Seconds one send may take in all before it counts as failed."""
    enforces_deadline: ClassVar[bool] = False
    """Whether ``send`` itself stops at ``deadline`` (others are bounded by the dispatcher)."""

    def identify(self, index: int = 0) -> None:
        """Set ``name`` and ``target``: ``kind:<own name>``, else ``kind:<index>``."""
        self.name = self.target = f"{self.kind}:{self.own_name or index}"

    @classmethod
    @abc.abstractmethod
    def from_config(cls, config: AlertsConfig) -> list[Self]:
        """Build the channels of this kind the configuration asks for (none if unset)."""

    @abc.abstractmethod
    def render(
        self, event: EventView, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Build the message for ``event``; no I/O, no side effect."""

    @abc.abstractmethod
    def render_digest(
        self, digest: Digest, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Build one message listing ``digest``'s events grouped by show; no side effect."""

    def render_notice(
        self, notice: SourceNotice, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Build the message telling that a source is failing or recovered; no side effect."""
        raise NotImplementedError(f"{self.kind} channels cannot send source health notices")

    @abc.abstractmethod
    def send(self, message: Message) -> int | None:
        """Deliver ``message``; return the receiver's status code if it gives one.

        Raises ``DeliveryError`` when the message did not arrive.
        """

    @classmethod
    def describe_address(cls, address: str) -> str:
        """Return how logs and listings show an address of this kind (no secrets)."""
        return address

    @classmethod
    def describe_target(cls, target: str) -> str:
        """Return how listings show a stored target: an identity as it is, an address redacted."""
        return target if is_identity(target) else cls.describe_address(target)

    @property
    def label(self) -> str:
        """How logs name this channel (without secrets)."""
        return f"{self.kind} {self.describe_address(self.address)}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.label}>"


class DryRunChannel(Channel):
    """Wraps a channel: renders as it would, logs the message instead of sending."""

    kind: ClassVar[str] = "dry-run"

    def __init__(self, inner: Channel):
        self.inner = inner
        self.target = inner.target
        self.address = inner.address
        self.digest = inner.digest
        self.name = inner.name
        self.deadline = inner.deadline

    @classmethod
    def from_config(cls, config: AlertsConfig) -> list[Self]:
        """Dry-run channels wrap built channels; the configuration builds none."""
        return []

    @property
    def label(self) -> str:
        """The wrapped channel's label."""
        return self.inner.label

    def render(
        self, event: EventView, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Render exactly as the wrapped channel would."""
        return self.inner.render(event, message_id=message_id, now=now)

    def render_digest(
        self, digest: Digest, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Render the digest exactly as the wrapped channel would."""
        return self.inner.render_digest(digest, message_id=message_id, now=now)

    def render_notice(
        self, notice: SourceNotice, *, message_id: str, now: dt.datetime | None = None
    ) -> Message:
        """Render the notice exactly as the wrapped channel would."""
        return self.inner.render_notice(notice, message_id=message_id, now=now)

    def send(self, message: Message) -> int | None:
        """Log the message instead of sending it."""
        logger.info(
            "dry run: would send %s %s via %s: %s",
            message.channel,
            message.message_id,
            self.inner.label,
            message.summary,
        )
        body = message.body.decode(errors="replace")
        logger.debug("dry run: %s body: %s", message.message_id, body)
        return None


def is_identity(target: str) -> bool:
    """Return whether a stored target is a channel identity (``webhook:0``), not an address."""
    return _IDENTITY.fullmatch(target) is not None
