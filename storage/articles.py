"""Storing articles, their versions, and finding the ones already stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from newsmon.storage.models import Article, ArticleVersion, Source, utcnow
from newsmon.storage.signatures import index_signature, signature_of

logger = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")


def text_fingerprint(text: str) -> str:
    """SHA-256 of the text with case, Unicode forms and white space normalised."""
    normalised = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def is_unchanged(stored: Article, text: str) -> bool:
    """Whether ``text`` is the stored article's current text (the one test of "unchanged")."""
    return stored.text_hash == text_fingerprint(text)


def source_by_name(session: Session, name: str) -> Source:
    """Return the stored row of a configured source, created on first use."""
    source = session.scalars(select(Source).where(Source.name == name)).one_or_none()
    if source is None:
        source = Source(name=name)
        session.add(source)
        session.flush()
    return source


def find_by_canonical_url(session: Session, canonical_url: str) -> Article | None:
    """Return the stored article with this canonical URL, if any."""
    return session.scalars(
        select(Article).where(Article.canonical_url == canonical_url)
    ).one_or_none()


def find_original_by_text(session: Session, text_hash: str) -> Article | None:
    """Return the first stored article with this text fingerprint, if any."""
    return session.scalars(
        select(Article).where(Article.text_hash == text_hash).order_by(Article.id).limit(1)
    ).first()


@dataclass(frozen=True, kw_only=True)
class NewArticle:
    """What a fetch gives for one article, ready to store."""

    source_name: str | None
    url: str
    canonical_url: str
    headline: str
    text: str
    published: dt.date
    published_raw: str | None
    published_source: str
    modified: str | None = None
    author: str | None = None
    site_name: str | None = None
    language: str | None = None
    duplicate_of_id: int | None = None
    duplicate_reason: str | None = None
    duplicate_similarity: float | None = None


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
    duplicate_similarity: float | None = None,
    detected_at: dt.datetime | None = None,
) -> Article:
    """Insert one article and index its signature; the caller's unit of work commits it.

    ``detected_at`` marks it read already (its claims are applied in the same unit of work).
    """
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
        duplicate_similarity=duplicate_similarity,
        detected_at=detected_at,
    )
    session.add(article)
    session.flush()
    signature = signature_of(text)
    if signature is not None:
        index_signature(session, article_id=article.id, signature=signature, new=True)
    return article


def revise_article(
    session: Session,
    article: Article,
    *,
    url: str,
    headline: str,
    text: str,
    modified: str | None,
) -> ArticleVersion:
    """Keep the article's current text as a version and make ``text`` the current one.

    The article is marked unread (``detected_at`` cleared) so the detector
    reads the new text. Returns the version row that keeps the old text.
    """
    now = utcnow()
    old = ArticleVersion(
        article_id=article.id,
        number=article.version,
        url=article.url,
        headline=article.headline,
        text=article.text,
        text_hash=article.text_hash,
        modified=article.modified,
        seen_at=article.revised_at or article.first_seen_at,
        replaced_at=now,
        text_pruned_at=article.text_pruned_at,
    )
    session.add(old)
    article.url = url
    article.headline = headline
    article.text = text
    article.text_hash = text_fingerprint(text)
    article.modified = modified
    article.version += 1
    article.revised_at = now
    article.text_pruned_at = None
    article.detected_at = None
    session.flush()
    signature = signature_of(text)
    if signature is not None:
        index_signature(session, article_id=article.id, signature=signature)
    logger.info(
        "article %s: version %s replaces version %s", article.id, article.version, old.number
    )
    return old


@dataclass(frozen=True, slots=True)
class Version:
    """One text an article has had; the last one is the current text."""

    number: int
    url: str
    headline: str
    text: str
    modified: str | None
    """The page's own modification date, as it gave it."""
    seen_at: dt.datetime
    """When this version was first fetched."""
    replaced_at: dt.datetime | None
    """When a newer version replaced it; ``None`` for the current version."""
    text_pruned: bool
    """Retention removed this version's text."""


def article_versions(session: Session, article_id: int) -> list[Version]:
    """Every version of the article, oldest first; empty for an unknown id."""
    article = session.get(Article, article_id)
    if article is None:
        return []
    earlier = session.scalars(
        select(ArticleVersion)
        .where(ArticleVersion.article_id == article_id)
        .order_by(ArticleVersion.number)
    )
    versions = [
        Version(
            number=row.number,
            url=row.url,
            headline=row.headline,
            text=row.text,
            modified=row.modified,
            seen_at=row.seen_at,
            replaced_at=row.replaced_at,
            text_pruned=row.text_pruned_at is not None,
        )
        for row in earlier
    ]
    versions.append(
        Version(
            number=article.version,
            url=article.url,
            headline=article.headline,
            text=article.text,
            modified=article.modified,
            seen_at=article.revised_at or article.first_seen_at,
            replaced_at=None,
            text_pruned=article.text_pruned_at is not None,
        )
    )
    return versions
