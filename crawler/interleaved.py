"""Headings and list items that stand between an article's paragraphs.

trafilatura reads an article through its container. When it finds no
container it knows, it falls back to collecting the page's loose paragraphs
(its "wild text" recovery): the paragraphs come back, the section headings
and bulleted lists between them do not. A round-up, a guide or a recipe read
that way loses its headings and every list.

Such a reading is recognised by its shape (paragraphs alone, no heading and
no list) and completed from the page: in the lowest element holding the
reading's long paragraphs, each heading and list item that stands between
the first and the last of them is put back in its place. The span is the
bound, as in Readability: what lies between two paragraphs of the article is
part of it. Left out, as trafilatura leaves them out: elements hidden by
their markup, navigation, forms, figures, comment threads, list items that
are mostly links (menus, tables of contents, tag lists), and whatever sits
in a list item that holds blocks of its own (a card of a listing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement  # type: ignore[import-untyped]

from newsmon.crawler.visible import is_hidden

_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Containers whose text is never article text (trafilatura drops them too).
_FENCES = frozenset(
    {
        "nav",
        "aside",
        "form",
        "button",
        "figure",
        "header",
        "footer",
        "select",
        "script",
        "style",
        "noscript",
        "template",
    }
)
# A list item holding one of these is a card (a teaser, a product), not a bullet.
_BLOCKS = ("p", "div", "section", "article", "table", "h1", "h2", "h3", "h4", "h5", "h6")
_LISTS = frozenset({"ul", "ol", "dl"})
# trafilatura's own definition of a comment thread's container.
_COMMENTS_CLASS = re.compile(r"^[Cc]omment(?!ary)|(?:article|post)-comments")
_COMMENTS_ID = re.compile(r"^(?:[Cc]omment(?!ary)|comol|disqus_thread|dsq-comments)")
# A list item whose text is at least this share of link text is navigation.
_LINKED_SHARE = 0.5
# A paragraph shorter than this is never used to locate the article's container.
LOCATING_PARAGRAPH = 80


def norm(text: str) -> str:
    """``text`` with its white space collapsed."""
    return " ".join(text.split())


def common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    """The lowest element holding every one of ``elements``."""
    if not elements:
        return None
    chains = [list(reversed([e, *e.iterancestors()])) for e in elements]
    common = None
    for level in zip(*chains, strict=False):
        if any(e is not level[0] for e in level):
            break
        common = level[0]
    return common


def with_headings_and_lists(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """``paragraphs`` with the headings and list items the page shows between them.

    ``paragraphs`` is a reading of paragraphs alone; each heading or list item
    found between the first and the last located paragraph is inserted after
    the paragraph that precedes it in the page. Text already in the reading
    is not repeated.
    """
    index: dict[str, int] = {}
    for number, paragraph in enumerate(paragraphs):
        if len(paragraph) >= LOCATING_PARAGRAPH:
            index.setdefault(paragraph, number)
    if not index:
        return paragraphs
    located = [p for p in tree.iter("p") if norm(p.text_content()) in index]
    container = common_ancestor(located)
    if len(located) < 2 or container is None:
        return paragraphs
    have = set(paragraphs)
    inserts: dict[int, list[str]] = {}
    after: int | None = None
    for element in _span(container, located[0], located[-1]):
        if element.tag == "p":
            after = index.get(norm(element.text_content()), after)
            continue
        text = _own_text(element)
        if after is None or not text or text in have or not _kept(element, container, text):
            continue
        inserts.setdefault(after, []).append(text)
        have.add(text)
    if not inserts:
        return paragraphs
    completed: list[str] = []
    for number, paragraph in enumerate(paragraphs):
        completed.append(paragraph)
        completed.extend(inserts.get(number, ()))
    return completed


def _span(container: HtmlElement, first: HtmlElement, last: HtmlElement) -> Iterator[HtmlElement]:
    """Paragraphs, headings and list items of ``container`` from ``first`` to ``last``."""
    started = False
    for element in container.iter("p", "li", *_HEADINGS):
        started = started or element is first
        if started:
            yield element
        if element is last:
            return


def _kept(element: HtmlElement, container: HtmlElement, text: str) -> bool:
    for node in (element, *element.iterancestors()):
        if node is container:
            break
        if (
            node.tag in _FENCES
            or node.tag == "p"
            or is_hidden(node)
            or _is_comments(node)
            or (node.tag == "li" and any(True for _ in node.iter(*_BLOCKS)))
        ):
            return False
    if element.tag == "li":
        # A heading that links to what it names is still a heading; a list of links is a menu.
        linked = sum(len(norm(a.text_content())) for a in element.iter("a"))
        return linked < _LINKED_SHARE * len(text)
    return True


def _is_comments(node: HtmlElement) -> bool:
    return bool(
        _COMMENTS_CLASS.search(node.get("class") or "") or _COMMENTS_ID.search(node.get("id") or "")
    )


def _own_text(element: HtmlElement) -> str:
    """The text of ``element`` without the lists nested in it (their items come on their own)."""
    chunks: list[str] = [element.text or ""]
    stack: list[HtmlElement | str] = list(reversed(element))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            chunks.append(item)
            continue
        if item.tail:
            stack.append(item.tail)
        if isinstance(item.tag, str) and item.tag not in _LISTS:
            stack.extend(reversed(item))
            chunks.append(item.text or "")
    return norm(" ".join(chunks))
