"""What a reader of the page sees: its text outside scripts, styles and hidden elements.

Pure functions over a parsed lxml tree, used to check that text taken from
elsewhere (the JSON-LD ``articleBody``, a neighbouring container) is text the
page actually shows.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement  # type: ignore[import-untyped]

_WORDS = re.compile(r"\w+")
_NEVER_SHOWN = frozenset({"script", "style", "noscript", "template", "head", "title", "meta"})
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_hidden(element: HtmlElement) -> bool:
    """Whether ``element`` itself is hidden by its markup (not by a style sheet)."""
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and _HIDING_STYLE.search(style))


def visible_text(tree: HtmlElement) -> str:
    """The text of ``tree`` a browser would show, as far as the markup alone tells."""
    chunks: list[str] = []
    _collect(tree, chunks)
    return " ".join(chunks)


def _collect(element: HtmlElement, chunks: list[str]) -> None:
    tag = element.tag
    if not isinstance(tag, str) or tag in _NEVER_SHOWN or is_hidden(element):
        return
    if element.text:
        chunks.append(element.text)
    for child in element:
        _collect(child, chunks)
        if child.tail:
            chunks.append(child.tail)


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
