"""An article's text with each evidence sentence tied to the claims read from it.

A reader of the article page wants to see, for a highlighted sentence, what
newsmon read in it, and for a claim, where in the text it stands. Each
distinct evidence sentence gets a number in order of appearance; the text is
cut into pieces that are plain text or such a sentence, and each claim knows
its sentence's number (``None`` when the sentence is not in the stored text:
the headline, or a text revised since). Pieces are plain strings; the
template escapes them, so article text never becomes markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsmon.web.excerpts import paragraphs


@dataclass(frozen=True, slots=True)
class Piece:
    """Text of a paragraph: plain (``sentence`` None), or evidence sentence number ``sentence``."""

    text: str
    sentence: int | None = None
    first: bool = False
    """Whether this is the sentence's first occurrence (the one the claims link to)."""


@dataclass(slots=True)
class TiedText:
    """The article's paragraphs in pieces, and which claims each sentence made."""

    body: list[list[Piece]]
    claims_of: dict[int, list[int]] = field(default_factory=dict)
    """Sentence number -> ids of the claims read from it, in the claims' order."""
    sentence_of: dict[int, int] = field(default_factory=dict)
    """Claim id -> its sentence's number, for claims whose sentence is in the text."""


def tie(text: str, claims: Sequence[tuple[int, str]]) -> TiedText:
    """Cut ``text`` into paragraphs of pieces, numbering the evidence of ``claims``.

    ``claims`` are ``(claim id, evidence sentence)`` pairs. A sentence found
    several times is marked each time, under one number; one overlapping a
    sentence already marked is left to that one.
    """
    evidence: dict[str, list[int]] = {}
    for claim_id, sentence in claims:
        flat = " ".join(sentence.split())
        if flat:
            evidence.setdefault(flat, []).append(claim_id)
    numbers: dict[str, int] = {}
    result = TiedText(body=[])
    for paragraph in paragraphs(text):
        spans: list[tuple[int, int, str]] = []
        for needle in evidence:
            start = paragraph.find(needle)
            while start >= 0:
                spans.append((start, start + len(needle), needle))
                start = paragraph.find(needle, start + len(needle))
        pieces: list[Piece] = []
        position = 0
        for start, end, needle in sorted(spans):
            if start < position:
                continue
            if start > position:
                pieces.append(Piece(paragraph[position:start]))
            first = needle not in numbers
            number = numbers.setdefault(needle, len(numbers) + 1)
            pieces.append(Piece(paragraph[start:end], number, first))
            position = end
        if position < len(paragraph):
            pieces.append(Piece(paragraph[position:]))
        result.body.append(pieces)
    for needle, number in numbers.items():
        result.claims_of[number] = evidence[needle]
        for claim_id in evidence[needle]:
            result.sentence_of[claim_id] = number
    return result
