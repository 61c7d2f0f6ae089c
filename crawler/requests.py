"""Building the spider's requests: what they carry in ``meta``, and conditional headers.

Every request names its source, its kind (``feed``, ``sitemap``, ``home``,
``listing``, ``article``) and the document it was found in (``parent``), so
that callbacks and errbacks can count per source and
:class:`crawler.progress.Progress` can tell when a document was followed to
the end. A request with validators from an earlier crawl is conditional:
``If-None-Match`` / ``If-Modified-Since``, and a 304 answer reaches the
callback instead of being filtered as an error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import scrapy
from scrapy.http import Response

from newsmon.storage.crawl_state import Validators

DOCUMENT_KINDS = frozenset({"feed", "sitemap", "home", "listing"})
NOT_MODIFIED = 304


def make_request(
    url: str,
    *,
    callback: Callable[..., Any],
    errback: Callable[..., Any],
    source: str,
    kind: str,
    parent: str | None = None,
    validators: Validators | None = None,
    **meta: Any,
) -> scrapy.Request:
    """A request tagged with its source, kind and parent; conditional when ``validators`` allow."""
    headers: dict[str, str] = {}
    full_meta: dict[str, Any] = {"source": source, "kind": kind, "parent": parent, **meta}
    if kind in DOCUMENT_KINDS:
        full_meta["document"] = url  # the key its validators are kept under, redirects or not
    if validators is not None and validators.usable:
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        full_meta["handle_httpstatus_list"] = [NOT_MODIFIED]
        full_meta["validators"] = validators
    return scrapy.Request(
        url,
        callback=callback,
        errback=errback,
        headers=headers or None,
        meta=full_meta,
        # Feeds, sitemaps and listings are re-polled by design: a shared or
        # persistent duplicate filter must never treat them as already seen.
        dont_filter=kind in DOCUMENT_KINDS,
    )


def response_validators(
    response: Response, children: list[tuple[str, str]] | None = None
) -> Validators:
    """The validators a 200 response carries (possibly none), with the documents it led to."""
    return Validators(
        etag=_header(response, "ETag"),
        last_modified=_header(response, "Last-Modified"),
        children=tuple(children or ()),
    )


def stored_validators(response: Response) -> Validators:
    """The validators the request was made with (for a 304: still current)."""
    value = response.meta.get("validators")
    return value if isinstance(value, Validators) else Validators()


def is_not_modified(response: Response) -> bool:
    """Whether the server answered a conditional request with 304 Not Modified."""
    return response.status == NOT_MODIFIED


def _header(response: Response, name: str) -> str | None:
    raw = response.headers.get(name)
    if not raw:
        return None
    value = raw.decode("latin-1").strip()
    return value or None
