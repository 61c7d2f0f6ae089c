"""The main text of an article page: trafilatura, its fallbacks, and clean-up.

Pure: a parsed lxml tree in, paragraphs out. The steps, each a general
technique from the main-content extraction literature, measured on the
public benchmarks in ``../shared/benchmarks`` (``bench/extraction.py``):

1. trafilatura in balanced mode, first in its fast mode (its own extractor
   alone). When that reads nothing, or less than a fifth of the page's
   visible text and under 3,000 characters, or less than the text of the
   page's hidden tab panels (which the fast pass drops, though a reader
   reaches them with one click), the full cascade runs (trafilatura compares
   its result with its readability and jusText fallbacks). Cheap first,
   thorough only where the page needs it; the cascade reuses the fast
   pass's cleaning and extraction (:mod:`crawler.cascade`).
2. A reading of paragraphs alone (trafilatura's recovery of loose
   paragraphs, when it finds no container it knows) gets back the headings
   and list items standing between them (:mod:`crawler.interleaved`).
3. Sibling merging, as Readability does: an article body split into several
   sibling containers of the same class (with adverts between them) is read
   whole, where trafilatura keeps only the first container.
4. Boilerplate lines are dropped: short paragraphs that are calls to action,
   "read more" teasers and link labels (see :mod:`crawler.boilerplate`).
5. A first paragraph that only repeats the headline or the ``<title>`` goes
   (:func:`without_title`, called by the caller once the title is known).
6. On a page read for whatever it holds (not as an article), a reading
   without running text (a link post, a thread's title) is followed by the
   page's discussion when that has running text: there the replies are the
   content. So is the reading of a page whose structured data declares it a
   discussion (a forum thread, a question and its answers). An article's
   reader comments are never read as its news.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import lxml.etree  # type: ignore[import-untyped]
from lxml.html import HtmlElement  # type: ignore[import-untyped]

from newsmon.crawler.boilerplate import is_boilerplate
from newsmon.crawler.cascade import bare_document, readings
from newsmon.crawler.interleaved import (
    LOCATING_PARAGRAPH,
    common_ancestor,
    norm,
    with_headings_and_lists,
)
from newsmon.crawler.visible import hidden_tab_text_length, is_hidden, page_text_length

logger = logging.getLogger(__name__)

_WORDS = re.compile(r"\w+")
_WHITESPACE = re.compile(r"\s+")
# Elements of trafilatura's XML output that start a new paragraph; <lb/> is a
# <br> in the page, which many sites use between paragraphs.
_BLOCKS = frozenset({"p", "head", "quote", "list", "item", "table", "row", "lb", "div"})
# Elements of that output that hold running text (a heading is no prose)...
_PROSE_BLOCKS = ("p", "quote", "item", "cell")
# ...and what running text has: a sentence's length, and the end of one.
_PROSE_LENGTH = 80
_SENTENCE_END = re.compile(r"[.!?…。！？।](?:[\s\"'”’)\]]|$)")
# When the fast pass keeps less than this share of the page's visible text,
# it has probably read one block of many (trafilatura's own measure of "covers
# little of the page"), and the full cascade runs: readability and jusText
# fallbacks, and a retry in recall mode. A share, not a length: a fragment of
# a long page is no article however many characters it has.
_FULL_CASCADE_BELOW = 0.2
# A reading this long is an article's worth of text, whatever the page's size
# (trafilatura's own bound for retrying a reading).
_FULL_CASCADE_CAP = 3000
# Where trafilatura looks for a comment thread: containers named for
# comments, or Disqus's. Tested first, as one XPath, to spare pages without one
# a second extraction.
_COMMENT_CONTAINER = lxml.etree.XPath(
    "(//*[contains(translate(@id, 'COMENT', 'coment'), 'comment')"
    " or contains(translate(@class, 'COMENT', 'coment'), 'comment')"
    " or contains(@id, 'disqus') or starts-with(@id, 'dsq-') or starts-with(@id, 'comol')])[1]"
)
# Sibling merging: a sibling container must add this much new text...
_SIBLING_MIN_CHARS = 150
# ...and at least this share of the text read so far...
_SIBLING_SHARE = 0.2
# ...and is looked for this many levels above the container of the text.
_SIBLING_LEVELS = 2


@dataclass(frozen=True, kw_only=True)
class MainText:
    """The main text of a page."""

    paragraphs: list[str]
    """Paragraphs, each trimmed; each line of a block laid out with ``<br>`` is one."""
    has_prose: bool
    """Whether a paragraph-like block is prose (:func:`is_prose`), ``<br>`` lines read together."""


@dataclass(frozen=True)
class _Reading:
    paragraphs: list[str]
    has_prose: bool
    plain: bool = False
    """Paragraphs alone, no heading and no list: trafilatura's recovery of loose paragraphs."""

    @property
    def size(self) -> int:
        return sum(map(len, self.paragraphs))


