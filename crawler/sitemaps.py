"""XML sitemaps, sitemap indexes and Google News sitemaps -> entries. Pure.

Parsed with lxml the way Scrapy's own :class:`scrapy.utils.sitemap.Sitemap`
does (no entity expansion, no network access, recovering from small errors),
but keeping what Scrapy's reader drops: the ``<news:publication_date>`` and
``<news:title>`` of Google News sitemaps. :func:`recent_entries` applies a
source's ``since`` horizon, so a sitemap of 50,000 old URLs costs one parse,
not 50,000 requests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import lxml.etree  # type: ignore[import-untyped]

from crawler.dates import normalise_date

logger = logging.getLogger(__name__)

_PARSER_OPTIONS = {
    "recover": True,
    "remove_comments": True,
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": True,
}


class SitemapError(Exception):
    """The body is not a sitemap or sitemap index."""


@dataclass(frozen=True, kw_only=True)
class SitemapEntry:
    """One ``<url>`` of a urlset, or one ``<sitemap>`` of an index."""

    loc: str
    lastmod: str | None = None
    """The entry's ``<lastmod>``, as written."""
    news_published: str | None = None
    """A Google News sitemap's ``<news:publication_date>``, as written."""
    news_title: str | None = None

    @property
    def date(self) -> str | None:
        """The entry's best date as ISO 8601: the news publication date, else lastmod."""
        return normalise_date(self.news_published) or normalise_date(self.lastmod)


@dataclass(frozen=True, kw_only=True)
class SitemapDocument:
    """A parsed sitemap: ``index`` (of sitemaps) or ``urlset`` (of pages)."""

    kind: str
    entries: list[SitemapEntry]


def parse_sitemap(body: bytes) -> SitemapDocument:
    """Parse a (decompressed) sitemap; raise SitemapError when it is none."""
    if not body or not body.strip():
        raise SitemapError("the response is empty")
    try:
        root = lxml.etree.fromstring(body, parser=lxml.etree.XMLParser(**_PARSER_OPTIONS))
    except lxml.etree.XMLSyntaxError as exc:
        raise SitemapError(f"not XML: {exc}") from None
    if root is None:
        raise SitemapError("not XML")
    kind = _local(root.tag)
    if kind == "sitemapindex":
        return SitemapDocument(kind="index", entries=list(_entries(root, "sitemap")))
    if kind == "urlset":
        return SitemapDocument(kind="urlset", entries=list(_entries(root, "url")))
    raise SitemapError(f"root element is <{kind}>, not <urlset> or <sitemapindex>")


def recent_entries(entries: list[SitemapEntry], since: date) -> tuple[list[SitemapEntry], int]:
    """Entries dated on or after ``since``, or undated; and how many were too old."""
    kept = [e for e in entries if (day := _day(e.date)) is None or day >= since]
    return kept, len(entries) - len(kept)


def _entries(root: lxml.etree._Element, element_name: str) -> Iterator[SitemapEntry]:
    for element in root:
        if not isinstance(element.tag, str) or _local(element.tag) != element_name:
            continue
        fields: dict[str, str] = {}
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = _local(child.tag)
            # Google News keeps its fields one level down, in <news:news>; image
            # and video extensions have <loc>s of their own there, never read.
            for field in child if name == "news" else [child]:
                if isinstance(field.tag, str) and (text := (field.text or "").strip()):
                    fields.setdefault(_local(field.tag), text)
        loc = fields.get("loc", "")
        if not loc.startswith(("http://", "https://")):
            continue
        yield SitemapEntry(
            loc=loc,
            lastmod=fields.get("lastmod"),
            news_published=fields.get("publication_date"),
            news_title=fields.get("title"),
        )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.date()
