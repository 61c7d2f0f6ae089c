"""Where a page leads: feeds it announces, and the links of a listing page. Pure.

Feed autodiscovery follows the RSS Board's and WHATWG's convention:
``<link rel="alternate" type="application/rss+xml" href="...">`` (also Atom
and RDF types) in the page's head. Links of listing pages are the ``<a
href>``s of the page, made absolute, without fragments, judged by the
source's :class:`crawler.sources.LinkRules`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
from w3lib.url import safe_url_string

from newsmon.crawler.sources import LinkRules

logger = logging.getLogger(__name__)

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)
# Links to these are never pages to read.
_FILE_SUFFIXES = (
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".pdf", ".zip", ".gz",
    ".mp3", ".mp4", ".mov", ".avi", ".css", ".js", ".ico", ".woff", ".woff2",
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class PageLinks:
    """The links of a listing page, split by what they lead to."""

    articles: list[str]
    listings: list[str]
    """Pages to read for more links (only when the depth allows)."""
    pages: list[str]
    """Pages to try as articles and, depth allowing, read for links (no article pattern)."""


def feed_links(html: str, base_url: str) -> list[str]:
    """The feeds a page announces with ``<link rel="alternate">``, absolute, in page order."""
    tree = _parse(html)
    if tree is None:
        return []
    base = _base(tree, base_url)
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            url = _absolute(base, href)
            if url and url not in found:
                found.append(url)
    return found


def listing_links(html: str, base_url: str, rules: LinkRules, *, depth: int) -> PageLinks:
    """Classify the links of a listing page read at ``depth`` (0: a configured page).

    A link is followed only if ``rules.follows`` it; it is an article if it
    matches the article pattern, else a listing page while ``depth + 1`` is
    below the maximum depth. Without an article pattern every followed link
    is a page to try.
    """
    tree = _parse(html)
    articles: list[str] = []
    listings: list[str] = []
    pages: list[str] = []
    if tree is None or depth + 1 > rules.max_depth:
        return PageLinks(articles=articles, listings=listings, pages=pages)
    base = _base(tree, base_url)
    own = base_url.split("#", 1)[0]
    seen = {own}
    for anchor in tree.iter("a"):
        url = _absolute(base, anchor.get("href") or "")
        if not url or url in seen or url.lower().endswith(_FILE_SUFFIXES):
            continue
        seen.add(url)
        if not rules.follows(url):
            continue
        is_article = rules.is_article(url)
        if is_article is None:
            pages.append(url)
        elif is_article:
            articles.append(url)
        elif depth + 1 < rules.max_depth:
            listings.append(url)
    return PageLinks(articles=articles, listings=listings, pages=pages)


def _parse(html: str) -> lxml.html.HtmlElement | None:
    if not html or not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None


def _base(tree: lxml.html.HtmlElement, url: str) -> str:
    for href in tree.xpath("//base/@href")[:1]:
        return urljoin(url, str(href).strip())
    return url


def _absolute(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    url = safe_url_string(urljoin(base, href)).split("#", 1)[0]
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None
