"""What every request handler needs: settings, the store, the catalog, followed shows."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from fastapi import Request
from sqlalchemy.orm import Session, sessionmaker

from newsmon.config import Settings
from newsmon.detector.catalog import Catalog, ShowKind
from newsmon.storage.browse import resolve_show
from newsmon.storage.follows import followed_shows
from newsmon.web.throttle import LoginThrottle

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Following:
    """Which shows are followed, and why: on the page (stored), or by the alert subscriptions."""

    stored: frozenset[str]
    """Followed from the web page."""
    subscribed: frozenset[str] | None
    """Named by the alert subscriptions; ``None``: they take every show (or there are none)."""

    @property
    def shows(self) -> frozenset[str] | None:
        """The followed shows; ``None``: every show (nothing narrows the dashboard)."""
        if self.subscribed is None:
            return self.stored or None
        return self.stored | self.subscribed

    def is_followed(self, show: str) -> bool:
        """Return whether ``show`` is followed, one way or the other."""
        followed = self.shows
        return followed is None or show in followed

    def alerts_follow(self, show: str) -> bool:
        """Return whether the alert subscriptions take changes of ``show``."""
        return self.subscribed is None or show in self.subscribed


@dataclass
class WebContext:
    """Shared, read-only state of one running app."""

    settings: Settings
    sessions: sessionmaker[Session]
    token: str | None
    """The API token every request must present; None leaves the app open (loopback)."""
    catalog: Catalog | None = field(default=None)
    throttle: LoginThrottle = field(init=False)
    """Wrong tokens per client: guesses are slowed down, whichever way they come."""

    def __post_init__(self) -> None:
        api = self.settings.api
        self.throttle = LoginThrottle(api.login_attempts, api.login_attempt_interval)

    @classmethod
    def from_settings(cls, settings: Settings, sessions: sessionmaker[Session]) -> WebContext:
        """Build the context, reading the catalog the settings name (if any)."""
        catalog = Catalog.load(settings.catalog) if settings.catalog is not None else None
        return cls(settings, sessions, settings.api.token_value(), catalog)

    @cached_property
    def subscribed(self) -> frozenset[str] | None:
        """Canonical titles of the shows the alert subscriptions follow; None means all."""
        subscriptions = self.settings.alerts.subscriptions
        if not subscriptions:
            return None
        names: set[str] = set()
        for subscription in subscriptions:
            for name in subscription.shows:
                if name.strip().lower() == "all":
                    return None
                canonical = self.catalog.canonical(name) if self.catalog else None
                names.add(canonical or name.strip())
        return frozenset(names)

    def following(self, session: Session) -> Following:
        """The followed shows: those followed on the page, and those the subscriptions name."""
        return Following(stored=followed_shows(session), subscribed=self.subscribed)

    def kind(self, show: str) -> ShowKind:
        """Return ``film`` for a film of the catalog, else ``series``."""
        if self.catalog is not None and self.catalog.kind(show) == "film":
            return "film"
        return "series"

    def find_show(self, session: Session, name: str) -> tuple[str, bool] | None:
        """Return the stored (or catalog) title for ``name`` and whether anything is stored.

        Catalog titles and aliases are understood, and case is ignored. A show
        of the catalog with nothing stored yet is found, with ``False``.
        """
        canonical = self.catalog.canonical(name) if self.catalog else None
        stored = resolve_show(session, canonical or name)
        if stored is not None:
            return stored, True
        if canonical is not None:
            return canonical, False
        return None

    @property
    def configured_sources(self) -> list[str]:
        """Names of the sources in the configuration, in its order."""
        return [source.name for source in self.settings.sources]

    def poll_interval(self, source: str) -> float:
        """Seconds between two polls of ``source`` by ``newsmon run``."""
        for configured in self.settings.sources:
            if configured.name == source and configured.interval:
                return configured.interval
        return self.settings.service.poll_interval


def web_context(request: Request) -> WebContext:
    """FastAPI dependency: the app's context."""
    context: WebContext = request.app.state.web
    return context


def db_session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: one session per request, closed when the response is done.

    Handlers only read, so nothing is committed; the transaction is rolled
    back on close, which also ends it promptly on PostgreSQL.
    """
    context: WebContext = request.app.state.web
    with context.sessions() as session:
        yield session
