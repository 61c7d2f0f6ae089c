"""Routing: which channels each change event goes to, from ``alerts.subscriptions``.

A subscription names channels and what they care about: shows (or all),
facets, a minimum certainty, stages of interest, and for rumours how many
outlets must have reported them (``min_sources``; the store routes an event
again when another outlet reports it, see ``storage.corroboration``). An event is delivered to
a channel when any subscription naming the channel matches it; with no
subscriptions at all, every channel gets every event. An event whose
``as_of`` is older than the ``max_age`` that applies (the subscription's,
else the channel's, else ``alerts.max_age``) goes to no channel. The store
calls the router inside the transaction that records the event, so an event
and its deliveries are committed together.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from newsmon.alerts.channels import Channel, build_channels, select_channels
from newsmon.config import AlertsConfig, SubscriptionConfig
from newsmon.config.alerts import INHERIT
from newsmon.storage.models import utcnow
from newsmon.storage.quiet import is_old
from newsmon.storage.state import DeliveryTarget

logger = logging.getLogger(__name__)


class RoutedEvent(Protocol):
    """What routing looks at in a change event (``storage.models.ChangeEvent`` has it)."""

    @property
    def show(self) -> str:
        """The canonical title."""

    @property
    def facet(self) -> str:
        """``stage`` or ``release``."""

    @property
    def to_value(self) -> str:
        """The new value."""

    @property
    def certainty(self) -> str:
        """``rumored``, ``expected`` or ``confirmed``."""

    @property
    def as_of(self) -> str:
        """When the new value holds (ISO 8601, reduced precision allowed)."""


class ShowNames(Protocol):
    """A catalog: the canonical title of a title or alias (``detector.catalog.Catalog``)."""

    def canonical(self, name: str) -> str | None:
        """Return the canonical title, or ``None`` for a name the catalog does not know."""


@dataclass(frozen=True)
class _Rule:
    targets: frozenset[DeliveryTarget]
    shows: frozenset[str] | None
    """Casefolded canonical titles; ``None`` for every show."""
    config: SubscriptionConfig

    def matches(self, event: RoutedEvent) -> bool:
        config = self.config
        if self.shows is not None and event.show.casefold() not in self.shows:
            return False
        if event.facet not in config.facets:
            return False
        if not config.certainty_allowed(event.certainty):
            return False
        if not config.sources_enough(event.certainty, _sources(event)):
            return False
        # Stages of interest filter stage changes; a release date is not a stage.
        if event.facet == "stage" and config.stages is not None:
            return event.to_value in config.stages
        return True


class Router:
    """Decide the ``(kind, target)`` pairs a change event is delivered to."""

    def __init__(
        self,
        channels: Sequence[Channel],
        subscriptions: Sequence[SubscriptionConfig] = (),
        *,
        catalog: ShowNames | None = None,
        max_age: float | None = None,
        channel_max_ages: Mapping[str, float | None] | None = None,
        now: Callable[[], dt.datetime] = utcnow,
    ):
        self.targets: list[DeliveryTarget] = [(c.kind, c.target) for c in channels]
        self.max_age = max_age
        """Seconds; ``None``: no age limit (the default of a router built without a config)."""
        self._channel_max_ages = dict(channel_max_ages or {})
        self._now = now
        self._rules: list[_Rule] | None = None
        if subscriptions:
            canonical = catalog.canonical if catalog is not None else None
            self._rules = [_rule(s, channels, canonical) for s in subscriptions]
            covered = set().union(*(rule.targets for rule in self._rules))
            for channel in channels:
                if (channel.kind, channel.target) not in covered:
                    logger.warning(
                        "alert channel %s (%s) is in no subscription: it gets no alerts",
                        channel.name,
                        channel.label,
                    )

    @classmethod
    def from_config(cls, config: AlertsConfig, *, catalog: ShowNames | None = None) -> Router:
        """Build the channels and subscriptions the configuration describes."""
        return cls(
            build_channels(config),
            config.subscriptions,
            catalog=catalog,
            max_age=config.max_age,
            channel_max_ages=config.channel_max_ages(),
        )

    def channel_max_age(self, target: DeliveryTarget) -> float | None:
        """The age limit of a channel: its own, else ``alerts.max_age``."""
        return self._channel_max_ages.get(target[1], self.max_age)

    def subscribed(self, target: DeliveryTarget) -> bool:
        """Return whether any subscription names this channel (all do without subscriptions)."""
        if self._rules is None:
            return target in self.targets
        return any(target in rule.targets for rule in self._rules)

    def __call__(self, event: RoutedEvent) -> list[DeliveryTarget]:
        """Return the targets ``event`` goes to, in channel order, each once."""
        now = self._now()

        def fresh(target: DeliveryTarget, own: object = INHERIT) -> bool:
            limit = self.channel_max_age(target) if own == INHERIT else own
            return not is_old(event.as_of, limit if isinstance(limit, float) else None, now=now)

        if self._rules is None:
            return [target for target in self.targets if fresh(target)]
        wanted: set[DeliveryTarget] = set()
        for rule in self._rules:
            if rule.matches(event):
                wanted |= {t for t in rule.targets if fresh(t, rule.config.max_age)}
        return [target for target in self.targets if target in wanted]


def _sources(event: RoutedEvent) -> int:
    """How many outlets reported the event (``storage.corroboration.Corroborated``); else 1."""
    sources = getattr(event, "sources", 1)
    return sources if isinstance(sources, int) else 1


def _rule(
    subscription: SubscriptionConfig,
    channels: Sequence[Channel],
    canonical: Callable[[str], str | None] | None,
) -> _Rule:
    targets = frozenset(
        (channel.kind, channel.target)
        for name in subscription.channels
        for channel in select_channels(channels, name)
    )
    if any(name.strip().casefold() == "all" for name in subscription.shows):
        return _Rule(targets, None, subscription)
    titles = set()
    for name in subscription.shows:
        title = canonical(name) if canonical is not None else None
        if canonical is not None and title is None:
            logger.warning("subscribed show %r is not in the catalog; matched as written", name)
        titles.add((title or name).strip().casefold())
    return _Rule(targets, frozenset(titles), subscription)
