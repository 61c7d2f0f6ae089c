"""What reads of the store hand out: one view of a change event, of a claim, of an article link.

Every surface renders these: the CLI, the JSON API and its Atom feeds, the
web pages, the webhook payload, the email and chat messages, and
``newsmon explain``. They are plain frozen values with no session attached,
built from the ORM rows (or, for ``explain``, from the detector's output), so
the article link, the summary line and the field names are decided here once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast, get_args

from newsmon.detector.model import CertaintyName, Facet, as_certainty, as_facet
from newsmon.storage.quiet import QuietReason

if TYPE_CHECKING:
    from newsmon.detector.model import ArticleInput, Change
    from newsmon.storage.models import Article, ChangeEvent

Row = dict[str, Any]


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleLink:
    """An article as a change, a claim or a list links to it."""

    id: int | None
    """``None`` for an article that is not stored (``newsmon explain``)."""
    url: str
    """The canonical URL: the publisher's own address without tracking parameters,
    the one deduplication keys on; the fetched URL only when there is none."""
    headline: str
    published: dt.date

    @classmethod
    def of(cls, article: Article) -> ArticleLink:
        """Link to a stored article."""
        return cls.from_columns(
            article.id, article.url, article.canonical_url, article.headline, article.published
        )

    @classmethod
    def from_columns(
        cls,
        article_id: int,
        url: str,
        canonical_url: str | None,
        headline: str,
        published: dt.date,
    ) -> ArticleLink:
        """Link to a stored article read as plain columns (long listings skip the ORM)."""
        return cls(id=article_id, url=canonical_url or url, headline=headline, published=published)

    def fields(self) -> Row:
        """The link as the API and the JSON listings write it."""
        return {
            "id": self.id,
            "url": self.url,
            "headline": self.headline,
            "published": self.published,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class OutletReport:
    """One outlet's report of a change: the site, its article, how firmly, when read.

    Copies of one story (syndicated, near-duplicates) count as the original's outlet.
    """

    outlet: str
    """The site: its registered domain, or ``host:port`` (see :mod:`storage.outlets`)."""
    article_id: int | None
    url: str
    headline: str
    certainty: str
    as_of: str
    reported_at: dt.datetime

    def as_dict(self) -> Row:
        """The public shape (API, CLI ``--json``)."""
        return {
            "outlet": self.outlet,
            "article_id": self.article_id,
            "url": self.url,
            "headline": self.headline,
            "certainty": self.certainty,
            "as_of": self.as_of,
            "reported_at": self.reported_at,
        }


class _EventColumns(Protocol):
    """A change event's own columns, from the ORM or from a plain select."""

    id: int
    show: str
    season: int | None
    facet: str
    from_value: str | None
    to_value: str
    certainty: str
    as_of: str
    evidence: str
    rule_id: str
    claim_id: int
    detected_at: dt.datetime
    quiet: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class EventView:
    """One change of one facet of one production, as every surface shows it.

    ``old`` is ``None`` the first time a production gets the facet. Stage
    values are the status model's names (``pre_production``); release values
    are ISO 8601 dates or intervals (``2018-03``, ``2018/2019``) or ``tba``.
    ``evidence`` and the article's headline are untrusted text copied from the article.
    """

    kind: Literal["event"] = "event"
    id: int | None
    """``None`` for a change not stored (what ``newsmon explain`` would record)."""
    show: str
    season: int | None
    """``None`` for films and shows without seasons."""
    facet: Facet
    old: str | None
    new: str
    certainty: CertaintyName
    as_of: str
    """When the change happened or the statement holds (ISO 8601, reduced precision)."""
    evidence: str
    rule: str
    """The detector rule that read the claim behind the change."""
    claim_id: int | None
    detected_at: dt.datetime
    """When newsmon found the change (aware UTC)."""
    quiet: QuietReason | None
    """Why the change is history and alerted nobody (``baseline``, ``old``); None: news."""
    article: ArticleLink
    outlets: tuple[OutletReport, ...] = ()
    """The outlets that reported the new value while it held, first read first;
    empty where they are not read (``newsmon explain``, test alerts)."""

    @property
    def outlet_count(self) -> int:
        """How many outlets reported it (the article that says so, at least)."""
        return max(len(self.outlets), 1)

    def reported_by(self, reports: Sequence[OutletReport]) -> EventView:
        """Return the change with the outlets that reported it."""
        return replace(self, outlets=tuple(reports))

    @classmethod
    def of(cls, event: ChangeEvent) -> EventView:
        """View a stored change event (its article loaded with it)."""
        return cls.from_columns(event, ArticleLink.of(event.article))

    @classmethod
    def from_columns(cls, event: _EventColumns, article: ArticleLink) -> EventView:
        """View a change event read as plain columns, with its article's link."""
        return cls(
            id=event.id,
            show=event.show,
            season=event.season,
            facet=as_facet(event.facet),
            old=event.from_value,
            new=event.to_value,
            certainty=as_certainty(event.certainty),
            as_of=event.as_of,
            evidence=event.evidence,
            rule=event.rule_id,
            claim_id=event.claim_id,
            detected_at=utc(event.detected_at),
            quiet=quiet_reason(event.quiet),
            article=article,
        )

    @classmethod
    def of_change(cls, change: Change, article: ArticleInput, *, now: dt.datetime) -> EventView:
        """View a change the detector would cause, before anything is stored."""
        claim = change.claim
        return cls(
            id=None,
            show=change.show,
            season=change.season,
            facet=change.facet,
            old=change.old,
            new=change.new,
            certainty=as_certainty(claim.certainty.name),
            as_of=claim.as_of,
            evidence=claim.evidence,
            rule=claim.rule_id,
            claim_id=None,
            detected_at=utc(now),
            quiet=None,
            article=ArticleLink(
                id=None, url=article.url, headline=article.headline, published=article.published
            ),
        )

    @property
    def summary(self) -> str:
        """The one line of email subjects, feeds and the CLI (see :func:`summary_line`)."""
        return summary_line(self.show, self.season, self.facet, self.old, self.new)

    def fields(self) -> Row:
        """The event as the API, the feeds and the JSON listings write it."""
        return {
            "id": self.id,
            "show": self.show,
            "season": self.season,
            "facet": self.facet,
            "from": self.old,
            "to": self.new,
            "certainty": self.certainty,
            "as_of": self.as_of,
            "evidence": self.evidence,
            "rule": self.rule,
            "claim_id": self.claim_id,
            "detected_at": self.detected_at,
            "quiet": self.quiet,
            "summary": self.summary,
            "article": self.article.fields(),
            "outlet_count": self.outlet_count,
            "outlets": [outlet.as_dict() for outlet in self.outlets],
        }


