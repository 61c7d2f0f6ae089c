"""The alert as plain data: what every channel renders, with no database attached."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from storage.models import ChangeEvent

Facet = Literal["stage", "release"]


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

    @classmethod
    def from_row(cls, event: ChangeEvent) -> AlertEvent:
        """Copy a stored change event (and its article's link and headline)."""
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
        return cls(
            event_id=event.id,
            show=event.show,
            season=event.season,
            facet=facet,
            old=event.from_value,
            new=event.to_value,
            certainty=event.certainty,
            as_of=event.as_of,
            evidence=event.evidence,
            article_url=url,
            headline=article.headline,
            detected_at=detected_at,
        )
