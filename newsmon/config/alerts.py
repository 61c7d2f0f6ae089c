"""Where change events are delivered, and who wants which."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal, Self

from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from newsmon.config.base import Duration, StrictModel, parse_duration
from newsmon.detector.model import CERTAINTIES, FACETS, Certainty, CertaintyName, Facet, Stage

DEFAULT_DELIVERY_TIMEOUT = 15.0
"""Seconds one delivery may take in all: connect, send, and the whole answer."""

ChannelName = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")]
"""A channel's own name: starts with a letter, so it never reads as a position."""

DigestMode = Literal["immediate", "hourly", "daily"]
"""How a channel sends: each alert at once, or one digest per UTC hour or UTC day."""

DEFAULT_MAX_AGE = 30 * 86400.0
"""Seconds: a change whose ``as_of`` ended longer ago than this when found is history."""

MaxAge = Duration | None
"""A duration (``30d``), or ``null`` for no age limit."""

INHERIT: Literal["inherit"] = "inherit"


def _own_max_age(value: object) -> object:
    # One validator for the whole union, so a typo gets the duration's error, not three.
    if value is None or value == INHERIT:
        return value
    seconds = parse_duration(value)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise ValueError("must be a duration such as 30d, 'inherit' or null")
    if seconds <= 0:
        raise ValueError("must be longer than 0 (null: no limit)")
    return float(seconds)


OwnMaxAge = Annotated[Literal["inherit"] | float | None, BeforeValidator(_own_max_age)]
"""A channel's or subscription's own ``max_age``: ``inherit`` (the default) takes the
enclosing one; a duration or ``null`` overrides it. A value, not an absent key, so that
it survives the configuration's round trip into the crawler's settings."""


class ChannelSettings(StrictModel):
    """What every alert channel's entry in ``alerts`` has, whatever its kind.

    A channel kind's own settings subclass it and say where they send in
    ``address``; the routing, the subscriptions and the listings read only
    these fields, so a new kind needs nothing here (see ``alerts/channels``).
    """

    digest: DigestMode = "immediate"
    name: ChannelName | None = None
    """The channel's identity (``kind:<name>``); without it, its position among its kind."""
    max_age: OwnMaxAge = INHERIT
    """Overrides ``alerts.max_age`` for this channel when given (``null``: no limit)."""

    @property
    def address(self) -> str:
        """Where the channel sends: a URL, the email recipients."""
        raise NotImplementedError


class WebhookConfig(ChannelSettings):
    """A webhook receiver; payloads are signed per Standard Webhooks.

    ``https://user:pass@host/path`` sends HTTP Basic auth with those credentials.
    """

    url: str
    secret: str

    @property
    def address(self) -> str:
        """The receiver's URL."""
        return self.url

    @field_validator("url")
    @classmethod
    def _http_url(cls, url: str) -> str:
        # The URL is not quoted back: its path or query may be the receiver's secret.
        if not url.startswith(("http://", "https://")):
            raise ValueError("must be an absolute http(s) URL")
        return url

    @field_validator("secret")
    @classmethod
    def _standard_webhooks_secret(cls, secret: str) -> str:
        import base64
        import binascii

        if not secret.startswith("whsec_"):
            raise ValueError("must start with 'whsec_' followed by base64")
        try:
            base64.b64decode(secret.removeprefix("whsec_"), validate=True)
        except binascii.Error:
            raise ValueError("the part after 'whsec_' is not valid base64") from None
        return secret


class EmailConfig(ChannelSettings):
    """An SMTP server and who receives alert emails."""

    host: str
    port: int = Field(default=587, ge=1, le=65535)
    sender: str
    recipients: list[str] = Field(min_length=1)
    username: str | None = None
    password: str | None = None
    security: Literal["auto", "starttls", "ssl", "none"] = "auto"
    """``auto`` upgrades with STARTTLS when the server offers it."""
    timeout: float = Field(default=30.0, gt=0)

    @property
    def address(self) -> str:
        """The recipients, comma-separated."""
        return ",".join(self.recipients)


