"""What a page says about itself: JSON-LD, microdata, OpenGraph and link tags.

Pure functions over a parsed lxml tree. Values are returned raw (trimmed,
entities decoded); turning dates into ISO 8601 is the caller's job, so that
raw and normalised values can be kept side by side.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from extruct.jsonld import JsonLdExtractor
from extruct.opengraph import OpenGraphExtractor
from extruct.w3cmicrodata import MicrodataExtractor
from lxml.html import HtmlElement  # type: ignore[import-untyped]

logger = logging.getLogger(__name__)

# schema.org types that describe one article, most specific first: a page that
# carries both a NewsArticle and a generic Article (e.g. a related-story
# teaser) is described by the NewsArticle.
_ARTICLE_TYPES: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "NewsArticle",
            "ReportageNewsArticle",
            "AnalysisNewsArticle",
            "BackgroundNewsArticle",
            "OpinionNewsArticle",
            "ReviewNewsArticle",
            "AskPublicQuestionArticle",
        }
    ),
    frozenset({"Article", "Report", "SatiricalArticle", "LiveBlogPosting"}),
    frozenset({"BlogPosting", "SocialMediaPosting"}),
)

# schema.org types of a page that is a discussion (a forum thread, a question and its
# answers): there the replies are the content, not comments on it.
_DISCUSSION_TYPES = frozenset({"DiscussionForumPosting", "QAPage"})

JsonObject = dict[str, Any]


@dataclass(kw_only=True)
class PageMetadata:
    """Article metadata a page declares about itself; every value raw and trimmed."""

    headline: str | None = None
    published_raw: str | None = None
    modified_raw: str | None = None
    author: str | None = None
    """Author names joined by ``"; "``."""
    site_name: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    """rel=canonical, else og:url; absolute http(s) URL."""
    article_body: str | None = None
    """The ``articleBody`` of the JSON-LD or microdata article, if given."""
    discussion: bool = False
    """Whether the page declares itself a discussion: a forum thread, or a question and its
    answers (schema.org ``DiscussionForumPosting``, ``QAPage``)."""


def read_metadata(tree: HtmlElement, url: str) -> PageMetadata:
    """Collect the page's structured metadata; unreadable blocks are skipped."""
    nodes = list(_jsonld_nodes(tree))
    if not any(_type_names(node) & family for node in nodes for family in _ARTICLE_TYPES):
        # Microdata is read only when JSON-LD describes no article: extruct's
        # microdata reader walks the whole page.
        nodes += _microdata_nodes(tree, url)
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}
    og = _opengraph(tree)
    meta = PageMetadata(
        canonical_url=_canonical(tree, url, og.get("og:url")),
        discussion=any(_type_names(node) & _DISCUSSION_TYPES for node in nodes),
    )
    article = _pick_article(nodes, {_same_page(u) for u in (url, meta.canonical_url) if u})
    if article is not None:
        meta.headline = _text(article.get("headline")) or _text(article.get("name"))
        meta.published_raw = _text(article.get("datePublished")) or _text(
            article.get("dateCreated")
        )
        meta.modified_raw = _text(article.get("dateModified"))
        meta.author = _names(article.get("author"), by_id)
        meta.site_name = _names(article.get("publisher"), by_id)
        meta.language = _text(article.get("inLanguage"))
        body = article.get("articleBody")
        meta.article_body = body.strip() if isinstance(body, str) and body.strip() else None
    meta.headline = meta.headline or _text(og.get("og:title"))
    meta.published_raw = meta.published_raw or _text(og.get("article:published_time"))
    meta.modified_raw = (
        meta.modified_raw
        or _text(og.get("article:modified_time"))
        or _text(og.get("og:updated_time"))
    )
    og_author = _text(og.get("article:author"))
    if not meta.author and og_author and not og_author.startswith(("http://", "https://")):
        meta.author = og_author  # a profile URL names nobody readable
    meta.site_name = _text(og.get("og:site_name")) or meta.site_name
    meta.language = meta.language or _html_language(tree) or _og_locale(og.get("og:locale"))
    return meta


def _jsonld_nodes(tree: HtmlElement) -> Iterator[JsonObject]:
    extractor = JsonLdExtractor()
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        # One block at a time, so one broken block does not hide the others.
        try:
            items = extractor.extract_items(script)
        except (ValueError, TypeError, RecursionError) as exc:
            logger.debug("skipping unreadable JSON-LD block: %s", exc)
            continue
        for item in items:
            yield from _flatten(item)


