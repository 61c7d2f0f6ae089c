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
        "bros",
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
_VERSUS_ABBREVIATION = re.compile(r"(?<=\w )([Vv]s?)\.(?= \w)")
"""The "v." or "vs." of a contest's name ("Ford v. Ferrari"): not the end of a sentence."""


def normalise(text: str) -> str:
    """Map typographic quotes and dashes to ASCII, character for character.

    The full stop of an abbreviated month before a day ("Nov. 8") or of a contest's "v."
    becomes a space, so that patterns which stop at a full stop read the sentence through.
    """
    # Every character the table replaces is beyond ASCII (or replaced by itself).
    if not text.isascii():
        text = text.translate(_NORMALISE)
    if any(dot in text for dot in _MONTH_DOTS):
        text = _MONTH_ABBREVIATION.sub(r"\1 ", text)
    if "s. " in text or "v. " in text or "V. " in text:
        text = _VERSUS_ABBREVIATION.sub(r"\1 ", text)
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


class _QuoteDepth:
    """Depth of double quotes before a character, for curly or straight quotes.

    Asked about positions left to right, it reads only the quotes in between: a
    paragraph holds few quotes and many characters.
    """

    __slots__ = ("_depth", "_next", "_quotes")

    def __init__(self, text: str) -> None:
        self._quotes = [(m.start(), m.group()) for m in _QUOTE_CHARS.finditer(text)]
        self._next = 0
        self._depth = 0

    def before(self, pos: int) -> int:
        """The depth after the quotes before ``pos`` (no smaller than any ``pos`` asked before)."""
        quotes = self._quotes
        while self._next < len(quotes) and quotes[self._next][0] < pos:
            char = quotes[self._next][1]
            if char == "“":
                self._depth += 1
            elif char == "”":
                self._depth = max(0, self._depth - 1)
            else:
                self._depth = 0 if self._depth else 1
            self._next += 1
        return self._depth


def _is_boundary(para: str, norm: str, end: int, match: re.Match[str], depth: int) -> bool:
    """Whether the punctuation ``match`` ends a sentence at ``end``."""
    # Read in place: slicing the rest of the paragraph at every full stop costs the
    # paragraph's length each time.
    if end >= len(norm) or not norm[end].isspace():
        return False
    following = end + 1
    while following < len(norm) and norm[following].isspace():
        following += 1
    if following == len(norm):
        return False
    first = norm[following]
    if not (first.isupper() or first.isdigit() or first in "\"'#(["):
        return False
    punct = match.group(0)
    if depth and "." not in punct:
        # "Did you get the memo? Marvel's ..." inside one quotation stays whole.
        return False
    return punct != "." or not _abbreviation_before(norm, match.start())


def _abbreviation_before(norm: str, pos: int) -> bool:
    """Whether the word before a full stop is an abbreviation ("Mr.", "U.S.", an initial)."""
    # The run of word characters and dots ending at ``pos``, read backwards from it (a
    # pattern anchored at the end would be tried at every position before it).
    if pos and norm[pos - 1] == "\n":
        pos -= 1  # as "$" would: the run may end before a final newline
    start = pos
    while start and (norm[start - 1].isalnum() or norm[start - 1] in "_."):
        start -= 1
    token = norm[start:pos].lower()
    return (
        token in _ABBREVIATIONS
        or (len(token) == 1 and token.isalpha())
        or bool(_INITIALS.fullmatch(token))
    )


_INITIALS = re.compile(r"(?:\w\.)+\w")
"""'u.s', 'j.r.r': letters each followed by a dot, the last one without."""


def split_paragraph(para: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) offsets of the sentences of one paragraph."""
    norm = normalise(para)
    depths = _QuoteDepth(para)
    start = 0
    for match in _END_RE.finditer(norm):
        end = match.end()
        # A closing quote or bracket belongs to the sentence it ends.
        while end < len(norm) and norm[end] in "\"')]":
            end += 1
        depth = depths.before(end) if end < len(para) else 0
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
