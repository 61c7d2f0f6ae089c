"""trafilatura's fast pass and its full cascade over one preparation of the page.

:func:`crawler.maintext.main_text` reads a page with trafilatura's fast pass
and, where that reads a fragment, with its full cascade. Called as
``bare_extraction(fast=True)`` and then ``bare_extraction(fast=False)``, the
two readings each clean the page, convert its tags and run the main
extractor (and, on a short reading, its retry in recall mode) before the
cascade compares with readability and jusText: on the pages that need the
cascade, the fast pass's work was done twice. :class:`Readings` runs the
steps of ``trafilatura.core.trafilatura_sequence`` itself, for the
arguments newsmon uses (no comments, balanced focus, no metadata), and
shares what the two passes compute alike:

- the page pruned, cleaned and converted;
- the main extractor's reading, unless the page has "teaser" blocks (the
  only input on which trafilatura's fast mode extracts differently: its
  recovery of loose text keeps them);
- the recall-mode retry's preparation and main extraction (fast or not
  alike in recall mode).

Each reading equals ``bare_extraction``'s with the same arguments; a test
holds it to that on the project's pages, so a trafilatura release that
changes its steps fails there rather than reading pages differently.
Where trafilatura's internals are not the ones this was written for,
:func:`readings` falls back to calling ``bare_extraction`` twice.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy, deepcopy
from typing import Any, TypeAlias

import lxml.etree  # type: ignore[import-untyped]
import trafilatura
from lxml.html import HtmlElement  # type: ignore[import-untyped]
from trafilatura import bare_extraction

Body: TypeAlias = lxml.etree._Element
Reading: TypeAlias = Callable[[], "Body | None"]

try:
    from trafilatura import core as _core
    from trafilatura.baseline import baseline, html2txt
    from trafilatura.core import _forum_thread_page, _prepare_tree
    from trafilatura.external import compare_extraction, justext_rescue
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.main_extractor import extract_content
    from trafilatura.settings import Extractor
    from trafilatura.xpaths import (
        RAW_TREE_PRUNE_XPATH,
        REMOVE_COMMENTS_AND_LISTS_XPATH,
        TEASER_DISCARD_XPATH,
    )

    _ESCALATION = (
        _core.ESCALATION_MAX_LENGTH,
        _core.ESCALATION_PAGE_SHARE,
        _core.ESCALATION_ACCEPT_RATIO,
        _core.ESCALATION_JUSTEXT_RATIO,
    )
    # The releases whose steps these were checked against; others are read with bare_extraction.
    SHARED = trafilatura.__version__.startswith("2.3.")
except (ImportError, AttributeError):  # pragma: no cover - another trafilatura release
    SHARED = False

_Pair: TypeAlias = tuple[Body, str]


class Readings:
    """trafilatura's fast and full readings of one page, the second reusing the first's work."""

    def __init__(self, tree: HtmlElement, url: str) -> None:
        self._url = url
        self._options = {fast: _extractor(url, fast=fast) for fast in (True, False)}
        raw = copy(tree)
        is_forum = _forum_thread_page(raw)
        raw = prune_unwanted_nodes(raw, RAW_TREE_PRUNE_XPATH)
        if not is_forum:
            raw = prune_unwanted_nodes(raw, REMOVE_COMMENTS_AND_LISTS_XPATH)
        self._raw = raw
        self._prepared: tuple[HtmlElement, HtmlElement] | None = None
        self._main: _Pair | None = None
        self._teasers = False
        self._main_fast = True
        self._recall: tuple[_Pair, HtmlElement] | None = None
        self._page_text: int | None = None

    def fast(self) -> Body | None:
        """The body ``bare_extraction(fast=True)`` reads, or None where it reads nothing."""
        return self._reading(fast=True)

    def full(self) -> Body | None:
        """The body ``bare_extraction(fast=False)`` (the full cascade) reads, or None."""
        return self._reading(fast=False)

    def _reading(self, *, fast: bool) -> Body | None:
        options = self._options[fast]
        body, text = self._main_extraction(fast=fast)
        if not fast:
            _, backup = self._preparation()
            body, text = compare_extraction(backup, copy(self._raw), body, text, options)
        if len(text) < options.min_extracted_size:
            b_body, b_text, b_len = baseline(self._raw)
            if b_len > len(text):
                body, text = b_body, b_text
        body, text = self._escalated(body, text, options)
        if options.max_tree_size and len(body) > options.max_tree_size:
            # Stripping changes the body in place, and a shared one is read again by the next pass.
            body = deepcopy(body)
            lxml.etree.strip_tags(body, "hi")
            if len(body) > options.max_tree_size:
                return None
        if len(text) < options.min_output_size and options.min_output_comm_size > 0:
            return None
        return body

    def _preparation(self) -> tuple[HtmlElement, HtmlElement]:
        # Fast and full prepare a page alike: trafilatura's cleaning does not read ``fast``.
        if self._prepared is None:
            self._prepared = _prepare_tree(self._raw, self._options[True], self._url)
        return self._prepared

    def _main_extraction(self, *, fast: bool) -> _Pair:
        if self._main is None:
            cleaned, _ = self._preparation()
            self._teasers = any(xpath(cleaned) for xpath in TEASER_DISCARD_XPATH)
            self._main = extract_content(cleaned, self._options[fast])
            self._main_fast = fast
            return self._main
        if self._main_fast != fast and self._teasers:
            cleaned, _ = _prepare_tree(self._raw, self._options[fast], self._url)
            return extract_content(cleaned, self._options[fast])
        return self._main

    def _escalated(self, body: Body, text: str, options: Any) -> _Pair:
        """The retry in recall mode of a short reading that covers little of the page."""
        max_length, page_share, accept_ratio, justext_ratio = _ESCALATION
        if not 0 < len(text) < max_length:
            return body, text
        if self._page_text is None:
            self._page_text = len(html2txt(self._raw))
        if len(text) >= page_share * self._page_text:
            return body, text
        recall_options = copy(options)
        recall_options.focus = "recall"
        (r_body, r_text), r_backup = self._recall_extraction(recall_options)
        j_text = ""
        if not options.fast:
            r_body, r_text = compare_extraction(
                r_backup, copy(self._raw), r_body, r_text, recall_options
            )
            j_body, j_text = justext_rescue(copy(self._raw), options)
        if len(j_text) > len(r_text) and len(j_text) > justext_ratio * len(text):
            return j_body, j_text
        if len(r_text) >= options.min_extracted_size and len(r_text) > accept_ratio * len(text):
            return r_body, r_text
        return body, text

    def _recall_extraction(self, recall_options: Any) -> tuple[_Pair, HtmlElement]:
        # In recall mode trafilatura's main extractor reads fast and full alike.
        if self._recall is None:
            cleaned, backup = _prepare_tree(self._raw, recall_options, self._url)
            self._recall = (extract_content(cleaned, recall_options), backup)
        return self._recall


def _extractor(url: str, *, fast: bool) -> Any:
    return Extractor(
        output_format="xml",
        fast=fast,
        comments=False,
        tables=True,
        images=False,
        links=False,
        url=url,
        with_metadata=False,
    )


def readings(tree: HtmlElement, url: str) -> tuple[Reading, Reading]:
    """The fast and the full reading of ``tree``, each computed when called.

    ``tree`` is not modified.
    """
    if SHARED:
        shared = Readings(tree, url)
        return shared.fast, shared.full
    return (lambda: bare_reading(tree, url, fast=True)), (
        lambda: bare_reading(tree, url, fast=False)
    )


def bare_reading(tree: HtmlElement, url: str, *, fast: bool) -> Body | None:
    """The body of ``bare_extraction`` with newsmon's arguments, or None where it reads nothing."""
    body = getattr(bare_document(tree, url, fast=fast, comments=False), "body", None)
    return body if isinstance(body, lxml.etree._Element) else None


def bare_document(tree: HtmlElement, url: str, *, fast: bool, comments: bool) -> Any:
    """The ``bare_extraction`` document of ``tree`` with newsmon's arguments; ``tree`` is copied."""
    # XML output: the body tree alone, without the plain text rendering newsmon never reads.
    return bare_extraction(
        tree,
        url=url,
        fast=fast,
        output_format="xml",
        with_metadata=False,
        include_comments=comments,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
