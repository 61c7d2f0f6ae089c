"""What the JSON API answers with: the documented shapes of its OpenAPI schema."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsmon.detector.catalog import ShowKind as Kind
from newsmon.detector.model import CertaintyName as Certainty
from newsmon.detector.model import Facet
from newsmon.storage.quiet import BaselineState
from newsmon.storage.quiet import QuietReason as Quiet

Health = Literal["ok", "errors", "failing", "stale", "never_polled", "unknown"]


class _Out(BaseModel):
    model_config = ConfigDict(populate_by_name=True)


class ArticleRef(_Out):
    """An article as events, claims and lists link to it."""

    id: int
    url: str = Field(description="The publisher's canonical address.")
    headline: str
    published: dt.date


class Outlet(_Out):
    """One outlet (a site) that reported a change; copies of one story count once."""

    outlet: str = Field(description="The site: its registered domain, or host:port.")
    article_id: int
    url: str = Field(description="The outlet's first article saying so.")
    headline: str
    certainty: Certainty = Field(description="The firmest the outlet said it.")
    as_of: str
    reported_at: dt.datetime = Field(description="When newsmon read the outlet's report.")


class FacetState(_Out):
    """The current value of one facet, with how sure, since when, and who reported it."""

    value: str = Field(description="A stage name, or an ISO 8601 date or interval, or 'tba'.")
    certainty: Certainty = Field(description="The firmest any outlet reported it.")
    as_of: str = Field(
        description="When it happened or holds (ISO 8601, reduced precision allowed)."
    )
    detected_at: dt.datetime | None = Field(
        default=None, description="When newsmon learnt the current value."
    )
    outlet_count: int = Field(default=0, description="How many outlets reported it.")
    outlets: list[Outlet] = Field(default_factory=list)


class Event(_Out):
    """A change of one facet of one production (what alerts are sent for)."""

    id: int
    show: str
    season: int | None
    facet: Facet
    from_: str | None = Field(alias="from", description="The previous value; null the first time.")
    to: str
    certainty: Certainty
    as_of: str
    evidence: str = Field(description="The sentence of the article that says so.")
    rule: str
    claim_id: int
    detected_at: dt.datetime
    quiet: Quiet | None = Field(
        default=None,
        description="Why the change is history and sent no alert: 'baseline' (read by its "
        "source's first poll, or a baseline crawl), 'old' (its as_of was older than "
        "alerts.max_age when found); null: news.",
    )
    summary: str = Field(description="One line: 'The Defenders (season 1): filming -> wrapped'.")
    article: ArticleRef
    outlet_count: int = Field(
        default=1,
        description="How many outlets reported the new value while it held (its own "
        "article's, at least).",
    )
    outlets: list[Outlet] = Field(
        default_factory=list, description="Who reported it, first read first."
    )


class Season(_Out):
    """One production (a season, or the show as a whole when season is null)."""

    season: int | None
    stage: FacetState | None
    release: FacetState | None
    last_change: Event | None


class Show(_Out):
    """A show with its current state per season."""

    show: str
    kind: Kind = Field(
        description="From the catalog: 'series' (the default), or 'film', whose state is on "
        "season null."
    )
    followed: bool = Field(
        description="Whether it is followed: followed on the web page, or named by the alert "
        "subscriptions (every show is, when neither narrows them)."
    )
    followed_on_page: bool = Field(
        default=False, description="Whether it was followed on the web page (kept in the store)."
    )
    alerts: bool = Field(
        default=True, description="Whether the alert subscriptions take its changes."
    )
    last_change: Event | None
    seasons: list[Season]


class ShowList(_Out):
    """A page of shows, the most recently changed first."""

    items: list[Show]
    total: int
    limit: int
    offset: int


class TimelineEntry(_Out):
    """A claim read from an article, or a change event it caused."""

    kind: Literal["claim", "event"]
    id: int
    season: int | None
    facet: Facet
    from_: str | None = Field(alias="from")
    to: str
    certainty: Certainty
    as_of: str
    evidence: str
    rule: str
    claim_id: int
    detected_at: dt.datetime
    quiet: Quiet | None = Field(
        default=None, description="For an event: why it is history, as in Event; else null."
    )
    article: ArticleRef
    outlet_count: int = Field(
        default=0, description="For an event: how many outlets reported it, as in Event; else 0."
    )
    outlets: list[Outlet] = Field(default_factory=list)


class Timeline(_Out):
    """How a show got where it is: every claim and change, oldest first."""

    show: str
    kind: Kind
    followed: bool
    followed_on_page: bool = False
    alerts: bool = True
    seasons: list[Season]
    entries: list[TimelineEntry]


class CatalogEntry(_Out):
    """One show of the catalog file."""

    title: str
    kind: Kind
    aliases: list[str]


class CatalogList(_Out):
    """The shows the detector reads articles for, in the catalog file's order."""

    items: list[CatalogEntry]
    total: int


