"""XML sitemaps, sitemap indexes and Google News sitemaps -> entries. Pure.

Parsed with lxml the way Scrapy's own :class:`scrapy.utils.sitemap.Sitemap`
does (no entity expansion, no network access, recovering from small errors),
but keeping what Scrapy's reader drops: the ``<news:publication_date>`` and
``<news:title>`` of Google News sitemaps. :func:`read_sitemap` streams: it
reads the body incrementally (``iterparse``, lxml's size limits on) and
gives entries one at a time, dropping each element once read, so a 50 MB
sitemap of 500,000 URLs never becomes a tree or a list in memory.
:func:`recent_entries` applies a source's ``since`` horizon, so a sitemap of
50,000 old URLs costs one parse, not 50,000 requests.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import lxml.etree  # type: ignore[import-untyped]

from newsmon.crawler.date_strings import normalise_date

logger = logging.getLogger(__name__)

_PARSER_OPTIONS = {
    "recover": True,
    "remove_comments": True,
    "resolve_entities": False,
    "no_network": True,
    # lxml's limits (text nodes, depth) stay on: no sitemap element needs more.
    "huge_tree": False,
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


@dataclass(frozen=True)
class SitemapStream:
    """A sitemap being read: its kind, and its entries, one at a time.

    ``entries`` raises SitemapError if the XML breaks beyond repair partway.
    """

    kind: str
    """``index`` (of sitemaps) or ``urlset`` (of pages)."""
    entries: Iterator[SitemapEntry]


def read_sitemap(body: bytes) -> SitemapStream:
    """Start reading a (decompressed) sitemap; raise SitemapError when it is none."""
    if not body or not body.strip():
        raise SitemapError("the response is empty")
    events = lxml.etree.iterparse(io.BytesIO(body), events=("start", "end"), **_PARSER_OPTIONS)
    try:
        _, root = next(events)
    except StopIteration:
        raise SitemapError("not XML") from None
    except lxml.etree.XMLSyntaxError as exc:
        raise SitemapError(f"not XML: {exc}") from None
    kind = _local(root.tag) if isinstance(root.tag, str) else ""
    if kind == "sitemapindex":
        return SitemapStream("index", _stream(events, root, "sitemap"))
    if kind == "urlset":
        return SitemapStream("urlset", _stream(events, root, "url"))
    raise SitemapError(f"root element is <{kind}>, not <urlset> or <sitemapindex>")


def parse_sitemap(body: bytes) -> SitemapDocument:
    """Parse a whole (decompressed) sitemap; raise SitemapError when it is none."""
    stream = read_sitemap(body)
    return SitemapDocument(kind=stream.kind, entries=list(stream.entries))


def recent_entries(entries: list[SitemapEntry], since: date) -> tuple[list[SitemapEntry], int]:
    """Entries dated on or after ``since``, or undated; and how many were too old."""
    kept = [e for e in entries if is_recent(e, since)]
    return kept, len(entries) - len(kept)


def is_recent(entry: SitemapEntry, since: date) -> bool:
    """Whether ``entry`` is dated on or after ``since``, or undated."""
    day = _day(entry.date)
    return day is None or day >= since


def _stream(
    events: Iterator[tuple[str, lxml.etree._Element]], root: lxml.etree._Element, name: str
) -> Iterator[SitemapEntry]:
    try:
        for event, element in events:
            if event != "end" or element.getparent() is not root:
                continue
            if isinstance(element.tag, str) and _local(element.tag) == name:
                entry = _entry(element)
                if entry is not None:
                    yield entry
            # Read: drop it, and anything before it, so the tree stays one element deep.
            element.clear()
            while element.getprevious() is not None:
                del root[0]
    except lxml.etree.XMLSyntaxError as exc:
        raise SitemapError(f"broken XML: {exc}") from None


def _entry(element: lxml.etree._Element) -> SitemapEntry | None:
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
        return None
    return SitemapEntry(
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
