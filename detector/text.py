"""Sentences of an article: normalisation and a quote- and abbreviation-aware splitter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# One-to-one replacements keep offsets valid between original and normalised text.
_NORMALISE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        " ": " ",
        "′": "'",
    }
)

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vol",
        "ep",
        "eps",
        "approx",
        "dept",
        "gen",
        "gov",
        "sen",
        "rep",
        "prof",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
    ]
)

_QUOTE_CHARS = re.compile('[\u201c\u201d"]')
_END_RE = re.compile(r"[.!?]+")
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
_MONTH_ABBREVIATION = re.compile(rf"\b({'|'.join(_MONTHS)})\.(?=\s+\d)")
_MONTH_DOTS = tuple(f"{month}." for month in _MONTHS)
"""One of these is in any text the pattern matches: a cheap test before the pattern runs."""


def normalise(text: str) -> str:
    """Map typographic quotes and dashes to ASCII, character for character.

    The full stop of an abbreviated month before a day ("Nov. 8") becomes a
    space, so that patterns which stop at a full stop read the date through.
    """
    # Every character the table replaces is beyond ASCII (or replaced by itself).
    if not text.isascii():
        text = text.translate(_NORMALISE)
    if any(dot in text for dot in _MONTH_DOTS):
        text = _MONTH_ABBREVIATION.sub(r"\1 ", text)
    return text


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or the headline) with its normalised twin and its place."""

    text: str
    norm: str
    paragraph: int
    """0 for the headline, then 1, 2, ... for body paragraphs."""
    position: int
    """Order of the sentence in the article, headline first."""

    @property
    def is_headline(self) -> bool:
        """True for the article's headline."""
        return self.paragraph == 0


def _quote_depths(norm_original: str) -> list[int]:
    """Depth of double quotes before each character, for curly or straight quotes."""
    if not _QUOTE_CHARS.search(norm_original):
        return [0] * len(norm_original)
    depths = []
    depth = 0
    for ch in norm_original:
        depths.append(depth)
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif ch == '"':
            depth = 0 if depth else 1
    return depths


def _is_boundary(para: str, norm: str, end: int, match: re.Match[str], depth: int) -> bool:
    """Whether the punctuation ``match`` ends a sentence at ``end``."""
    rest = norm[end:]
    following = rest.lstrip()
    if not rest[:1].isspace() or not following:
        return False
    first = following[0]
    if not (first.isupper() or first.isdigit() or first in "\"'#(["):
        return False
    punct = match.group(0)
    if depth and "." not in punct:
        # "Did you get the memo? Marvel's ..." inside one quotation stays whole.
        return False
    return punct != "." or not _abbreviation_before(norm, match.start())


def _abbreviation_before(norm: str, pos: int) -> bool:
    """Whether the word before a full stop is an abbreviation ("Mr.", "U.S.", an initial)."""
    word = re.search(r"([\w.]+)$", norm[:pos])
    token = word.group(1).lower() if word else ""
    return (
        token in _ABBREVIATIONS
        or (len(token) == 1 and token.isalpha())
        or bool(re.fullmatch(r"(?:\w\.)+\w", token))
    )


def split_paragraph(para: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of the sentences of one paragraph."""
    norm = normalise(para)
    depths = _quote_depths(para)
    start = 0
    for match in _END_RE.finditer(norm):
        end = match.end()
        # A closing quote or bracket belongs to the sentence it ends.
        while end < len(norm) and norm[end] in "\"')]":
            end += 1
        depth = depths[end] if end < len(depths) else 0
        if _is_boundary(para, norm, end, match, depth):
            if para[start:end].strip():
                yield start, end
            start = end
            while start < len(para) and para[start].isspace():
                start += 1
    if para[start:].strip():
        yield start, len(para.rstrip())


def sentences(headline: str, body: str) -> list[Sentence]:
    """Split into the headline followed by the body's sentences, paragraph by paragraph.

    An article is split once however often it is read (claims, then the
    search for titles outside the catalog, then the reading for those).
    """
    return list(_sentences(headline, body))


@lru_cache(maxsize=8)
def _sentences(headline: str, body: str) -> tuple[Sentence, ...]:
    result: list[Sentence] = []
    if headline.strip():
        head = headline.strip()
        result.append(Sentence(head, normalise(head), 0, 0))
    paragraphs = [p.strip() for p in _PARAGRAPH_RE.split(body) if p.strip()]
    if len(paragraphs) == 1 and "\n" in paragraphs[0]:
        paragraphs = [p.strip() for p in paragraphs[0].split("\n") if p.strip()]
    for number, para in enumerate(paragraphs, start=1):
        for raw_line in para.split("\n"):
            line = raw_line.strip()
            for start, end in split_paragraph(line):
                text = line[start:end].strip()
                if text:
                    result.append(Sentence(text, normalise(text), number, len(result)))
    return tuple(result)
