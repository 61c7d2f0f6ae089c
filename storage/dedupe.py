"""Tell whether a fetched article is new, a new version, or a copy of a stored one.

Three layers, cheapest first, each an indexed lookup:

1. canonical URL: the same canonical URL is the same article (unchanged,
   or a new version when its text changed); a page declaring another site's
   URL as its canonical (syndication) is a copy of the article stored there;
2. exact text: the fingerprint of the normalised text;
3. near-duplicate: MinHash signatures looked up in the LSH band index.

A copy is linked to the original (the first article of the story), never to
another copy, so every copy of a story points at one article.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from newsmon.storage.articles import (
    find_by_canonical_url,
    find_original_by_text,
    is_unchanged,
    text_fingerprint,
)
from newsmon.storage.models import Article
from newsmon.storage.signatures import find_similar, signature_of

logger = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.6
"""Default ``dedupe.near_duplicate_threshold``."""

Reason = Literal["canonical-url", "text-hash", "near-duplicate"]
Kind = Literal["new", "duplicate", "unchanged", "revised"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a fetched article is, relative to the store.

    ``article_id`` is the stored article concerned: the original for a
    duplicate, the same article for ``unchanged`` and ``revised``.
    """

    kind: Kind
    article_id: int | None = None
    reason: Reason | None = None
    similarity: float | None = None


NEW = Verdict("new")


def original_of(article: Article) -> int:
    """Return the id of the story's original: the article itself, or what it copies."""
    return article.duplicate_of_id if article.duplicate_of_id is not None else article.id


def same_article(stored: Article, text: str) -> Verdict:
    """Layer 1a, once the article stored under the canonical URL is in hand."""
    if is_unchanged(stored, text):
        return Verdict("unchanged", stored.id)
    return Verdict("revised", stored.id)


def check_same_article(session: Session, *, canonical_url: str, text: str) -> Verdict | None:
    """Layer 1a: the article stored under this canonical URL, unchanged or revised."""
    stored = find_by_canonical_url(session, canonical_url)
    return None if stored is None else same_article(stored, text)


def check_canonical_elsewhere(
    session: Session, *, canonical_elsewhere: str | None
) -> Verdict | None:
    """Layer 1b: the page names another site's stored article as its canonical."""
    if not canonical_elsewhere:
        return None
    stored = find_by_canonical_url(session, canonical_elsewhere)
    if stored is None:
        return None
    return Verdict("duplicate", original_of(stored), "canonical-url")


def check_text_hash(session: Session, *, text: str) -> Verdict | None:
    """Layer 2: a stored article with the same normalised text."""
    stored = find_original_by_text(session, text_fingerprint(text))
    if stored is None:
        return None
    return Verdict("duplicate", original_of(stored), "text-hash", 1.0)


def check_near_duplicate(session: Session, *, text: str, threshold: float) -> Verdict | None:
    """Layer 3: the most similar stored article at or above ``threshold``."""
    signature = signature_of(text)
    if signature is None:
        return None
    matches = find_similar(session, signature, threshold=threshold)
    if not matches:
        return None
    article_id, similarity = matches[0]
    original = session.scalar(
        select(func.coalesce(Article.duplicate_of_id, Article.id)).where(Article.id == article_id)
    )
    assert original is not None, "a signature's article is stored"
    return Verdict("duplicate", original, "near-duplicate", round(similarity, 4))


def classify(
    session: Session,
    *,
    canonical_url: str,
    text: str,
    canonical_elsewhere: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Verdict:
    """Run the three layers in order; the first that recognises the article decides."""
    return check_same_article(session, canonical_url=canonical_url, text=text) or copy_of(
        session, text=text, canonical_elsewhere=canonical_elsewhere, threshold=threshold
    )


def copy_of(
    session: Session,
    *,
    text: str,
    canonical_elsewhere: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Verdict:
    """For an article not stored under its own canonical URL: a copy of which story, or new."""
    return (
        check_canonical_elsewhere(session, canonical_elsewhere=canonical_elsewhere)
        or check_text_hash(session, text=text)
        or check_near_duplicate(session, text=text, threshold=threshold)
        or NEW
    )