_NOTHING = _Reading([], has_prose=False)


def main_text(
    tree: HtmlElement, *, url: str, with_discussion: bool = False, thread: bool = False
) -> MainText:
    """Return the main text of ``tree``.

    ``tree`` is not modified. The caller drops a first paragraph that repeats
    the title (:func:`without_title`), once it knows the title. With
    ``with_discussion``, a reading without running text is followed by the
    page's comment thread, if that has running text; so is any reading of a
    page that is a ``thread`` (it declares itself a discussion), whose replies
    are its content. ``has_prose`` still tells of the reading alone.
    """
    fast_body, full_body = readings(tree, url)
    reading = _reading(fast_body())
    if (
        not reading.size
        or (
            reading.size < _FULL_CASCADE_CAP
            and reading.size < _FULL_CASCADE_BELOW * page_text_length(tree)
        )
        or reading.size < hidden_tab_text_length(tree)
    ):
        full = _reading(full_body())
        if full.size:
            reading = full
    paragraphs = reading.paragraphs
    if reading.plain:
        paragraphs = with_headings_and_lists(tree, paragraphs)
    paragraphs = merge_siblings(tree, paragraphs)
    if with_discussion and (thread or not reading.has_prose):
        have = set(paragraphs)
        paragraphs = [*paragraphs, *(p for p in _discussion(tree, url, thread) if p not in have)]
    return MainText(
        paragraphs=[p for p in paragraphs if not is_boilerplate(p)],
        has_prose=reading.has_prose,
    )


def _reading(body: lxml.etree._Element | None) -> _Reading:
    if body is None:
        return _NOTHING
    plain = next(body.iter("head", "list"), None) is None
    return _Reading(body_paragraphs(body), has_prose_block(body), plain)


def _discussion(tree: HtmlElement, url: str, thread: bool = False) -> list[str]:
    """Paragraphs of the page's comment thread, if any of them is running text.

    On a ``thread`` page trafilatura itself reads the posts of a forum thread
    (schema.org ``DiscussionForumPosting``) into the main text when asked for
    comments, so that reading, posts included, is the discussion there.
    """
    if not _COMMENT_CONTAINER(tree):
        return []
    document = bare_document(tree, url, fast=True, comments=True)
    comments = getattr(document, "commentsbody", None)
    if isinstance(comments, lxml.etree._Element) and has_prose_block(comments):
        return body_paragraphs(comments)
    body = getattr(document, "body", None)
    if thread and isinstance(body, lxml.etree._Element) and has_prose_block(body):
        return body_paragraphs(body)
    return []


def has_prose_block(body: lxml.etree._Element) -> bool:
    """Whether a paragraph, quote, list item or cell of trafilatura's XML body is prose.

    Lines separated by ``<br>`` (``<lb/>``) inside one block are read together.
    """
    return any(is_prose(norm(" ".join(block.itertext()))) for block in body.iter(*_PROSE_BLOCKS))


