"""Saved HTML files (plain or gzip-compressed) -> extracted articles.

What ``newsmon extract`` and ``bench/extraction.py`` run: the same
decoding (:mod:`crawler.encoding`) and extraction
(:func:`crawler.extraction.extract_article`) as the crawler, on files.
"""

from __future__ import annotations

import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsmon.crawler.encoding import decode_html
from newsmon.crawler.extraction import ExtractedPage, extract_article

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A saved page larger than this (after decompression) is refused."""

_GZIP_MAGIC = b"\x1f\x8b"


class SavedPageError(Exception):
    """The file cannot be read as a page; the message is one line naming the file."""


@dataclass(frozen=True, kw_only=True)
class SavedPageArticle:
    """One line of ``newsmon extract --json``; text is empty when the page has no article."""

    file: str
    url: str
    """The page's canonical URL (rel=canonical, og:url) if it names one, else the file's URI."""
    headline: str | None
    text: str
    published: str | None
    author: str | None
    site_name: str | None
    language: str | None

    def as_json(self) -> dict[str, Any]:
        """The fields as a JSON-ready dict, in the documented order."""
        return asdict(self)


def read_page(path: Path) -> str:
    """Read and decode one saved page, gunzipping ``.gz`` (or gzip-magic) files."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SavedPageError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if raw.startswith(_GZIP_MAGIC):
        raw = _gunzip(raw, path)
    if len(raw) > MAX_FILE_BYTES:
        raise SavedPageError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MiB")
    return decode_html(raw).text


def extract_saved_page(path: Path) -> SavedPageArticle:
    """Extract the article of one saved page; raises SavedPageError if it cannot be read."""
    file_uri = path.resolve().as_uri()
    page: ExtractedPage | None = extract_article(url=file_uri, html=read_page(path))
    if page is None:
        return SavedPageArticle(
            file=str(path),
            url=file_uri,
            headline=None,
            text="",
            published=None,
            author=None,
            site_name=None,
            language=None,
        )
    return SavedPageArticle(
        file=str(path),
        url=page.canonical_url or file_uri,
        headline=page.headline or None,
        text=page.text,
        published=page.published,
        author=page.author,
        site_name=page.site_name,
        language=page.language,
    )


def _gunzip(raw: bytes, path: Path) -> bytes:
    # Bounded, so a compressed bomb cannot fill memory.
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = decompressor.decompress(raw, MAX_FILE_BYTES + 1)
    except zlib.error as exc:
        raise SavedPageError(f"{path}: not a valid gzip file: {exc}") from None
    return data
