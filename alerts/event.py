"""The alert as plain data: what every channel renders, with no database attached."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from sqlalchemy.orm import object_session

if TYPE_CHECKING:
    from newsmon.storage.models import ChangeEvent

Facet = Literal["stage", "release"]


@dataclass(frozen=True, kw_only=True)
class AlertOutlet:
    """One outlet that reported the change: the site, and its article's link and headline."""

    outlet: str
    url: str
    headline: str
    certainty: str


@dataclass(frozen=True, kw_only=True)
class AlertEvent:
    """One change of one facet of one production, ready to be rendered.

    ``old`` is ``None`` the first time a production gets the facet. Stage
    values are the status model's names (``pre_production``); release values
    are ISO 8601 dates or intervals (``2018-03``, ``2018/2019``) or ``tba``.
    ``evidence`` and ``headline`` are untrusted text copied from the article.
    """

    event_id: int
    show: str
    season: int | None
    """``None`` for films and shows without seasons."""
    facet: Facet
    old: str | None
    new: str
    certainty: str
    """``confirmed``, ``expected`` or ``rumored``."""
    as_of: str
    """When the change happened or the statement holds (ISO 8601, reduced precision)."""
    evidence: str
    article_url: str
    """Absolute URL of the article that says so."""
    headline: str
    detected_at: dt.datetime
    """When newsmon found the change (aware UTC)."""
    outlets: tuple[AlertOutlet, ...] = ()
    """The outlets that reported it, first first (copies of one story count once)."""

    @property
    def outlet_count(self) -> int:
        """How many outlets reported it (the article that says so, at least)."""
        return max(len(self.outlets), 1)

    @classmethod
    def from_row(cls, event: ChangeEvent, *, known_at: dt.datetime | None = None) -> AlertEvent:
        """Copy a stored change event (its article's link and headline, and its outlets).

        ``known_at``: the outlets read by then (when the delivery was made), so
        that every retry of an alert sends the same words; ``None``: all of them.
        The certainty is the firmest of the reports.
        """
        article = event.article
        # The canonical URL is the publisher's own address without tracking
        # parameters, the one deduplication keys on; the fetched URL is only a fallback.
        url = article.canonical_url or article.url
        if event.facet not in ("stage", "release"):
            raise ValueError(f"change event {event.id}: unknown facet {event.facet!r}")
        facet: Facet = "release" if event.facet == "release" else "stage"
        detected_at = event.detected_at
        if detected_at.tzinfo is None:
            detected_at = detected_at.replace(tzinfo=dt.UTC)
        outlets: tuple[AlertOutlet, ...] = ()
        certainty = event.certainty
        session = object_session(event)
        if session is not None and event.id is not None:
            from newsmon.storage.corroboration import firmest, reports_of

            reports = reports_of(session, [event.id], known_at=known_at).get(event.id, [])
            outlets = tuple(
                AlertOutlet(outlet=r.outlet, url=r.url, headline=r.headline, certainty=r.certainty)
                for r in reports
            )
            certainty = firmest([certainty, *(r.certainty for r in reports)]) or certainty
        if not outlets:  # an event stored without its reports: its own article is one
            from newsmon.storage.outlets import outlet_of

            outlets = (
                AlertOutlet(
                    outlet=outlet_of(url), url=url, headline=article.headline, certainty=certainty
                ),
            )
        return cls(
            event_id=event.id,
            show=event.show,
            season=event.season,
            facet=facet,
            old=event.from_value,
            new=event.to_value,
            certainty=certainty,
            as_of=event.as_of,
            evidence=event.evidence,
            article_url=url,
            headline=article.headline,
            detected_at=detected_at,
            outlets=outlets,
        )


@dataclass(frozen=True, kw_only=True)
class Digest:
    """One message covering several alerts of one period, for a digest channel.

    ``events`` are in the order they were detected; ``end`` is when the
    period closed (or when the digest was sent early by ``alerts send --now``).
    """

    start: dt.datetime
    end: dt.datetime
    events: tuple[AlertEvent, ...]

    def by_show(self) -> list[tuple[str, list[AlertEvent]]]:
        """Return the events grouped by show, shows in order of first appearance."""
        groups: dict[str, list[AlertEvent]] = {}
        for event in self.events:
            groups.setdefault(event.show, []).append(event)
        return list(groups.items())


def sample_events(now: dt.datetime) -> tuple[AlertEvent, ...]:
    """Return made-up events for ``newsmon alerts test``, plainly marked as a test."""
    today = now.date().isoformat()
    first = AlertEvent(
        event_id=0,
        show="newsmon test show",
        season=1,
        facet="stage",
        old="filming",
        new="wrapped",
        certainty="confirmed",
        as_of=today,
        evidence="This is a test alert sent by `newsmon alerts test`; no show has changed.",
        article_url="https://newsmon.invalid/test-alert",
        headline="newsmon test alert",
        detected_at=now,
    )
    second = replace(
        first,
        show="newsmon other test show",
        season=None,
        facet="release",
        old=None,
        new=today[:7],
        evidence="A second test event, so that a digest lists two shows.",
    )
    return first, second
