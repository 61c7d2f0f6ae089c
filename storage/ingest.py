"""An article's way into the store, as one unit of work.

:func:`ingest_article` classifies a fetched article (new, a copy of a stored
story, the stored article unchanged, or a new version of it), stores or
revises it, reads it once with the given reader (the detector), applies the
claims to the production state, and writes the change events with their
pending deliveries (none for a source's baseline, see :mod:`storage.quiet`),
all in the caller's transaction. Committed together or
not at all: a crawl killed at any moment leaves the article either fully in
(read, with its claims, events and alerts) or not in at all, and the next
crawl fetches it again.

:func:`ingest` runs one article in its own transaction and starts it over
when a concurrent writer got in the way (a deadlock, a serialisation
failure, the same URL stored by another crawler process meanwhile).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import cache

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from newsmon.detector.model import ArticleInput, Claim
from newsmon.detector.suggest import Suggestion
from newsmon.storage.articles import NewArticle, add_article, find_by_canonical_url, revise_article
from newsmon.storage.db import unit_of_work
from newsmon.storage.dedupe import DEFAULT_THRESHOLD, Kind, Reason, copy_of, same_article
from newsmon.storage.models import Article, ChangeEvent, utcnow
from newsmon.storage.quiet import Baseline
from newsmon.storage.state import Route, apply_claims
from newsmon.storage.suggestions import record_suggestions

logger = logging.getLogger(__name__)

ATTEMPTS = 5
"""How often one article's unit of work is tried when concurrent writers collide."""


@dataclass(frozen=True, slots=True)
class Reading:
    """What reading one article found: claims about catalog shows, and about other shows."""

    claims: Sequence[Claim]
    suggestions: Sequence[Suggestion] = ()


Reader = Callable[[ArticleInput], Reading]
"""Reads an article's words (the detector); pure, called once per article stored."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Ingested:
    """What became of one fetched article."""

    kind: Kind
    """``new``, ``duplicate``, ``revised`` (a new version) or ``unchanged`` (nothing stored)."""
    article_id: int
    """The stored article: the new one, or the one it updates or repeats unchanged."""
    duplicate_of: int | None = None
    """For a copy: the story's original."""
    duplicate_reason: Reason | None = None
    similarity: float | None = None
    claims: int = 0
    """Claims the reader found (0 when the article was not read)."""
    events: list[ChangeEvent] = field(default_factory=list)
    baseline: bool = False
    """Whether it was read as its source's baseline: its events alert nobody."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Quieting:
    """Which change events are history: a source's baseline, and news older than ``max_age``."""

    baseline: Baseline | None = None
    """``None``: no fetch is a baseline."""
    max_age: float | None = None
    """Seconds; ``None``: no age limit."""


def ingest_article(
    session: Session,
    article: NewArticle,
    *,
    read: Reader,
    route: Route | None = None,
    canonical_elsewhere: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    quieting: Quieting | None = None,
) -> Ingested:
    """Classify, store or revise, read and apply one article in the caller's transaction.

    ``article`` is the fetch, normalised (its ``duplicate_*`` fields are
    decided here); ``canonical_elsewhere`` the canonical URL it names on
    another site, if any. An article stored under the same canonical URL
    with the same text is ``unchanged``: nothing is written, unless it was
    never read, in which case it is read now. ``quieting`` says which of
    its change events are history (none without it); whether the fetch is
    its source's baseline is read in this transaction, so a retry after a
    crash decides as the first try did.
    """
    quiet = quieting or Quieting()
    stored = find_by_canonical_url(session, article.canonical_url)
    if stored is not None:
        verdict = same_article(stored, article.text)
        if verdict.kind == "revised":
            revise_article(
                session,
                stored,
                url=article.url,
                headline=article.headline,
                text=article.text,
                modified=article.modified,
            )
        elif stored.detected_at is not None:
            return Ingested(kind="unchanged", article_id=stored.id)
        return _read(
            session, stored, verdict.kind, read=read, route=route, quiet=quiet,
            source=article.source_name,
        )  # fmt: skip

    verdict = copy_of(
        session, text=article.text, canonical_elsewhere=canonical_elsewhere, threshold=threshold
    )
    fields = replace(
        article,
        duplicate_of_id=verdict.article_id,
        duplicate_reason=verdict.reason,
        duplicate_similarity=verdict.similarity,
    )
    new = add_article(session, **asdict(fields), detected_at=utcnow())
    done = _read(
        session, new, verdict.kind, read=read, route=route, quiet=quiet, source=article.source_name
    )
    return replace(
        done,
        duplicate_of=verdict.article_id,
        duplicate_reason=verdict.reason,
        similarity=verdict.similarity,
    )


def _read(
    session: Session,
    article: Article,
    kind: Kind,
    *,
    read: Reader,
    route: Route | None,
    quiet: Quieting,
    source: str | None,
) -> Ingested:
    """Read the article in hand and apply what it says."""
    reading = read(
        ArticleInput(
            url=article.canonical_url,
            headline=article.headline,
            text=article.text,
            published=article.published,
        )
    )
    baseline = (
        bool(reading.claims)
        and quiet.baseline is not None
        and quiet.baseline.applies(session, source)
    )
    events = apply_claims(
        session,
        article=article,
        claims=reading.claims,
        route=route,
        first_reading=kind in ("new", "duplicate"),
        baseline=baseline,
        max_age=quiet.max_age,
    )
    if reading.suggestions or kind in ("revised", "unchanged"):
        # A new version replaces what the earlier text suggested.
        record_suggestions(session, article=article, found=reading.suggestions)
    return Ingested(
        kind=kind,
        article_id=article.id,
        claims=len(reading.claims),
        events=events,
        baseline=baseline,
    )


def ingest(
    sessions: sessionmaker[Session],
    article: NewArticle,
    *,
    read: Reader,
    route: Route | None = None,
    canonical_elsewhere: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    quieting: Quieting | None = None,
) -> Ingested:
    """Ingest one article in its own transaction, started over if a concurrent writer collides.

    The reader runs at most once, however many times the transaction is tried.
    """
    read_once = cache(read)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with unit_of_work(sessions) as session:
                return ingest_article(
                    session,
                    article,
                    read=read_once,
                    route=route,
                    canonical_elsewhere=canonical_elsewhere,
                    threshold=threshold,
                    quieting=quieting,
                )
        except DBAPIError as exc:
            if attempt == ATTEMPTS or not is_conflict(exc):
                raise
            logger.info(
                "%s: a concurrent writer got in the way (%s); trying again",
                article.canonical_url,
                type(exc.orig).__name__,
            )
            time.sleep(random.uniform(0, 0.05 * 2**attempt))
    raise AssertionError("unreachable")


_CONFLICT_STATES = {"40001", "40P01", "23505"}
"""PostgreSQL: serialization failure, deadlock, unique violation."""


def is_conflict(exc: DBAPIError) -> bool:
    """Whether trying the unit of work again may succeed: another writer got in the way."""
    state = getattr(exc.orig, "sqlstate", None)
    if state is not None:
        return state in _CONFLICT_STATES
    if isinstance(exc, IntegrityError):
        return "UNIQUE" in str(exc.orig)  # SQLite: the same URL stored meanwhile
    text = str(exc.orig).lower()
    return "database is locked" in text or "database is busy" in text
