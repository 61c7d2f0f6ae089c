"""A failed request -> the short kind the crawl summary counts it under.

Kinds: ``http_<status>``, ``dns``, ``timeout``, ``connection``, ``too_large``
(the body passed ``DOWNLOAD_MAXSIZE``), ``decompression_bomb`` (it did so
only once decompressed), ``redirect_loop``, ``robots`` (refused by
robots.txt: a decision, not a fault), ``stopped`` (cut off because the crawl
was stopping: not the site's fault either), else the exception's class name.
"""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.web.client import ResponseFailed, ResponseNeverReceived

_KINDS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((CannotResolveHostError, DNSLookupError), "dns"),
    ((DownloadTimeoutError, TimeoutError, TCPTimedOutError), "timeout"),
    ((DownloadCancelledError,), "too_large"),  # DOWNLOAD_MAXSIZE cancels the download
    (
        (
            DownloadConnectionRefusedError,
            DownloadFailedError,
            ResponseDataLossError,
            ConnectError,
            ConnectionLost,
            ResponseFailed,
            ResponseNeverReceived,
        ),
        "connection",
    ),
)
# What Scrapy's middlewares say when they give up on a request (IgnoreRequest).
_IGNORED = (
    ("robots.txt", "robots"),
    ("during decompression", "decompression_bomb"),
    ("DOWNLOAD_MAXSIZE", "too_large"),
    ("max redirections", "redirect_loop"),
    ("the crawl was stopping", "stopped"),
)
_TRANSIENT = frozenset({"dns", "timeout", "connection", "stopped", "http_408", "http_429"})
NOT_FAULTS = frozenset({"robots", "stopped"})
"""Kinds that are decisions rather than failures: counted as skipped, not as errors."""


def error_kind(error: BaseException | None) -> str:
    """The kind a failure is counted under."""
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    if isinstance(error, IgnoreRequest):
        message = str(error)
        return next((kind for needle, kind in _IGNORED if needle in message), "ignored")
    for classes, kind in _KINDS:
        if isinstance(error, classes):
            return kind
    return type(error).__name__


def is_transient(kind: str) -> bool:
    """Whether a failure of this kind may pass by itself (worth trying at the next poll)."""
    return kind in _TRANSIENT or kind.startswith("http_5")
