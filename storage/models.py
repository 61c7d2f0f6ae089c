"""Typed SQLAlchemy 2.0 models: the article store, claims, state, events, outbox.

Current production state lives in one table (``production_state``), the
append-only history beside it (``claims`` and ``change_events``); a change
event and its ``deliveries`` are written in the transaction that changes the
state, so no alert can be lost between the two (transactional outbox).
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every backend (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware UTC one is needed")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention for migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime()}


class Source(Base):
    """A configured news source; rows are kept when a source leaves the config."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_polled_at: Mapped[dt.datetime | None]
    baselined_at: Mapped[dt.datetime | None]
    """When a poll of the source first ran to its end; ``None`` while its polls are still
    its baseline (stored and read, alerting nobody). See :mod:`storage.quiet`."""


class SourcePoll(Base):
    """One crawl of one source: when, what it stored, what went wrong (append-only).

    The sources' health (``newsmon serve``'s sources page and API) is read
    from these rows; a poll with errors does not undo what earlier ones stored.
    """

    __tablename__ = "source_polls"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"))
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime]
    finish_reason: Mapped[str | None] = mapped_column(String(64))
    """Scrapy's reason (``finished``, ``shutdown``, ...), or ``error`` when it did not run."""
    pages: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    """Articles that passed every pipeline (new or linked duplicates)."""
    dropped: Mapped[int] = mapped_column(Integer, default=0)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    """Failures by kind: ``http_404``, ``dns``, ``timeout``, ``bad_feed``, ..."""
    message: Mapped[str | None] = mapped_column(Text)
    """One line for a poll that failed as a whole (the crawl could not start)."""

    source: Mapped[Source] = relationship()

    __table_args__ = (Index("ix_source_polls_source_started", "source_id", "started_at"),)


def _notice_id() -> str:
    # new_message_id is defined further down; it is looked up when a row is made.
    return new_message_id()


class SourceHealthState(Base):
    """What ``newsmon run`` last said about a source's health, so a restart says it once.

    ``status`` is ``healthy``, ``failing`` (its last polls failed) or ``silent``
    (no new article for a while). A change of status is announced through the
    alert channels; ``pending_channels`` lists the ``kind target`` keys still
    to be told (retried on each health check), ``reported_at`` is set once
    every channel was. ``message_id`` is the notice's stable id on retries.
    """

    __tablename__ = "source_health"

    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id"), primary_key=True, autoincrement=False
    )
    status: Mapped[str] = mapped_column(String(16), default="healthy")
    reason: Mapped[str | None] = mapped_column(Text)
    since: Mapped[dt.datetime] = mapped_column(default=utcnow)
    """When the current status began."""
    announced: Mapped[bool] = mapped_column(default=False)
    """Whether the current status is one to announce (a problem, or a recovery from one)."""
    reported_at: Mapped[dt.datetime | None]
    pending_channels: Mapped[list[str]] = mapped_column(JSON, default=list)
    message_id: Mapped[str] = mapped_column(String(64), default=_notice_id)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    source: Mapped[Source] = relationship()


class Article(Base):
    """One stored article; duplicates are stored too, linked to their original.

    The row holds the article's current version; earlier versions fetched
    from the same canonical URL are kept in ``article_versions``. Retention
    (``newsmon prune``) empties ``text`` but keeps the row, its hash and its
    near-duplicate signature, so history still links to it and copies of it
    are still recognised.
    """

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    headline: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    published: Mapped[dt.date]
    published_raw: Mapped[str | None] = mapped_column(Text)
    published_source: Mapped[str] = mapped_column(String(32))
    modified: Mapped[str | None] = mapped_column(String(40))
    author: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    first_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    duplicate_reason: Mapped[str | None] = mapped_column(String(32))
    """``canonical-url``, ``text-hash`` or ``near-duplicate``; ``None`` for an original."""
    duplicate_similarity: Mapped[float | None] = mapped_column(Float)
    """Estimated Jaccard similarity to the original, for near-duplicates."""
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    """Number of the current text; 1 until a re-fetch finds the text changed."""
    revised_at: Mapped[dt.datetime | None]
    """When the current version replaced an earlier one; ``None``: never revised."""
    text_pruned_at: Mapped[dt.datetime | None]
    """When retention removed the text (headline, dates and claims are kept)."""
    detected_at: Mapped[dt.datetime | None]
    """When the detector read the article; ``None`` means it still has to."""

    source: Mapped[Source | None] = relationship()
    duplicate_of: Mapped[Article | None] = relationship(remote_side=[id])

    __table_args__ = (
        # ``newsmon articles`` lists newest first: published, then id.
        Index("ix_articles_published_id", "published", "id"),
    )


