"""Article page -> ExtractedPage. Pure: HTML in, dataclass out, no Scrapy.

The main text comes from :func:`crawler.maintext.main_text` (trafilatura
with its fallbacks and a general clean-up). Headline, dates, author and site
name come first from the page's structured data (JSON-LD, microdata,
OpenGraph), then from the page itself: trafilatura's readers of meta tags,
``<title>`` and bylines, and htmldate for the date. When the main text is
missing or far shorter than the JSON-LD ``articleBody``, the latter is used.
A source may override the body, headline and date with CSS selectors
(:class:`crawler.overrides.ExtractionOverrides`).
A page with no sentence-sized paragraph of text gives None.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_author, extract_title
from trafilatura.utils import load_html

from newsmon.crawler.date_strings import normalise_date
from newsmon.crawler.maintext import is_prose, main_text, paragraphs_of, without_title
from newsmon.crawler.overrides import ExtractionOverrides, apply_overrides
from newsmon.crawler.structured_data import PageMetadata, read_metadata
from newsmon.crawler.visible import shown_on_page

logger = logging.getLogger(__name__)

# What marks a page as an article: an <article> element, og:type "article",
# or a schema.org articleBody in microdata.
_ARTICLE_SIGNS = lxml.etree.XPath(
    "(//article | //head/meta[@property='og:type'][contains(@content, 'article')]"
    " | //*[@itemprop='articleBody'])[1]"
)
# Whether a region holds any element trafilatura's byline search could pick
# (its AUTHOR_XPATHS, loosened to substring tests on the attribute values): where
# none does, its search (a deep copy of the region, pruned, then regular-expression
# XPaths over every element) finds nothing. Half the regions of the benchmark pages
# have none. The attribute values are gathered in one XPath and tested with one
# regular expression, three times faster than testing each element in XPath.
_BYLINE_ATTRIBUTES = lxml.etree.XPath(
    "descendant-or-self::*/@class | descendant-or-self::*/@id"
    " | descendant-or-self::*/@itemprop | descendant-or-self::*/@rel"
    " | descendant-or-self::*/@data-testid | descendant-or-self::*/@data-component"
)
_BYLINE_VALUE = re.compile(
    r"uthor|yline|username|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by"
    r"|journalist-name|screenname|writer|^byl$|^BBL$",
    re.MULTILINE,
)
_AUTHOR_ELEMENT = lxml.etree.XPath("boolean(descendant-or-self::author)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


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
    """The date as the page wrote it (for ``page`` dates, htmldate's reading)."""
    published_source: str | None
    """``structured-data`` or ``page``; None when no date was found."""
    modified: str | None
    author: str | None
    """Author names joined by ``"; "``."""
    site_name: str | None
    language: str | None
    """Language tag as the page declares it (``en``, ``en-US``)."""


def extract_article(
    *, url: str, html: str, overrides: ExtractionOverrides | None = None
) -> ExtractedPage | None:
    """Extract the article from one HTML page, or None if it has no article text.

    A page has article text when it has at least one sentence-sized block of
    text (a paragraph, or lines laid out with ``<br>`` inside one block).
    Never raises on bad input (empty, binary, malformed markup): such pages
    give None, and the caller decides how to report them.
    """
    return _safely(url, html, overrides, require_prose=True)


def extract_page(
    *, url: str, html: str, overrides: ExtractionOverrides | None = None
) -> ExtractedPage | None:
    """Extract the main text and metadata of any HTML page, article or not.

    The same reading as :func:`extract_article` without its test for
    article text: a product page, a listing or a forum thread gives its main
    text however short its lines. None only when the page has no main text.
    """
    return _safely(url, html, overrides, require_prose=False)


def _safely(
    url: str, html: str, overrides: ExtractionOverrides | None, *, require_prose: bool
) -> ExtractedPage | None:
    if not html or html.isspace() or looks_binary(html):
        return None
    try:
        return _extract(url, html, overrides, require_prose=require_prose)
    except (ValueError, TypeError, AttributeError, LookupError, RecursionError) as exc:
        # lxml and the extractors raise these on hostile input; a bug shows at DEBUG.
        logger.debug("extraction failed for %s: %r", url, exc, exc_info=True)
        return None
    except lxml.etree.LxmlError as exc:
        logger.debug("extraction failed for %s: %r", url, exc, exc_info=True)
        return None


def looks_binary(text: str) -> bool:
    """Return whether decoded ``text`` is binary data rather than markup."""
    sample = text[:4096]
    return "\x00" in sample or len(_CONTROL.findall(sample)) > len(sample) // 20


def _extract(
    url: str, html: str, overrides: ExtractionOverrides | None, *, require_prose: bool
) -> ExtractedPage | None:
    tree = load_html(html)
    if tree is None:
        return None
    meta = read_metadata(tree, url)
    forced = apply_overrides(tree, overrides) if overrides else None
    titles = _titles(tree, meta)
    if forced and forced.paragraphs:
        paragraphs, prose = forced.paragraphs, False
    else:
        found = main_text(tree, url=url, with_discussion=not require_prose, thread=meta.discussion)
        paragraphs, prose = found.paragraphs, found.has_prose
    text = "\n\n".join(paragraphs)
    if meta.article_body and not (forced and forced.paragraphs):
        declared = _with_declared_body(text, meta.article_body, tree, prose)
        if declared is not text:
            text, prose = declared, False
    # trafilatura's reading of the meta tags only fills what the structured data leaves out.
    page_meta = None if meta.headline and meta.author and meta.site_name else examine_meta(tree)
    headline = (
        (forced.headline if forced else None)
        or meta.headline
        or (_clean(page_meta.title) if page_meta else None)
        or _clean(extract_title(tree))
        or ""
    )
    text = "\n\n".join(without_title(text.split("\n\n"), [headline, *titles]))
    if not text or (require_prose and not _has_prose(text, prose)):
        return None
    # Bylines and printed dates are searched for only on a page that presents
    # itself as an article: a product or listing page has none worth the search.
    article_page = bool(_ARTICLE_SIGNS(tree))
    published, published_raw, published_source = _publication(
        meta, forced.date_raw if forced else None, tree if article_page else None, url
    )
    return ExtractedPage(
        url=url,
        canonical_url=meta.canonical_url,
        headline=headline,
        text=text,
        published=published,
        published_raw=published_raw,
        published_source=published_source,
        modified=normalise_date(meta.modified_raw),
        author=meta.author
        or (_author(page_meta.author, tree if article_page else None) if page_meta else None),
        site_name=meta.site_name or (_site_name(page_meta.sitename, url) if page_meta else None),
        language=meta.language,
    )


def _with_declared_body(text: str, article_body: str, tree: HtmlElement, prose: bool) -> str:
    """The JSON-LD ``articleBody`` in place of ``text`` where it is the better reading.

    It is when it holds the same words with its paragraph breaks kept; when the
    page's own text is a stub ("please enable JavaScript") of a script-rendered
    page; and when the page shows the declared body but the extracted text is
    less than half of it. A body the page does not show (a paywalled full text,
    another article's text) never replaces text read from the page.
    """
    declared = "\n\n".join(paragraphs_of(_strip_tags(article_body)))
    if text.split() == declared.split():
        return declared
    if len(text) >= len(declared) // 2:
        return text
    if not _has_prose(text, prose) or shown_on_page(declared, tree):
        return declared
    return text


def _titles(tree: HtmlElement, meta: PageMetadata) -> list[str]:
    """Headline candidates a body might repeat: structured, <title>, the first <h1>."""
    found = [meta.headline or ""]
    for element in tree.xpath("(//head/title | //h1)[position() <= 2]"):
        found.append(element.text_content())
    return [" ".join(t.split()) for t in found if t and t.strip()]


def _author(from_meta_tags: Any, tree: HtmlElement | None) -> str | None:
    # trafilatura's own rule: a one-word <meta name=author> is a handle, not a name.
    name = _clean(from_meta_tags)
    if name and " " in name:
        return name
    if tree is None:
        return None
    # A byline stands with its article: searching the <article> holding the
    # page's <h1>, else its <main>, is as good and several times faster than
    # trafilatura's search of the whole page (and skips other articles' teasers).
    regions = tree.xpath("//h1/ancestor::article[1]") or tree.xpath("//main")
    region = regions[0] if regions else tree
    if not _AUTHOR_ELEMENT(region) and not _BYLINE_VALUE.search(
        "\n".join(_BYLINE_ATTRIBUTES(region))
    ):
        return None
    return _clean(extract_author(region))


def _publication(
    meta: PageMetadata, override_raw: str | None, tree: HtmlElement | None, url: str
) -> tuple[str | None, str | None, str | None]:
    """A per-source selector first, then structured data, then the date htmldate finds.

    htmldate reads ``tree`` only when given one (an article page).
    """
    forced = normalise_date(override_raw)
    if forced:
        return forced, override_raw, "page"
    structured = normalise_date(meta.published_raw)
    if structured:
        return structured, meta.published_raw, "structured-data"
    page_date = _page_date(tree, url) if tree is not None else None
    page = normalise_date(page_date)
    if page:
        return page, page_date, "page"
    if meta.published_raw:
        # Unreadable here, but kept so a later step can try harder.
        return None, meta.published_raw, "structured-data"
    return None, None, None


def _page_date(tree: HtmlElement, url: str) -> str | None:
    # htmldate's quick search (meta tags, the URL, <time>, date-shaped text). Its
    # extensive search hands odd wordings to dateparser, five times slower over a
    # crawl and mostly finding copyright years on pages that have no date; a page
    # without one gets its feed or sitemap date, or the time it was first seen.
    found = find_date(
        tree,
        url=url,
        original_date=True,
        extensive_search=False,
        max_date=date.today().isoformat(),
    )
    return found if isinstance(found, str) else None


def _has_prose(text: str, prose_block: bool) -> bool:
    # Navigation, pagers and captions come out as short lines; an article has
    # at least one paragraph of running text. A block laid out as short lines
    # with <br> counts whole (``prose_block``): its lines are one text.
    return prose_block or any(is_prose(paragraph) for paragraph in text.split("\n\n"))


def _site_name(found: Any, url: str) -> str | None:
    # A host name names no publication.
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
