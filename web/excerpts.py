"""Pieces of article text to show: the evidence in its paragraph, search snippets.

Functions return plain ``(text, highlighted)`` segments; templates escape
every segment and wrap highlighted ones in ``<mark>``, so article text can
never become markup.
"""

from __future__ import annotations

import re

Segments = list[tuple[str, bool]]

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def paragraphs(text: str) -> list[str]:
    """Split article text into paragraphs (blank-line separated), white space tidied."""
    return [flat for part in re.split(r"\n\s*\n", text) if (flat := _flat(part))]


def evidence_in_context(text: str, evidence: str, *, around: int = 280) -> Segments:
    """Return the paragraph holding ``evidence`` with the evidence highlighted.

    Context on either side is cut to about ``around`` characters. Evidence not
    found in the text (a headline, or text changed since) is returned alone,
    highlighted.
    """
    needle = _flat(evidence)
    if not needle:
        return []
    for paragraph in paragraphs(text):
        start = paragraph.find(needle)
        if start < 0:
            continue
        before = paragraph[:start]
        after = paragraph[start + len(needle) :]
        if len(before) > around:
            before = "… " + before[-around:].split(" ", 1)[-1]
        if len(after) > around:
            after = after[:around].rsplit(" ", 1)[0] + " …"
        pieces = ((before, False), (needle, True), (after, False))
        return [(part, mark) for part, mark in pieces if part]
    return [(needle, True)]


def search_terms(query: str | None) -> list[str]:
    """Return the words of a search, for highlighting."""
    if not query:
        return []
    return [word for word in _WORD.findall(query) if len(word) > 1][:10]


def snippet(text: str, terms: list[str], *, width: int = 260) -> Segments:
    """Return a window of ``text`` around the first search term, terms highlighted."""
    flat = _flat(text)
    if not flat:
        return []
    pattern = _terms_pattern(terms)
    start = 0
    anchor = _first_anchor(flat, terms)
    if anchor is not None:
        start = max(0, anchor - width // 3)
        if start:
            start = flat.find(" ", start) + 1 or start
    window = flat[start : start + width]
    if start + width < len(flat):
        window = window.rsplit(" ", 1)[0] + " …"
    if start:
        window = "… " + window
    if pattern is None:
        return [(window, False)]
    segments: Segments = []
    position = 0
    for match in pattern.finditer(window):
        if match.start() > position:
            segments.append((window[position : match.start()], False))
        segments.append((match.group(0), True))
        position = match.end()
    if position < len(window):
        segments.append((window[position:], False))
    return segments


def highlight(text: str, terms: list[str]) -> Segments:
    """Return ``text`` whole, with every search term in it highlighted."""
    pattern = _terms_pattern(terms)
    if pattern is None:
        return [(text, False)] if text else []
    segments: Segments = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            segments.append((text[position : match.start()], False))
        segments.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        segments.append((text[position:], False))
    return segments


def _terms_pattern(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    longest_first = sorted(terms, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in longest_first) + r")\b", re.I)


def _first_anchor(text: str, terms: list[str]) -> int | None:
    # The whole phrase where it occurs, else the longest word (likely the rarest).
    if not terms:
        return None
    phrase = re.search(r"\W+".join(re.escape(t) for t in terms), text, re.I)
    if phrase is not None:
        return phrase.start()
    for term in sorted(terms, key=len, reverse=True):
        found = re.search(rf"\b{re.escape(term)}\b", text, re.I)
        if found is not None:
            return found.start()
    return None


def plain(segments: Segments) -> str:
    """Return the segments as one plain string (for the JSON API)."""
    return "".join(part for part, _mark in segments)
