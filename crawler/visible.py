"""What a reader of the page sees: its text outside scripts, styles and hidden elements.

Pure functions over a parsed lxml tree, used to check that text taken from
elsewhere (the JSON-LD ``articleBody``, a neighbouring container) is text the
page actually shows.
"""

from __future__ import annotations

import re

from lxml.etree import XPath  # type: ignore[import-untyped]
from lxml.html import HtmlElement  # type: ignore[import-untyped]

_WORDS = re.compile(r"\w+")
_NEVER_SHOWN = frozenset({"script", "style", "noscript", "template", "head", "title", "meta"})
_FURNITURE = frozenset({"aside", "footer", "svg"})
# Outermost tab panels only: a panel inside a panel is counted with it.
_TAB_PANELS = XPath("//*[@role='tabpanel'][not(ancestor::*[@role='tabpanel'])]")
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# React's streaming server rendering sends a suspended part of the page later in
# the document, in a hidden <div id="S:…">, and a script moves it into its place
# at once: the reader sees it, so it is no hidden element.
_STREAMED_SEGMENT = re.compile(r"S:[0-9a-z]+")


def is_hidden(element: HtmlElement) -> bool:
    """Whether ``element`` itself is hidden by its markup (not by a style sheet)."""
    if element.get("hidden") is not None:
        return not (element.tag == "div" and _STREAMED_SEGMENT.fullmatch(element.get("id", "")))
    if element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDING_STYLE.search(style))


def visible_text(tree: HtmlElement, *, skip: frozenset[str] = frozenset()) -> str:
    """The text of ``tree`` a browser would show, as far as the markup alone tells.

    Elements named in ``skip`` are left out as well.
    """
    chunks: list[str] = []
    never = _NEVER_SHOWN | skip
    # An explicit stack, not recursion: hostile pages nest thousands of levels deep.
    stack: list[HtmlElement | str] = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            chunks.append(item)
            continue
        tag = item.tag
        if not isinstance(tag, str) or tag in never or is_hidden(item):
            continue
        if item.text:
            chunks.append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append(child.tail)
            stack.append(child)
    return " ".join(" ".join(chunks).split())


def page_text_length(tree: HtmlElement) -> int:
    """Characters of visible text outside asides and footers: how much a page has to read."""
    return len(visible_text(tree, skip=_FURNITURE))


def hidden_tab_text_length(tree: HtmlElement) -> int:
    """Characters of text in the page's hidden tab panels (``role="tabpanel"``).

    A tab panel is hidden only until its tab is clicked: its text is the
    page's content (a code sample in another language, a product's other
    specifications), unlike a closed menu or dialog.
    """
    return sum(
        len(" ".join(panel.text_content().split()))
        for panel in _TAB_PANELS(tree)
        if is_hidden(panel)
    )


def word_runs(text: str, size: int = 4) -> set[tuple[str, ...]]:
    """The runs of ``size`` consecutive words of ``text``, lower-cased."""
    words = _WORDS.findall(text.casefold())
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1)) if words}


def shown_on_page(text: str, tree: HtmlElement, share: float = 0.5) -> bool:
    """Whether most of ``text`` (its four-word runs) is visible on the page."""
    wanted = word_runs(text)
    if not wanted:
        return False
    seen = word_runs(visible_text(tree))
    return len(wanted & seen) >= share * len(wanted)