def _flatten(item: Any) -> Iterator[JsonObject]:
    if not isinstance(item, dict):
        return
    yield item
    for key in ("@graph", "mainEntity"):
        children = item.get(key)
        for child in children if isinstance(children, list) else [children]:
            yield from _flatten(child)


def _microdata_nodes(tree: HtmlElement, url: str) -> Iterator[JsonObject]:
    if not tree.xpath("//*[@itemscope][1]"):
        return  # most pages have none; skip the extractor's set-up cost
    try:
        items = MicrodataExtractor().extract_items(tree, url)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        logger.debug("skipping unreadable microdata: %s", exc)
        return
    for item in items:
        yield _from_microdata(item)


def _from_microdata(value: Any) -> Any:
    """Reshape extruct's microdata output like JSON-LD (``@type`` plus properties)."""
    if isinstance(value, list):
        return [_from_microdata(v) for v in value]
    if not isinstance(value, dict) or "properties" not in value:
        return value
    node: JsonObject = {"@type": value.get("type")}
    for key, prop in value["properties"].items():
        node[key] = _from_microdata(prop)
    return node


def _type_names(node: JsonObject) -> set[str]:
    types = node.get("@type")
    names = types if isinstance(types, list) else [types]
    # "http://schema.org/NewsArticle" and "schema:NewsArticle" name the same type.
    return {n.rsplit("/", 1)[-1].rsplit(":", 1)[-1] for n in names if isinstance(n, str)}


def _pick_article(nodes: list[JsonObject], page_urls: set[str]) -> JsonObject | None:
    families = [[n for n in nodes if _type_names(n) & family] for family in _ARTICLE_TYPES]
    # An article that names this page beats one that merely has a more specific type.
    for candidates in families:
        for node in candidates:
            if _about_page(node, page_urls):
                return node
    return next((candidates[0] for candidates in families if candidates), None)


def _about_page(node: JsonObject, page_urls: set[str]) -> bool:
    page = node.get("mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    return any(isinstance(v, str) and _same_page(v) in page_urls for v in (node.get("url"), page))


def _same_page(url: str) -> str:
    return url.split("#", maxsplit=1)[0].rstrip("/")


def _names(value: Any, by_id: dict[str, JsonObject]) -> str | None:
    names: list[str] = []
    for entry in value if isinstance(value, list) else [value]:
        if isinstance(entry, dict) and "name" not in entry and isinstance(entry.get("@id"), str):
            entry = by_id.get(entry["@id"], entry)  # noqa: PLW2901 (follow an @id reference)
        name = _text(entry.get("name")) if isinstance(entry, dict) else _text(entry)
        if name and not name.startswith(("http://", "https://")) and name not in names:
            names.append(name)
    return "; ".join(names) or None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    # Some CMSs escape twice ("&amp;#8217;"); unescaping is idempotent on plain text.
    cleaned = " ".join(html.unescape(html.unescape(value)).split())
    return cleaned or None


def _opengraph(tree: HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    try:
        for item in OpenGraphExtractor().extract_items(tree):
            for prop, value in item["properties"]:
                found.setdefault(prop, value)  # the first of repeated tags wins
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        logger.debug("skipping unreadable OpenGraph tags: %s", exc)
    return found


def _canonical(tree: HtmlElement, url: str, og_url: str | None) -> str | None:
    base = url
    for href in tree.xpath("//base/@href")[:1]:
        base = urljoin(url, href.strip())
    links = tree.xpath(
        "//link[contains(concat(' ', translate(normalize-space(@rel),"
        " 'CANONICAL', 'canonical'), ' '), ' canonical ')]/@href"
    )
    for candidate in [*links, og_url]:
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        absolute: str = urljoin(base, candidate.strip())
        parts = urlsplit(absolute)
        if parts.scheme in ("http", "https") and parts.netloc:
            return absolute
    return None


def _html_language(tree: HtmlElement) -> str | None:
    root = tree.getroottree().getroot()
    lang: Any = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    return _text(lang)


def _og_locale(locale: str | None) -> str | None:
    value = _text(locale)
    return value.replace("_", "-") if value else None
