"""Opaque page cursors: where the previous page left off, as URL-safe text."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re

from newsmon.web.errors import BadParameter

# ASCII digits only: str.isdigit() also takes "²" and other digits int() refuses.
_ID = re.compile(r"[0-9]{1,18}")
_INVALID = "is not a cursor this endpoint gave out (use next_cursor of the previous page)"


def encode(kind: str, *parts: object) -> str:
    """Return a cursor of ``kind`` holding ``parts``."""
    text = ":".join([kind, *(str(part) for part in parts)])
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, kind: str, count: int) -> list[str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        text = base64.urlsafe_b64decode(padded.encode("ascii")).decode()
    except (binascii.Error, UnicodeError, ValueError):
        raise BadParameter("query", "cursor", _INVALID) from None
    parts = text.split(":")
    if len(parts) != count + 1 or parts[0] != kind:
        raise BadParameter("query", "cursor", _INVALID)
    return parts[1:]


def decode_id(cursor: str | None, kind: str) -> int | None:
    """Return the id inside an id cursor of ``kind`` (None for none or an empty one)."""
    if not cursor:
        return None
    (value,) = _decode(cursor, kind, 1)
    if not _ID.fullmatch(value):
        raise BadParameter("query", "cursor", _INVALID)
    return int(value)


def decode_article_key(cursor: str | None) -> tuple[dt.date, int] | None:
    """Return the ``(published, id)`` inside an article-list cursor (None: the first page)."""
    if not cursor:
        return None
    published, value = _decode(cursor, "a", 2)
    try:
        day = dt.date.fromisoformat(published)
    except ValueError:
        raise BadParameter("query", "cursor", _INVALID) from None
    if not _ID.fullmatch(value):
        raise BadParameter("query", "cursor", _INVALID)
    return day, int(value)
