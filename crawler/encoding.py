"""Bytes of an HTML page -> text, with the charset the page really uses.

Pages lie about their charset often enough to matter: a ``charset=utf-8``
header in front of Windows-1252 text, a ``latin-1`` label on UTF-8, or no
label at all. Browsers cope; so must the crawler, or every curly quote and
accented name turns into ``â€™`` or ``�``. The rules, in order:

1. A byte-order mark decides.
2. The declared charset (HTTP header, else ``<meta charset>`` or
   ``http-equiv`` in the first bytes) is used when the body decodes with it
   cleanly, except that a Latin-1/Windows-1252/ASCII label on a body that is
   valid UTF-8 with non-ASCII bytes is read as UTF-8 (multi-byte UTF-8
   sequences practically never occur in real Windows-1252 text).
3. With no usable label: UTF-8 if the body is valid UTF-8, else
   Windows-1252, the web's legacy default (WHATWG reads ``iso-8859-1`` labels
   as Windows-1252 too).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that in practice mean "Windows-1252, or whatever the author's editor wrote".
_WESTERN = frozenset({"cp1252", "latin_1", "iso8859_1", "ascii", "windows_1252", "iso8859_15"})
_NON_ASCII = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True, kw_only=True)
class Decoded:
    """A decoded page and how its charset was chosen."""

    text: str
    encoding: str
    """Python codec name used."""
    declared: str | None
    """The charset the page declared (header first, then markup), as a codec name."""
    problem: str | None
    """``charset_mislabelled`` (the declared charset was wrong), ``charset_missing``
    (none declared and the body is not plain ASCII), or None."""


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode an HTML body; ``content_type`` is the HTTP header value, if any."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return Decoded(
                text=body[len(bom) :].decode(name, "replace"),
                encoding=name,
                declared=name,
                problem=None,
            )
    declared = _codec(http_content_type_encoding(content_type) if content_type else None)
    if declared is None:
        declared = _codec(html_body_declared_encoding(body[:4096]))
    wide = declared is not None and declared.startswith(("utf_16", "utf_32"))
    if not _NON_ASCII.search(body) and not wide:
        return Decoded(text=body.decode("ascii"), encoding="ascii", declared=declared, problem=None)
    if declared is not None and declared != "utf_8" and declared not in _WESTERN:
        text = _strict(body, declared)  # Shift_JIS, KOI8-R, GB2312...: trust a label that fits
        if text is not None:
            return Decoded(text=text, encoding=declared, declared=declared, problem=None)
    utf8 = _strict(body, "utf-8")
    if utf8 is not None:
        problem = None if declared == "utf_8" else _problem(declared)
        return Decoded(text=utf8, encoding="utf-8", declared=declared, problem=problem)
    if declared is not None and declared != "utf_8" and declared not in _WESTERN:
        # The label fits neither strictly nor does UTF-8: the label is still the best guess.
        text = body.decode(declared, "replace")
        return Decoded(text=text, encoding=declared, declared=declared, problem=None)
    problem = None if declared in _WESTERN else _problem(declared)
    return _western(body, declared, problem)


def _problem(declared: str | None) -> str:
    return "charset_missing" if declared is None else "charset_mislabelled"


def _western(body: bytes, declared: str | None, problem: str | None) -> Decoded:
    # cp1252 leaves five bytes undefined; "replace" keeps the rest of the page readable.
    return Decoded(
        text=body.decode("cp1252", "replace"), encoding="cp1252", declared=declared, problem=problem
    )


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _codec(label: str | None) -> str | None:
    """The Python codec name for a charset label (``utf_8``, ``cp1252``), or None."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return name.replace("-", "_")
