"""What the crawler asks the store before fetching, and the HTTP validators it keeps.

The crawler decides with these which links it skips (articles already
stored), which stored articles it re-checks for updates (recent ones), and
which conditional headers it sends (validators of earlier fetches). Data
functions take ``session`` as a keyword argument and never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from newsmon.storage.models import Article, HttpValidator, Source, utcnow

_CHUNK = 500
"""Values per ``IN (...)``: well under every backend's parameter limit."""


@dataclass(frozen=True, kw_only=True)
class Validators:
    """What a server said about a URL's version, and the documents the URL led to."""

    etag: str | None = None
    last_modified: str | None = None
    children: tuple[tuple[str, str], ...] = ()
    """``(kind, url)`` of the documents the URL led to: ``feed``, ``sitemap``, ``listing``."""

    @property
    def usable(self) -> bool:
        """Whether a conditional request can be made with these."""
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True, kw_only=True)
class KnownArticle:
    """A stored article a link leads to."""

    article_id: int
    url: str
    published: dt.date


def known_articles(session: Session, *, links: dict[str, str]) -> dict[str, KnownArticle]:
    """Which links lead to stored articles: ``links`` maps each link to its canonical form.

    A link is known when an article is stored under its canonical form
    (an indexed lookup), or else was fetched from the link itself (a scan of
    ``articles.url``, for the links the first lookup left). Returns the known
    links only.
    """
    found: dict[str, KnownArticle] = {}
    by_canonical: dict[str, list[str]] = {}
    for link, canonical in links.items():
        by_canonical.setdefault(canonical, []).append(link)
    columns = (Article.id, Article.url, Article.canonical_url, Article.published)
    for chunk in _chunks(list(by_canonical)):
        for article_id, url, canonical_url, published in session.execute(
            select(*columns).where(Article.canonical_url.in_(chunk))
        ):
            known = KnownArticle(article_id=article_id, url=url, published=published)
            for link in by_canonical[canonical_url]:
                found[link] = known
    for chunk in _chunks([link for link in links if link not in found]):
        for article_id, url, _canonical, published in session.execute(
            select(*columns).where(Article.url.in_(chunk))
        ):
            found.setdefault(url, KnownArticle(article_id=article_id, url=url, published=published))
    return found


def recent_articles(
    session: Session,
    *,
    source: str,
    since: dt.date,
    checked_before: dt.datetime | None = None,
) -> list[str]:
    """URLs of the source's stored articles published on or after ``since``, newest first.

    With ``checked_before``, only those not fetched or revalidated since then
    (by their ``http_validators`` row; an article without one counts as due).
    """
    query = (
        select(Article.url)
        .join(Source, Article.source_id == Source.id)
        .where(Source.name == source, Article.published >= since)
    )
    if checked_before is not None:
        query = query.outerjoin(HttpValidator, HttpValidator.url == Article.url).where(
            or_(HttpValidator.id.is_(None), HttpValidator.checked_at < checked_before)
        )
    return list(session.scalars(query.order_by(Article.published.desc(), Article.id.desc())))


def validators_for(session: Session, *, urls: Iterable[str]) -> dict[str, Validators]:
    """The stored validators of those of ``urls`` that have some."""
    found: dict[str, Validators] = {}
    for chunk in _chunks(list(dict.fromkeys(urls))):
        for row in session.scalars(select(HttpValidator).where(HttpValidator.url.in_(chunk))):
            children = tuple(
                (str(pair[0]), str(pair[1]))
                for pair in row.children or ()
                if isinstance(pair, list | tuple) and len(pair) == 2
            )
            found[row.url] = Validators(
                etag=row.etag, last_modified=row.last_modified, children=children
            )
    return found


def save_validators(
    session: Session, *, entries: dict[str, Validators], now: dt.datetime | None = None
) -> None:
    """Insert or replace the validators of each URL in ``entries``."""
    checked_at = now or utcnow()
    for chunk in _chunks(list(entries)):
        existing = {
            row.url: row
            for row in session.scalars(select(HttpValidator).where(HttpValidator.url.in_(chunk)))
        }
        for url in chunk:
            value = entries[url]
            row = existing.get(url)
            if row is None:
                row = HttpValidator(url=url)
                session.add(row)
            row.etag = value.etag
            row.last_modified = value.last_modified
            row.children = [list(pair) for pair in value.children] or None
            row.checked_at = checked_at
    session.flush()


def _chunks(values: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])
