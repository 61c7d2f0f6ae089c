"""Article page -> ExtractedPage. Pure: HTML in, dataclass out, no Scrapy.

The main text comes from trafilatura (balanced precision and recall, with its
fallback extractors, comments left out). Headline, dates and author come
first from the page's structured data (JSON-LD, microdata, OpenGraph), then
from trafilatura's own metadata. When trafilatura finds no text, the JSON-LD
``articleBody`` is used (also when trafilatura finds far less than it).
A page with no sentence-sized paragraph of text gives None.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
from trafilatura import bare_extraction
from trafilatura.utils import load_html

from crawler.dates import normalise_date
from crawler.structured_data import PageMetadata, read_metadata

logger = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_WORDS = re.compile(r"\w+")
_WHITESPACE = re.compile(r"\s+")
# Elements of trafilatura's XML output that start a new paragraph; <lb/> is a
# <br> in the page, which many sites use between paragraphs.
_BLOCKS = frozenset({"p", "head", "quote", "list", "item", "table", "row", "lb", "div"})
_MIN_PARAGRAPH = 80


@dataclass(kw_only=True)
class ExtractedPage:
    """What one article page says, extracted and trimmed.

    Dates are ISO 8601 strings: a date (``2024-03-05``) or a datetime, with
    its zone when the page gives one.
    """

    url: str
    """The URL the page was fetched from."""
    canonical_url: str | None
    """rel=canonical, else og:url; absolute http(s) URL."""
    headline: str
    text: str
    """Main text: paragraphs separated by one blank line, each trimmed."""
    published: str | None
    published_raw: str | None
    """The date as the page wrote it (for ``page`` dates, trafilatura's reading)."""
    published_source: str | None
    """``structured-data`` or ``page``; None when no date was found."""
    modified: str | None
    author: str | None
    """Author names joined by ``"; "``."""
    site_name: str | None
    language: str | None
    """Language tag as the page declares it (``en``, ``en-US``)."""


def extract_article(*, url: str, html: str) -> ExtractedPage | None:
    """Extract the article from one HTML page, or None if it has no article text.

    Never raises on bad input (empty, binary, malformed markup): such pages
    give None, and the caller decides how to report them.
    """
    if not html or not html.strip() or _looks_binary(html):
        return None
    try:
        return _extract(url, html)
    except (ValueError, TypeError, AttributeError, LookupError, RecursionError) as exc:
        # lxml and the extractors raise these on hostile input; a bug shows at DEBUG.
        logger.debug("extraction failed for %s: %r", url, exc, exc_info=True)
        return None
    except lxml.etree.LxmlError as exc:
        logger.debug("extraction failed for %s: %r", url, exc, exc_info=True)
        return None


def _looks_binary(html: str) -> bool:
    sample = html[:4096]
    return "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 20


def _extract(url: str, html: str) -> ExtractedPage | None:
    tree = load_html(html)
    if tree is None:
        return None
    # Read the metadata first: trafilatura prunes the tree it is given.
    meta = read_metadata(tree, url)
    document = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    found: dict[str, Any] = {} if document is None else _document_fields(document)
    headline = meta.headline or _clean(found.get("title")) or ""
    text = _body_text(found.get("body")) or _paragraphs(found.get("text") or "")
    if meta.article_body:
        declared = _paragraphs(_strip_tags(meta.article_body))
        # A script-rendered page leaves trafilatura a "please enable JavaScript"
        # stub, or articleBody itself with its paragraph breaks flattened.
        if len(text) < len(declared) // 2 or text.split() == declared.split():
            text = declared
    text = _without_headline(text, headline)
    if not _has_prose(text):
        return None
    published, published_raw, published_source = _publication(meta, found.get("date"))
    return ExtractedPage(
        url=url,
        canonical_url=meta.canonical_url,
        headline=headline,
        text=text,
        published=published,
        published_raw=published_raw,
        published_source=published_source,
        modified=normalise_date(meta.modified_raw),
        author=meta.author or _clean(found.get("author")),
        site_name=meta.site_name or _site_name(found.get("sitename"), url),
        language=meta.language or _clean(found.get("language")),
    )


def _document_fields(document: Any) -> dict[str, Any]:
    if isinstance(document, dict):
        return document
    names = ("body", "text", "title", "author", "date", "sitename", "language")
    return {name: getattr(document, name, None) for name in names}


def _publication(
    meta: PageMetadata, page_date: str | None
) -> tuple[str | None, str | None, str | None]:
    """Structured data first, then the date trafilatura read from the page."""
    structured = normalise_date(meta.published_raw)
    if structured:
        return structured, meta.published_raw, "structured-data"
    page = normalise_date(page_date)
    if page:
        return page, page_date, "page"
    if meta.published_raw:
        # Unreadable here, but kept so a later step can try harder.
        return None, meta.published_raw, "structured-data"
    return None, None, None


def _body_text(body: Any) -> str:
    """Paragraphs of trafilatura's XML body; line breaks in the HTML source are spaces."""
    if not isinstance(body, lxml.etree._Element):
        return ""
    chunks: list[str] = []
    _walk(body, chunks)
    return _paragraphs("".join(chunks))


def _walk(element: lxml.etree._Element, chunks: list[str]) -> None:
    tag = element.tag
    block = tag in _BLOCKS
    if block:
        chunks.append("\n")
    elif tag == "cell" and element.getprevious() is not None:
        chunks.append(" | ")
    chunks.append(_space(element.text))
    for child in element:
        _walk(child, chunks)
        chunks.append(_space(child.tail))
    if block:
        chunks.append("\n")


def _space(text: str | None) -> str:
    return _WHITESPACE.sub(" ", text) if text else ""


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _without_headline(text: str, headline: str) -> str:
    """Drop a first paragraph that only repeats the headline."""
    first, _, rest = text.partition("\n\n")
    same = _WORDS.findall(first.casefold()) == _WORDS.findall(headline.casefold())
    return rest if same and headline else text


def _has_prose(text: str) -> bool:
    # Navigation, pagers and captions come out as short lines; an article has
    # at least one sentence-sized paragraph (counted in characters, which also
    # works for languages written without spaces).
    return any(len(paragraph) >= _MIN_PARAGRAPH for paragraph in text.split("\n\n"))


def _site_name(found: Any, url: str) -> str | None:
    # trafilatura falls back to the host name, which names no publication.
    name = _clean(found)
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return None if name is None or name.removeprefix("www.") == host else name


def _strip_tags(body: str) -> str:
    if not _TAG.search(body):
        return body
    fragment = lxml.html.fragment_fromstring(body, create_parent="div")
    for block in fragment.iter("p", "br", "li", "h1", "h2", "h3", "h4", "div", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    return str(fragment.text_content())


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
