"""A downloaded page -> its text, or the one-line reason it has none.

Checks, in order: the body is not empty; the Content-Type is HTML (or
absent); the bytes are not binary data (an image or archive behind an
``.html`` URL); then the charset is chosen by :func:`crawler.encoding.decode_html`,
which also reports a mislabelled or missing charset. Sitemaps may arrive
gzip-compressed (``.xml.gz``): :func:`sitemap_body` unpacks them, bounded.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass

from scrapy.http import Response

from newsmon.crawler.encoding import decode_html

logger = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"RIFF")


@dataclass(frozen=True, kw_only=True)
class PageText:
    """A page decoded to text."""

    text: str
    charset_problem: str | None
    """``charset_mislabelled`` or ``charset_missing`` when the charset had to be guessed."""


@dataclass(frozen=True, kw_only=True)
class PageProblem:
    """Why a page has no text to read, and the counter it goes under."""

    counter: str
    """``errors/empty``, ``errors/binary`` or ``skipped/not_html``."""
    message: str
    level: int = logging.WARNING


def read_html(response: Response) -> PageText | PageProblem:
    """Decode an HTML response, or say why it cannot be read as a page."""
    body = response.body
    content_type = content_type_of(response)
    if not body.strip():
        return PageProblem(counter="errors/empty", message="empty response")
    if content_type and content_type not in HTML_TYPES:
        return PageProblem(
            counter="skipped/not_html", message=f"not HTML ({content_type})", level=logging.INFO
        )
    if is_binary(body):
        return PageProblem(counter="errors/binary", message="binary data, not HTML")
    header = response.headers.get("Content-Type")
    decoded = decode_html(body, header.decode("latin-1") if header else None)
    return PageText(text=decoded.text, charset_problem=decoded.problem)


def content_type_of(response: Response) -> str:
    """The media type of the response's Content-Type header, lower case ('' if none)."""
    raw = response.headers.get("Content-Type") or b""
    return raw.decode("latin-1").split(";")[0].strip().lower()


def is_binary(body: bytes) -> bool:
    """Whether ``body`` is binary data: a known file signature, or NUL bytes near the start."""
    start = body.lstrip()[:8]
    return start.startswith(_MAGIC) or b"\x00" in body[:4096]


def sitemap_body(response: Response, default_limit: int) -> bytes:
    """The sitemap's XML: gunzipped if compressed, never more than the size limit."""
    body = response.body
    if not body.startswith(b"\x1f\x8b"):
        return body
    limit = int(response.meta.get("download_maxsize") or default_limit)
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = decompressor.decompress(body, limit + 1)
    except zlib.error:
        return b""  # corrupt: read as "not a sitemap"
    if len(data) > limit:
        logger.warning("%s: sitemap larger than %d bytes once decompressed", response.url, limit)
        return b""
    return data