class _ClaimColumns(Protocol):
    """A claim's own columns, from the ORM or from a plain select."""

    id: int
    show: str
    season: int | None
    facet: str
    value: str
    certainty: str
    as_of: str
    evidence: str
    rule_id: str
    created_at: dt.datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class ClaimView:
    """What the detector read from one article about one facet of one production."""

    kind: Literal["claim"] = "claim"
    id: int
    show: str
    season: int | None
    facet: Facet
    value: str
    certainty: CertaintyName
    as_of: str
    evidence: str
    rule: str
    read_at: dt.datetime
    """When the claim was stored (aware UTC)."""
    article: ArticleLink

    @classmethod
    def from_columns(cls, claim: _ClaimColumns, article: ArticleLink) -> ClaimView:
        """View a stored claim (an ORM row or a plain select), with its article's link."""
        return cls(
            id=claim.id,
            show=claim.show,
            season=claim.season,
            facet=as_facet(claim.facet),
            value=claim.value,
            certainty=as_certainty(claim.certainty),
            as_of=claim.as_of,
            evidence=claim.evidence,
            rule=claim.rule_id,
            read_at=utc(claim.created_at),
            article=article,
        )

    def fields(self) -> Row:
        """The claim as the API writes an article's claims."""
        return {
            "id": self.id,
            "show": self.show,
            "season": self.season,
            "facet": self.facet,
            "value": self.value,
            "certainty": self.certainty,
            "as_of": self.as_of,
            "evidence": self.evidence,
            "rule": self.rule,
            "article": self.article.fields(),
        }


TimelineEntry = EventView | ClaimView
"""One step of a show's history: a claim read, or a change it caused."""


def entry_fields(entry: TimelineEntry) -> Row:
    """A timeline entry in the one shape claims and events share (API, CLI ``history``).

    A claim's ``from`` is null, its ``to`` is its value, and its
    ``detected_at`` is when it was read.
    """
    if isinstance(entry, EventView):
        return {"kind": "event", **entry.fields()}
    return {
        "kind": "claim",
        "id": entry.id,
        "show": entry.show,
        "season": entry.season,
        "facet": entry.facet,
        "from": None,
        "to": entry.value,
        "certainty": entry.certainty,
        "as_of": entry.as_of,
        "evidence": entry.evidence,
        "rule": entry.rule,
        "claim_id": entry.id,
        "detected_at": entry.read_at,
        "quiet": None,
        "article": entry.article.fields(),
    }


def utc(moment: dt.datetime) -> dt.datetime:
    """Return ``moment`` as aware UTC (SQLite hands back naive UTC times)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def quiet_reason(value: str | None) -> QuietReason | None:
    """Check a stored quiet reason."""
    if value is None:
        return None
    for reason in get_args(QuietReason):
        if value == reason:
            return cast(QuietReason, reason)
    raise ValueError(f"unknown quiet reason {value!r}")


# The wording of a change, shared by every surface that writes one line about it.


def one_line(text: str) -> str:
    """Collapse white space to single spaces (no line break can reach a mail header)."""
    return " ".join(text.split())


def production_label(show: str, season: int | None) -> str:
    """Return ``The Defenders (season 1)``, or just the title for a film."""
    title = one_line(show)
    return title if season is None else f"{title} (season {season})"


def stage_label(value: str) -> str:
    """Write a stage name as people do: ``pre_production`` -> ``pre-production``."""
    return value.replace("_", "-")


def value_label(facet: str, value: str) -> str:
    """Show a facet value as the summary does: stage words, release values in ISO."""
    if facet == "release":
        return one_line(value)
    return stage_label(one_line(value))


def change_label(facet: str, old: str | None, new: str) -> str:
    """Return the change alone: ``pre-production -> wrapped``, ``release 2018 -> 2018-03``."""
    shown = value_label(facet, new)
    change = shown if old is None else f"{value_label(facet, old)} -> {shown}"
    prefix = "release " if facet == "release" else ""
    return f"{prefix}{change}"


def summary_line(show: str, season: int | None, facet: str, old: str | None, new: str) -> str:
    """Return the one line used as email subject, feed entry title and in the CLI.

    ``The Defenders (season 1): pre-production -> wrapped``,
    ``Jessica Jones (season 2): release 2018 -> 2018-03``; the first value of a
    facet has no arrow, a film has no season.
    """
    return f"{production_label(show, season)}: {change_label(facet, old, new)}"