def is_prose(text: str) -> bool:
    """Whether ``text`` is running text: sentence-sized, with a sentence ending in it.

    Navigation, pagers, captions and a page flattened into one line of names
    and prices are not. Counted in characters, which also works for languages
    written without spaces.
    """
    return len(text) >= _PROSE_LENGTH and _SENTENCE_END.search(text) is not None


def body_paragraphs(body: Any) -> list[str]:
    """Paragraphs of trafilatura's XML body; line breaks in the HTML source are spaces."""
    if not isinstance(body, lxml.etree._Element):
        return []
    chunks: list[str] = []
    _walk(body, chunks)
    return paragraphs_of("".join(chunks))


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


def paragraphs_of(text: str) -> list[str]:
    """Non-empty lines of ``text``, each with its white space collapsed."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return [line for line in lines if line]


def merge_siblings(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """Add the text of sibling containers that continue the extracted article.

    The container is the lowest element holding every long extracted
    paragraph; a sibling of it (or of one of its parents, up to
    ``_SIBLING_LEVELS``) with the same tag and class attribute, shown on the
    page, and with enough new paragraph text is read as part of the same
    article. Enough is, as in Readability, relative to the article: at least
    a fifth of the text read so far, so a short note in the same kind of
    container (an advertising disclaimer, a call for donations) stays out.
    """
    wanted = {p for p in paragraphs if len(p) >= LOCATING_PARAGRAPH}
    if not wanted:
        return paragraphs
    found = [p for p in tree.iter("p") if norm(p.text_content()) in wanted]
    node = common_ancestor(found)
    if node is None:
        return paragraphs
    have: set[tuple[str, ...]] = set()
    for _ in range(_SIBLING_LEVELS):
        parent = node.getparent()
        if parent is None:
            break
        css_class = node.get("class")
        if css_class and any(_alike(s, node, css_class) for s in parent):
            have = have or _shingles(" ".join(paragraphs))
            before, after = _sibling_text(node, parent, css_class, have, sum(map(len, paragraphs)))
            if before or after:
                return [*before, *paragraphs, *after]
        node = parent
    return paragraphs


def _sibling_text(
    node: HtmlElement,
    parent: HtmlElement,
    css_class: str,
    have: set[tuple[str, ...]],
    size: int,
) -> tuple[list[str], list[str]]:
    before: list[str] = []
    after: list[str] = []
    seen_node = False
    for sibling in parent:
        if sibling is node:
            seen_node = True
            continue
        if not _alike(sibling, node, css_class) or is_hidden(sibling):
            continue
        new = [
            text
            for text in (norm(p.text_content()) for p in sibling.iter("p"))
            if text and not _mostly_in(text, have)
        ]
        added = sum(map(len, new))
        if added >= max(_SIBLING_MIN_CHARS, _SIBLING_SHARE * size):
            (after if seen_node else before).extend(new)
            size += added
    return before, after


def _alike(sibling: HtmlElement, node: HtmlElement, css_class: str) -> bool:
    return sibling is not node and sibling.tag == node.tag and sibling.get("class") == css_class


def _mostly_in(text: str, have: set[tuple[str, ...]]) -> bool:
    shingles = _shingles(text)
    return not shingles or len(shingles & have) * 2 >= len(shingles)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORDS.findall(text)
    return {tuple(words[i : i + 4]) for i in range(max(1, len(words) - 3))}


def without_title(paragraphs: list[str], titles: Iterable[str]) -> list[str]:
    """Drop a short first paragraph that repeats a title (a headline printed in the body).

    It repeats a title when its words are the title's, or (from three words
    on) a run of them: ``<title>`` usually adds the site's name.
    """
    if len(paragraphs) < 2 or len(paragraphs[0]) > 200:
        return paragraphs
    words = _WORDS.findall(paragraphs[0].casefold())
    first = " ".join(words)
    for title in titles:
        candidate = " ".join(_WORDS.findall(title.casefold()))
        if first and (first == candidate or (len(words) >= 3 and f" {first} " in f" {candidate} ")):
            return paragraphs[1:]
    return paragraphs