def _url_alone(value: object) -> object:
    # ``apprise: ["tgram://..."]`` is the short form of ``[{url: "tgram://..."}]``.
    return {"url": value} if isinstance(value, str) else value


class AppriseConfig(ChannelSettings):
    """A notification service reached through Apprise, named by an Apprise URL."""

    url: str = Field(min_length=1)
    """``slack://...``, ``discord://...``, ``tgram://...``, ``ntfy://...``, ``json://...``"""
    timeout: float = Field(default=30.0, gt=0)

    @property
    def address(self) -> str:
        """The Apprise URL."""
        return self.url

    @field_validator("url")
    @classmethod
    def _has_scheme(cls, url: str) -> str:
        if "://" not in url:
            # Not quoted back: an Apprise URL holds the service's credentials.
            raise ValueError("must be an Apprise URL such as ntfy://topic")
        return url


def _stage_name(value: object) -> object:
    # People write "pre-production"; the status model writes pre_production.
    if isinstance(value, str):
        return value.strip().lower().replace("-", "_").replace(" ", "_")
    return value


StageName = Annotated[Stage, BeforeValidator(_stage_name)]


def _every_facet() -> list[Facet]:
    return list(FACETS)


class SubscriptionConfig(StrictModel):
    """Which change events go to which channels.

    An event goes to a channel when any subscription naming that channel
    matches it. ``stages`` filters stage changes only (by the new stage);
    release changes pass it.
    """

    channels: list[str] = Field(default_factory=lambda: ["all"], min_length=1)
    """``all``, a kind (every channel of it), ``kind:N`` (the Nth, from 0) or a target."""
    shows: list[str] = Field(default_factory=lambda: ["all"], min_length=1)
    """``all``, or catalog titles or aliases."""
    facets: list[Facet] = Field(default_factory=_every_facet, min_length=1)
    min_certainty: CertaintyName = "rumored"
    stages: list[StageName] | None = None
    """Stage changes of interest (by the new stage); ``None``: every stage."""
    max_age: OwnMaxAge = INHERIT
    """Overrides the channels' and ``alerts.max_age`` for what this subscription matches,
    when given (``null``: no limit)."""
    min_sources: int = Field(default=1, ge=1, le=100)
    """Rumoured changes match only once this many outlets reported them (copies of one
    story count once); expected and confirmed changes match on their first report."""

    def sources_enough(self, certainty: str, sources: int) -> bool:
        """Return whether a change of this certainty, reported by ``sources`` outlets, is due."""
        return certainty != "rumored" or sources >= self.min_sources

    def certainty_allowed(self, certainty: str) -> bool:
        """Return whether ``certainty`` is at least ``min_certainty``."""
        if certainty not in CERTAINTIES:
            return False
        return Certainty[certainty] >= Certainty[self.min_certainty]


