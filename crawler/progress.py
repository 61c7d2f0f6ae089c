"""Which listing documents of a crawl were followed to the end.

A feed, sitemap, home or listing page ("document") has children: the
articles and documents it led to. Its HTTP validators may be kept for the
next crawl only once every child was handled; otherwise the next crawl would
get 304 Not Modified and never fetch the children this crawl did not reach
(it was interrupted, or a child failed in a way that may pass). Documents
whose whole subtree finished are :meth:`Progress.completed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsmon.storage.crawl_state import Validators


@dataclass(kw_only=True)
class _Node:
    parent: str | None
    outstanding: int = 0
    read: bool = False
    failed: bool = False
    done: bool = False
    validators: Validators | None = None


class Progress:
    """Children outstanding per document; documents whose subtree finished."""

    def __init__(self) -> None:
        self._nodes: dict[str, _Node] = {}
        self._completed: dict[str, Validators] = {}

    def started(self, parent: str | None) -> None:
        """A request was issued on behalf of document ``parent`` (None: a configured URL)."""
        if parent is not None:
            self._node(parent).outstanding += 1

    def article_done(self, parent: str | None, *, failed: bool = False) -> None:
        """An article request of ``parent`` was handled (``failed``: may succeed later)."""
        if parent is not None:
            self._child_done(parent, failed=failed)

    def document_read(self, url: str, *, parent: str | None, validators: Validators | None) -> None:
        """Document ``url`` was read and every child request it makes was :meth:`started`."""
        node = self._node(url, parent)
        node.read = True
        node.validators = validators
        self._check(url)

    def document_failed(self, url: str, *, parent: str | None, transient: bool) -> None:
        """Document ``url`` could not be read."""
        node = self._node(url, parent)
        node.read = True
        node.failed = node.failed or transient
        self._check(url)

    def completed(self) -> dict[str, Validators]:
        """Validators of the documents whose subtree finished without a transient failure."""
        return dict(self._completed)

    def _node(self, url: str, parent: str | None = None) -> _Node:
        node = self._nodes.get(url)
        if node is None:
            node = self._nodes[url] = _Node(parent=parent)
        elif parent is not None and node.parent is None:
            node.parent = parent
        return node

    def _child_done(self, url: str, *, failed: bool) -> None:
        node = self._node(url)
        node.outstanding -= 1
        node.failed = node.failed or failed
        self._check(url)

    def _check(self, url: str) -> None:
        node = self._nodes[url]
        if node.done or not node.read or node.outstanding > 0:
            return
        node.done = True
        if not node.failed and node.validators is not None:
            self._completed[url] = node.validators
        if node.parent is not None:
            self._child_done(node.parent, failed=node.failed)
