"""Per-source CSS selectors for the sites where the generic extractor is wrong.

A source may name, in its ``extract:`` config, a CSS selector for the body,
the headline and the publication date. Selectors use the same syntax as
Scrapy's ``response.css()`` (cssselect on the lxml tree); a selector that
matches nothing leaves that field to the generic extractor, so a redesign of
the site degrades to generic extraction rather than to empty articles.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

from lxml.cssselect import CSSSelector  # type: ignore[import-untyped]
from lxml.html import HtmlElement  # type: ignore[import-untyped]

logger = logging.getLogger(__name__)

# Elements whose text is never article text, even inside a selected body.
_NOT_TEXT = ("script", "style", "noscript", "template", "iframe", "svg", "button", "form")
_BLOCKS = (
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "tr", "section", "article", "figcaption", "pre", "dd", "dt",
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class ExtractionOverrides:
    """CSS selectors that replace the generic extractor for one field each."""

    body: str | None = None
    """Every element matched is part of the article text, in page order."""
    headline: str | None = None
    """The first element matched gives the headline (its text)."""
    date: str | None = None
    """The first element matched gives the date: ``datetime`` or ``content``, else its text."""

    @classmethod
    def from_config(cls, value: dict[str, Any] | None) -> ExtractionOverrides | None:
        """Build from a source's ``extract`` mapping; None when it sets nothing."""
        if not value:
            return None
        overrides = cls(
            body=value.get("body"), headline=value.get("headline"), date=value.get("date")
        )
        return overrides if overrides.body or overrides.headline or overrides.date else None


@dataclass(frozen=True, kw_only=True)
class OverrideResult:
    """What the selectors found; ``None`` / empty where they matched nothing."""

    paragraphs: list[str]
    headline: str | None
    date_raw: str | None


def apply_overrides(tree: HtmlElement, overrides: ExtractionOverrides) -> OverrideResult:
    """Read the fields the selectors name from ``tree`` (which is not modified)."""
    paragraphs: list[str] = []
    if overrides.body:
        for element in _select(tree, overrides.body):
            paragraphs.extend(block_paragraphs(element))
    headline = None
    if overrides.headline:
        first = next(iter(_select(tree, overrides.headline)), None)
        if first is not None:
            headline = " ".join(first.text_content().split()) or None
    date_raw = None
    if overrides.date:
        first = next(iter(_select(tree, overrides.date)), None)
        if first is not None:
            value = first.get("datetime") or first.get("content") or first.text_content()
            date_raw = " ".join(value.split()) or None
    return OverrideResult(paragraphs=paragraphs, headline=headline, date_raw=date_raw)


def block_paragraphs(element: HtmlElement) -> list[str]:
    """The text of ``element`` as paragraphs, split at block elements, scripts left out."""
    chunks: list[str] = []
    _walk(element, chunks)
    lines = (" ".join(line.split()) for line in "".join(chunks).split("\n"))
    return [line for line in lines if line]


def _walk(element: Any, chunks: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _NOT_TEXT:
        return
    block = tag in _BLOCKS
    if block:
        chunks.append("\n")
    if isinstance(element.tag, str):  # comments and processing instructions have no text
        chunks.append((element.text or "").replace("\n", " "))
    for child in element:
        _walk(child, chunks)
        chunks.append((child.tail or "").replace("\n", " "))
    if block:
        chunks.append("\n")


def _select(tree: HtmlElement, selector: str) -> list[HtmlElement]:
    try:
        found: list[HtmlElement] = _compiled(selector)(tree)
    except ValueError as exc:  # checked when the config is loaded; a guard for direct use
        logger.warning("bad CSS selector %r: %s", selector, exc)
        return []
    return found


@cache
def _compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector)