class ArticleVersion(Base):
    """An earlier text of an article, replaced when a re-fetch found it changed."""

    __tablename__ = "article_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    number: Mapped[int]
    url: Mapped[str] = mapped_column(Text)
    headline: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    text_hash: Mapped[str] = mapped_column(String(64))
    modified: Mapped[str | None] = mapped_column(String(40))
    """The page's own modification date for this version, if it gave one."""
    seen_at: Mapped[dt.datetime]
    """When this version was first fetched."""
    replaced_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    """When a newer version replaced it."""
    text_pruned_at: Mapped[dt.datetime | None]

    __table_args__ = (UniqueConstraint("article_id", "number"),)


class ArticleSignature(Base):
    """The MinHash signature of an article's text, for near-duplicate lookups."""

    __tablename__ = "article_signatures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)
    """The signature's hash values, little-endian unsigned 32-bit."""
    shingles: Mapped[int]
    """How many distinct word 3-grams the text has."""


class LshBand(Base):
    """One LSH band of an article's signature: articles sharing a key are candidates.

    Kept in SQL, not in memory, so every crawler process shares the index
    and a lookup is one indexed query however many articles are stored.
    """

    __tablename__ = "lsh_bands"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    """64-bit hash of the band number and its hash values."""
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id"), primary_key=True, autoincrement=False
    )

    __table_args__ = ({"sqlite_with_rowid": False},)


class ClaimRow(Base):
    """A claim read from an article; append-only, in the order claims were fed."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    show: Mapped[str] = mapped_column(String(300))
    season: Mapped[int | None]
    facet: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))
    certainty: Mapped[str] = mapped_column(String(16))
    as_of: Mapped[str] = mapped_column(String(32))
    evidence: Mapped[str] = mapped_column(Text)
    rule_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship()

    __table_args__ = (Index("ix_claims_production", "show", "season", "facet"),)


class ProductionState(Base):
    """The current value of one facet of one production."""

    __tablename__ = "production_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    production_key: Mapped[str] = mapped_column(String(320))
    """``show|season`` (``show|null`` for films): unique even where season is NULL."""
    show: Mapped[str] = mapped_column(String(300), index=True)
    season: Mapped[int | None]
    facet: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))
    certainty: Mapped[str] = mapped_column(String(16))
    as_of: Mapped[str] = mapped_column(String(32))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    """The claim holding the facet; ``value``, ``certainty`` and ``as_of`` are its."""
    latest_as_of: Mapped[str | None] = mapped_column(String(32))
    """``as_of`` of the latest claim folded (the holder, or vaguer news confirming it);
    a claim dated at or after it is folded in without reading the facet's history.
    ``None`` on rows written before it was kept: the next claim refolds the facet."""
    latest_certainty: Mapped[str | None] = mapped_column(String(16))
    """Certainty of that latest claim."""
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    claim: Mapped[ClaimRow] = relationship()

    __table_args__ = (UniqueConstraint("production_key", "facet"),)


class ChangeEvent(Base):
    """A facet of a production that changed value; the source of every alert."""

    __tablename__ = "change_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    show: Mapped[str] = mapped_column(String(300), index=True)
    season: Mapped[int | None]
    facet: Mapped[str] = mapped_column(String(16))
    from_value: Mapped[str | None] = mapped_column(String(64))
    to_value: Mapped[str] = mapped_column(String(64))
    certainty: Mapped[str] = mapped_column(String(16))
    as_of: Mapped[str] = mapped_column(String(32))
    evidence: Mapped[str] = mapped_column(Text)
    rule_id: Mapped[str] = mapped_column(String(64))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    detected_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    quiet: Mapped[str | None] = mapped_column(String(16))
    """Why the change is history rather than news, and sent no alert: ``baseline`` (read
    by its source's first poll, or ``newsmon crawl --baseline``), ``old`` (its ``as_of``
    was older than ``alerts.max_age`` when it was found); ``None``: news."""

    article: Mapped[Article] = relationship()

    __table_args__ = (
        # The latest change of each show and of each production (dashboard, API), read
        # from an index alone: PostgreSQL's index on show alone does not hold the id.
        Index("ix_change_events_show_id", "show", "id"),
        Index("ix_change_events_production", "show", "season", "id"),
    )


class EventReport(Base):
    """One outlet that reported a change event's new value (see :mod:`storage.corroboration`).

    The article that caused the event is its first report; a later article of
    another outlet saying the same adds a row, one of the same outlet saying it
    more firmly raises ``certainty``. Copies of a story count as the outlet of
    its original, so syndication never counts twice.
    """

    __tablename__ = "event_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("change_events.id"), index=True)
    outlet: Mapped[str] = mapped_column(String(255))
    """The site: its registered domain (``variety.com``), or ``host:port`` for an address."""
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    """The outlet's first article saying so."""
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    """The firmest claim the outlet made of the value."""
    certainty: Mapped[str] = mapped_column(String(16))
    as_of: Mapped[str] = mapped_column(String(32))
    reported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    """When newsmon read the outlet's first report."""

    article: Mapped[Article] = relationship()

    __table_args__ = (UniqueConstraint("event_id", "outlet"),)