class EventPage(_Out):
    """A page of change events; pass next_cursor as cursor for the next one."""

    items: list[Event]
    next_cursor: str | None = Field(
        description="Continue from here (also later, to get only newer events)."
    )
    has_more: bool


class DuplicateRef(ArticleRef):
    """A copy of an article (syndicated or re-published), linked to its original."""

    reason: str | None


class Article(_Out):
    """A stored article with its source and duplicate links."""

    id: int
    url: str
    fetched_url: str
    headline: str
    published: dt.date
    source: str | None
    site_name: str | None
    author: str | None
    first_seen_at: dt.datetime
    duplicate_of: ArticleRef | None
    duplicate_reason: str | None
    duplicates: list[DuplicateRef]
    snippet: str


class ArticlePage(_Out):
    """A page of articles, newest first (or best match first for a search)."""

    items: list[Article]
    next_cursor: str | None
    has_more: bool


class Claim(_Out):
    """What the detector read from an article about one facet of one production."""

    id: int
    show: str
    season: int | None
    facet: Facet
    value: str
    certainty: Certainty
    as_of: str
    evidence: str
    rule: str


class ArticleDetail(Article):
    """One article in full, with what was read from it and what it changed."""

    text: str
    claims: list[Claim]
    events: list[Event]


class Poll(_Out):
    """One crawl of a source."""

    started_at: dt.datetime
    finished_at: dt.datetime
    finish_reason: str | None
    pages: int
    stored: int
    dropped: int
    error_count: int
    errors: dict[str, int] = Field(description="Failures by kind: http_404, dns, timeout, ...")
    message: str | None


class SourceHealth(_Out):
    """A source: when it was last polled, what went wrong, what it gave."""

    name: str
    configured: bool = Field(description="Whether the configuration still lists it.")
    health: Health
    problem: str | None = Field(
        default=None, description="Why it is not ok, in words (a failed poll, an overdue one)."
    )
    feeds: list[str] = Field(
        default_factory=list, description="Its configured feeds, sitemaps, listings and pages."
    )
    schedule: str | None = Field(
        default=None, description="When newsmon run polls it: 'every 15 minutes', 'cron ...'."
    )
    next_poll_at: dt.datetime | None = Field(
        default=None, description="When the schedule polls it next (UTC)."
    )
    last_polled_at: dt.datetime | None
    baseline: BaselineState = Field(
        default="baselined",
        description="'baselined': a poll ran to its end, its news alerts; 'pending': its next "
        "poll is its baseline (stored and read, alerting nobody); 'off': baseline: false.",
    )
    baselined_at: dt.datetime | None = Field(
        default=None, description="When a poll of it first ran to its end."
    )
    last_poll: Poll | None
    recent_polls: int
    recent_failed: int
    failing_streak: int = Field(description="Polls with errors in a row, up to the latest.")
    articles: int
    duplicates: int
    last_article_at: dt.datetime | None


class Delivery(_Out):
    """One alert for one channel target, and how sending it went."""

    id: int
    message_id: str
    event_id: int
    event_summary: str
    channel: str
    target: str = Field(description="Where it goes, with secrets left out.")
    status: Literal["pending", "sent", "failed"]
    attempts: int
    next_attempt_at: dt.datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: dt.datetime
    sent_at: dt.datetime | None
    attempt_log: list[dict[str, Any]]


class DeliveryPage(_Out):
    """A page of deliveries, newest first."""

    items: list[Delivery]
    next_cursor: str | None
    has_more: bool
