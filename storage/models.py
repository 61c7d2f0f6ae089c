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

from sqlalchemy import (
    JSON,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
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
    type_annotation_map = {dt.datetime: UTCDateTime()}


class Source(Base):
    """A configured news source; rows are kept when a source leaves the config."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_polled_at: Mapped[dt.datetime | None]


class Article(Base):
    """One stored article; duplicates are stored too, linked to their original."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(String(2000), unique=True)
    headline: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    published: Mapped[dt.date] = mapped_column(index=True)
    published_raw: Mapped[str | None] = mapped_column(Text)
    published_source: Mapped[str] = mapped_column(String(32))
    modified: Mapped[str | None] = mapped_column(String(40))
    author: Mapped[str | None] = mapped_column(Text)
    site_name: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    first_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    duplicate_reason: Mapped[str | None] = mapped_column(String(32))
    detected_at: Mapped[dt.datetime | None]
    """When the detector read the article; ``None`` means it still has to."""

    source: Mapped[Source | None] = relationship()
    duplicate_of: Mapped[Article | None] = relationship(remote_side=[id])


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

    article: Mapped[Article] = relationship()


class DeliveryStatus(enum.StrEnum):
    """Where a delivery is in its life: pending until sent or given up."""

    pending = "pending"
    sent = "sent"
    failed = "failed"


def new_message_id() -> str:
    """A stable delivery id, reused on every retry (the ``webhook-id``)."""
    return f"msg_{uuid.uuid4().hex}"


class Delivery(Base):
    """One alert for one channel target: the outbox row a dispatcher sends."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(64), unique=True, default=new_message_id)
    event_id: Mapped[int] = mapped_column(ForeignKey("change_events.id"), index=True)
    channel: Mapped[str] = mapped_column(String(32))
    """Channel kind as registered (``webhook``, ``email``)."""
    target: Mapped[str] = mapped_column(Text)
    """What the channel sends to: a webhook URL, or the email recipients."""
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

    event: Mapped[ChangeEvent] = relationship()

    __table_args__ = (
        UniqueConstraint("event_id", "channel", "target", name="uq_deliveries_event_channel_target"),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
    )


__all__ = [
    "Article",
    "Base",
    "ChangeEvent",
    "ClaimRow",
    "Delivery",
    "DeliveryStatus",
    "ProductionState",
    "Source",
    "utcnow",
]