class AlertsConfig(StrictModel):
    """Where change events are delivered, and which ones.

    ``webhooks``, ``email`` and ``apprise`` are the built-in channel kinds'
    settings. Any other key must be the ``kind`` of a channel registered in
    ``alerts/channels``; its entries are validated by that channel's
    ``settings`` model, so a new kind is configured without a change here.
    """

    model_config = ConfigDict(extra="allow")

    webhooks: list[WebhookConfig] = Field(default_factory=list)
    email: EmailConfig | None = None
    apprise: list[Annotated[AppriseConfig, BeforeValidator(_url_alone)]] = Field(
        default_factory=list
    )
    delivery_timeout: float = Field(default=DEFAULT_DELIVERY_TIMEOUT, gt=0, le=600)
    """Seconds one delivery may take in all (connect, send, whole answer) before it is
    counted as failed and retried later."""
    subscriptions: list[SubscriptionConfig] = Field(default_factory=list)
    """Empty: every channel gets every event."""
    max_age: MaxAge = DEFAULT_MAX_AGE
    """A change whose ``as_of`` is older than this when it is found updates state and
    history but sends no alert, and is marked as history (``null``: no limit)."""

    def channel_settings(self) -> list[tuple[str, Sequence[ChannelSettings]]]:
        """Return each channel kind with its configured entries: built-in kinds, then others."""
        sections: list[tuple[str, Sequence[ChannelSettings]]] = [
            ("webhook", self.webhooks),
            ("email", [self.email] if self.email is not None else []),
            ("apprise", self.apprise),
        ]
        others = self.model_extra or {}
        return sections + sorted(others.items())

    def settings_of(self, kind: str) -> Sequence[ChannelSettings]:
        """Return the configured entries of one channel kind (none if it is not configured)."""
        return dict(self.channel_settings()).get(kind, [])

    def channel_max_ages(self) -> dict[str, float | None]:
        """Return the ``max_age`` of each channel that sets its own, by its identity."""
        return {
            f"{kind}:{entry.name or index}": entry.max_age
            for kind, entries in self.channel_settings()
            for index, entry in enumerate(entries)
            if entry.max_age != INHERIT
        }

    def channel_refs(self) -> list[tuple[str, int, str, str | None]]:
        """Return every configured channel as ``(kind, index within kind, address, name)``."""
        return [
            (kind, index, entry.address, entry.name)
            for kind, entries in self.channel_settings()
            for index, entry in enumerate(entries)
        ]

    @model_validator(mode="after")
    def _check_channels(self) -> Self:
        others = self.model_extra or {}
        if others:
            # Imported here: the channels import this module, and most configurations
            # name only the built-in kinds, which need no channel code to be read.
            from newsmon.alerts.channels import channel_classes

            known = {cls.kind: cls.settings for cls in channel_classes().values()}
            for kind, value in others.items():
                others[kind] = _kind_settings(kind, value, known)
        for kind, entries in self.channel_settings():
            _names_differ(kind, entries)
        refs = self.channel_refs()
        for number, subscription in enumerate(self.subscriptions):
            for name in subscription.channels:
                if not any(channel_ref_matches(name, *ref) for ref in refs):
                    known_names = ", ".join(f"{k}:{own or i}" for k, i, _, own in refs) or "none"
                    raise ValueError(
                        f"subscriptions.{number} names channel {name!r}, which is not "
                        f"configured (configured: {known_names})"
                    )
        return self


def _kind_settings(
    kind: str, value: object, known: dict[str, type[ChannelSettings] | None]
) -> list[ChannelSettings]:
    """Validate another channel kind's entries (one mapping or a list) with its own model."""
    settings = known.get(kind)
    if settings is None:
        # Built-in kinds have their own keys (webhooks, email, apprise): name only the others.
        others = ", ".join(sorted(name for name, model in known.items() if model is not None))
        raise ValueError(
            f"unknown key {kind!r}" + (f" (other channel kinds: {others})" if others else "")
        )
    entries = value if isinstance(value, list) else [value]
    try:
        return [settings.model_validate(entry) for entry in entries]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise ValueError(f"{kind}: {where}: {message}") from None


def _names_differ(kind: str, entries: Sequence[ChannelSettings]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.name is not None and entry.name in seen:
            raise ValueError(f"two {kind} channels are named {entry.name!r}; names must differ")
        if entry.name is not None:
            seen.add(entry.name)


def channel_ref_matches(
    name: str, kind: str, index: int, target: str, own_name: str | None = None
) -> bool:
    """Return whether a reference names a channel.

    References: ``all``, a kind (``webhook``), ``kind:N`` (``apprise:1``), ``kind:name``
    for a named channel, or its address (a URL, the email recipients).
    """
    name = name.strip()
    if own_name is not None and name == f"{kind}:{own_name}":
        return True
    return name in ("all", kind, f"{kind}:{index}", target)
