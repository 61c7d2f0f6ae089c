"""Storing articles and finding the ones already stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Article, Source

_SPACE = re.compile(r"\s+")


def text_fingerprint(text: str) -> str:
    """SHA-256 of the text with case, Unicode forms and white space normalised."""
    normalised = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def source_by_name(session: Session, name: str) -> Source:
    """The stored row of a configured source, created on first use."""
    source = session.scalars(select(Source).where(Source.name == name)).one_or_none()
    if source is None:
        source = Source(name=name)
        session.add(source)
        session.flush()
    return source


def find_by_canonical_url(session: Session, canonical_url: str) -> Article | None:
    """The stored article with this canonical URL, if any."""
    return session.scalars(
        select(Article).where(Article.canonical_url == canonical_url)
    ).one_or_none()


def find_original_by_text(session: Session, text_hash: str) -> Article | None:
    """The first stored article with this text fingerprint, if any."""
    return session.scalars(
        select(Article).where(Article.text_hash == text_hash).order_by(Article.id).limit(1)
    ).first()


def add_article(
    session: Session,
    *,
    source_name: str | None,
    url: str,
    canonical_url: str,
    headline: str,
    text: str,
    published: dt.date,
    published_raw: str | None,
    published_source: str,
    modified: str | None = None,
    author: str | None = None,
    site_name: str | None = None,
    language: str | None = None,
    duplicate_of_id: int | None = None,
    duplicate_reason: str | None = None,
) -> Article:
    """Insert one article; the caller's unit of work commits it."""
    article = Article(
        source=source_by_name(session, source_name) if source_name else None,
        url=url,
        canonical_url=canonical_url,
        headline=headline,
        text=text,
        text_hash=text_fingerprint(text),
        published=published,
        published_raw=published_raw,
        published_source=published_source,
        modified=modified,
        author=author,
        site_name=site_name,
        language=language,
        duplicate_of_id=duplicate_of_id,
        duplicate_reason=duplicate_reason,
    )
    session.add(article)
    session.flush()
    return article