class FollowedShow(Base):
    """A show followed from the web page; the configuration's subscriptions still apply."""

    __tablename__ = "followed_shows"

    id: Mapped[int] = mapped_column(primary_key=True)
    show: Mapped[str] = mapped_column(String(300), unique=True)
    """The show as the store spells it (its catalog title)."""
    followed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DeliveryStatus(enum.StrEnum):
    """Where a delivery is in its life: pending until sent or given up."""

    pending = "pending"
    sent = "sent"
    failed = "failed"


def new_message_id() -> str:
    """A stable delivery id, reused on every retry (the ``webhook-id``)."""
    return f"msg_{uuid.uuid4().hex}"


class Delivery(Base):
    """One alert for one channel: the outbox row a dispatcher sends.

    A dispatcher claims a row before sending it by setting ``claimed_by`` and
    ``lease_until`` with a conditional UPDATE (only one claimant's row count
    is 1); the claim is cleared when the attempt is recorded. A dispatcher
    that dies keeps the row only until ``lease_until``, then another takes it.
    """

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_message_id)
    event_id: Mapped[int] = mapped_column(ForeignKey("change_events.id"), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    """Channel kind as registered (``webhook``, ``email``)."""
    target: Mapped[str] = mapped_column(Text)
    """The channel's identity, ``kind:name`` or ``kind:N`` (older rows: its URL or recipients).

    Not where it is sent: a pending delivery goes to the channel's address at send time.
    """
    status: Mapped[DeliveryStatus] = mapped_column(
        Enum(DeliveryStatus, native_enum=False, length=16), default=DeliveryStatus.pending
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_status_code: Mapped[int | None]
    attempt_log: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    """The dispatcher sending it now (``host:pid:token``), while its lease lasts."""
    lease_until: Mapped[dt.datetime | None]
    """Until when the claim holds; after it another dispatcher may take the row."""

    event: Mapped[ChangeEvent] = relationship()

    __table_args__ = (
        UniqueConstraint(
            "event_id", "channel", "target", name="uq_deliveries_event_channel_target"
        ),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
    )


class AlertChannel(Base):
    """What the store remembers of one channel target: whether it is disabled.

    A webhook answering 410 Gone is disabled: nothing more is sent to it
    until the user enables it again. Rows are created on first need; a
    channel without a row is enabled. A dispatcher sending the channel's
    digests holds a lease on this row (``claimed_by``, ``lease_until``), as
    it does on a delivery it sends.
    """

    __tablename__ = "alert_channels"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    target: Mapped[str] = mapped_column(Text)
    disabled_at: Mapped[dt.datetime | None]
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    lease_until: Mapped[dt.datetime | None]

    __table_args__ = (UniqueConstraint("kind", "target", name="uq_alert_channels_kind_target"),)


# History queries match show names case-insensitively (``lower(show) = ...``).
Index("ix_claims_show_lower", func.lower(ClaimRow.show))
Index("ix_change_events_show_lower", func.lower(ChangeEvent.show))
Index("ix_production_state_show_lower", func.lower(ProductionState.show))


class HttpValidator(Base):
    """What the crawler remembers of a URL, to ask the server "changed since?" next time.

    One row per fetched feed, sitemap, home or listing page and article page:
    its ``ETag`` and ``Last-Modified``, sent back as ``If-None-Match`` and
    ``If-Modified-Since``. ``children`` lists the documents a page led to
    (the feeds of a home page, the sitemaps of an index), which are polled
    again when the page itself answers 304 Not Modified.
    """

    __tablename__ = "http_validators"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(100))
    children: Mapped[list[list[str]] | None] = mapped_column(JSON)
    """``[kind, url]`` pairs: ``feed``, ``sitemap`` or ``listing``."""
    checked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    """When the URL was last fetched or revalidated."""


class CatalogSuggestion(Base):
    """A status claim an article made about a show the catalog does not know.

    Written when an article is detected (``storage.suggestions``); ``newsmon
    catalog suggest`` groups the rows by title so that a user can see which
    shows the press is talking about and add them to the catalog.
    """

    __tablename__ = "catalog_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_key: Mapped[str] = mapped_column(String(300), index=True)
    """The title case-folded with spaces collapsed, to group ways of writing it."""
    title: Mapped[str] = mapped_column(String(300))
    """The title as the article wrote it."""
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    published: Mapped[dt.date]
    """The article's publication date: when the title was seen."""
    season: Mapped[int | None]
    facet: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(64))
    certainty: Mapped[str] = mapped_column(String(16))
    as_of: Mapped[str] = mapped_column(String(32))
    evidence: Mapped[str] = mapped_column(Text)
    rule_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship()


__all__ = [
    "AlertChannel",
    "Article",
    "ArticleSignature",
    "ArticleVersion",
    "Base",
    "CatalogSuggestion",
    "ChangeEvent",
    "ClaimRow",
    "Delivery",
    "DeliveryStatus",
    "EventReport",
    "FollowedShow",
    "HttpValidator",
    "LshBand",
    "ProductionState",
    "Source",
    "SourceHealthState",
    "SourcePoll",
    "utcnow",
]
