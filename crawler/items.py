"""The item a spider yields for one article page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsmon.crawler.extraction import ExtractedPage


@dataclass(kw_only=True)
class ArticleItem:
    """One fetched and extracted article, before normalisation.

    Dates are ISO 8601 strings; ``published`` is a date or datetime with
    zone where the page gives one. ``published_source`` records where the
    date came from: ``structured-data``, ``page``, ``feed`` or ``first-seen``.
    """

    source: str
    """Name of the configured source the page was reached from."""
    url: str
    """Absolute URL the page was fetched from (after redirects)."""
    canonical_url: str | None = None
    """The page's own canonical URL (rel=canonical, og:url), absolute, if any."""
    headline: str = ""
    text: str = ""
    """Main text, trimmed, paragraphs separated by blank lines."""
    published: str | None = None
    published_raw: str | None = None
    published_source: str | None = None
    modified: str | None = None
    author: str | None = None
    site_name: str | None = None
    language: str | None = None
    feed_published: str | None = None
    """Publication date given by the feed or sitemap entry that led to the page, if any
    (a sitemap's ``<news:publication_date>``, else its ``<lastmod>``)."""
    feed_published_source: str | None = None
    """``feed`` or ``sitemap``: which kind of entry gave ``feed_published``."""
    article_id: int | None = None
    """Set by the ingest pipeline once the article is saved."""
    duplicate_of: int | None = None
    """Set by the ingest pipeline: the stored article this one repeats."""
    duplicate_reason: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_page(cls, page: ExtractedPage, *, source: str, url: str) -> ArticleItem:
        """The item of an extracted page fetched from ``url`` (the spider's and ``explain``'s)."""
        return cls(
            source=source,
            url=url,
            canonical_url=page.canonical_url,
            headline=page.headline,
            text=page.text,
            published=page.published,
            published_raw=page.published_raw,
            published_source=page.published_source,
            modified=page.modified,
            author=page.author,
            site_name=page.site_name,
            language=page.language,
        )
