"""RSS and Atom feeds -> FeedEntry list. Pure: bytes in, dataclasses out.

feedparser reads RSS 0.9x, 1.0 (RDF) and 2.0 and Atom, and forgives the
small XML errors real feeds have (an unescaped ``&``, a wrong encoding
declaration): a feed it can read entries from is accepted even if not
well-formed.

A response that is no feed at all (an HTML error page, JSON, an empty body),
or a feed so broken that no entry could be read from it, raises
:class:`FeedError` rather than returning ``[]``, so the caller can tell
"this feed has no new entries" from "this URL is not a feed", and report
the latter as a broken source. A well-formed feed without items is ``[]``.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

import feedparser
from bs4 import BeautifulSoup

logger = logging.getLogger(__name__)


class FeedError(Exception):
    """The body is not an RSS or Atom feed; the message is one line naming the URL."""


@dataclass(frozen=True, kw_only=True)
class FeedEntry:
    """One item of a feed."""

    link: str
    """Absolute http(s) URL of the article."""
    title: str
    """Entry title, whitespace collapsed; empty if the feed gives none."""
    published: str | None
    """Publication (else update) time as ISO 8601 in UTC, if the entry gives one."""


def parse_feed(body: bytes, url: str) -> list[FeedEntry]:
    """Return the entries of the feed ``body`` fetched from ``url``, in feed order.

    Relative links are resolved against the feed's ``xml:base`` or ``url``;
    entries without an http(s) link are left out, and a link listed twice is
    kept once. Raises FeedError when ``body`` is not a feed.
    """
    if not body or not body.strip():
        raise FeedError(f"{url}: not an RSS or Atom feed (the response is empty)")
    parsed = feedparser.parse(
        # A file object, never a str: feedparser fetches strings that look like URLs.
        io.BytesIO(body),
        response_headers={"content-location": url},
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(f"{url}: not an RSS or Atom feed ({_reason(body, parsed)})")
    if parsed.get("bozo"):
        logger.debug("%s: feed is not well-formed, read anyway: %s", url, _reason(body, parsed))
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for raw in parsed.entries:
        link = _link(raw, url)
        if link is None or link in seen:
            continue
        seen.add(link)
        entries.append(
            FeedEntry(
                link=link,
                title=_title(raw),
                published=_published(raw),
            )
        )
    if not entries and isinstance(parsed.get("bozo_exception"), SAXParseException):
        # It names a feed version, but its errors left no entry with a link to read.
        raise FeedError(f"{url}: broken feed, no entry could be read ({_reason(body, parsed)})")
    return entries


def _reason(body: bytes, parsed: Any) -> str:
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:100].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "it is an HTML page"
    problem = parsed.get("bozo_exception")
    if isinstance(problem, SAXParseException):
        return f"not well-formed XML: {problem.getMessage()}"
    return "no <rss>, <rdf:RDF> or <feed> root element"


def _link(entry: Any, feed_url: str) -> str | None:
    link = entry.get("link")
    if not (isinstance(link, str) and link.strip()):
        return None
    absolute = urljoin(feed_url, link.strip())
    parts = urlsplit(absolute)
    return absolute if parts.scheme in ("http", "https") and parts.netloc else None


def _title(entry: Any) -> str:
    title = str(entry.get("title", ""))
    detail = entry.get("title_detail") or {}
    if "html" in str(detail.get("type", "")) and "<" in title:
        # Atom type="html" titles carry markup; the title is its text.
        title = BeautifulSoup(title, "lxml").get_text()
    return " ".join(title.split())


def _published(entry: Any) -> str | None:
    # feedparser has already converted these to UTC.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                year, month, day, hour, minute, second = (int(v) for v in value[:6])
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC).isoformat()
            except (TypeError, ValueError):
                continue
    return None
