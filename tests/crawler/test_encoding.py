"""Charset decoding: declared, mislabelled, missing."""

from __future__ import annotations

import pytest

from newsmon.crawler.encoding import decode_html

TEXT = "Café “Nebelhorn” — the naïve critics’ résumé"


@pytest.mark.parametrize(
    ("body", "content_type", "problem"),
    [
        (TEXT.encode("utf-8"), "text/html; charset=utf-8", None),
        (TEXT.encode("cp1252"), "text/html; charset=windows-1252", None),
        (TEXT.encode("cp1252"), "text/html; charset=utf-8", "charset_mislabelled"),
        (TEXT.encode("utf-8"), "text/html; charset=iso-8859-1", "charset_mislabelled"),
        (TEXT.encode("utf-8"), "text/html", "charset_missing"),
        (TEXT.encode("cp1252"), None, "charset_missing"),
        (b'<meta charset="windows-1252">' + TEXT.encode("cp1252"), "text/html", None),
        (b'<meta charset="utf-8">' + TEXT.encode("cp1252"), None, "charset_mislabelled"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "text/html; charset=iso-8859-1", None),
    ],
    ids=[
        "utf8",
        "cp1252",
        "cp1252-labelled-utf8",
        "utf8-labelled-latin1",
        "utf8-unlabelled",
        "cp1252-unlabelled",
        "meta-charset",
        "meta-charset-wrong",
        "bom-wins",
    ],
)
def test_the_text_comes_out_right_whatever_the_label_says(body, content_type, problem):
    decoded = decode_html(body, content_type)
    assert TEXT in decoded.text
    assert decoded.problem == problem


def test_other_declared_charsets_are_trusted_when_they_fit():
    body = '<meta charset="shift_jis"><p>日本語のニュース</p>'.encode("shift_jis")
    assert "日本語のニュース" in decode_html(body).text


def test_plain_ascii_has_no_problem():
    assert decode_html(b"<p>plain</p>", None).problem is None
