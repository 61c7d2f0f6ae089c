"""Which title the story is about after a sentence: a passing mention does not take the topic.

Trade stories name other titles in passing: a cast member's other film ("on
the red carpet for X"), a team in a cast list ("brings together the Avengers
and the Fantastic Four"), the rest of a studio's line-up ("with X on the
service"). A later sentence that names nothing is still about the title the
story was following, so such a mention must not become the topic.
"""

from __future__ import annotations

import re

from newsmon.detector.refs import Ref

_PREPOSITION_BEFORE = re.compile(
    r"\b(?:for|in|on|at|with|like|than|from|including|alongside|opposite|into|about|to|as|of"
    r"|besides|beside|after|before|since)\s+"
    r"(?:(?:the|a|an|its|his|her|their|(?-i:[A-Z][\w.-]*)'s)\s+)?(?:[\w-]+\s+){0,3}?[\"']?$",
    re.IGNORECASE,
)
"""'... in London for "X"', 'in Marvel's eagerly awaited "X" film': a title inside a phrase."""
_LIST_BEFORE = re.compile(r",\s*(?:and\s+|or\s+)?(?:the\s+)?[\"']?$")
"""'the Wakandans, the Fantastic Four and ...': an item of a list."""
_SUBJECT_SPAN = 30
"""A reference this close to the sentence start is its subject."""
_OPENING_SPAN = 40
"""A title outside the catalog this close to the sentence start may open it."""


def passing(ref: Ref, norm: str, first: Ref | None, topic: Ref | None) -> bool:
    """Whether ``ref`` only mentions its title in passing, while the story stays on ``topic``.

    ``first`` is the sentence's first resolved reference: when it is the topic
    and opens the sentence ("The film, scripted by ..., brings together ..."),
    the sentence stays about the topic whatever else it lists.
    """
    if topic is None or topic.show is None or ref.show == topic.show or ref.kind != "show":
        return False
    if first is not None and first.show == topic.show and first.start < _SUBJECT_SPAN:
        return True
    before = norm[max(0, ref.start - 60) : ref.start]
    return bool(_PREPOSITION_BEFORE.search(before) or _LIST_BEFORE.search(before))


def names_another_story(ref: Ref, norm: str) -> bool:
    """Whether a title outside the catalog opens the sentence as its subject: the story moved on.

    A title inside a phrase near the start ("Rauch, known from X, stars as ...", "Fresh off X,
    the director ...") is a credit or a background, not the sentence's subject.
    """
    if ref.kind != "foreign" or ref.start >= _OPENING_SPAN or ref.indefinite:
        return False
    return not _PREPOSITION_BEFORE.search(norm[max(0, ref.start - 60) : ref.start])


def next_topic(
    known: list[Ref], asides: list[Ref], norm: str, topic: Ref | None, claimed: set[str]
) -> Ref | None:
    """The topic after a sentence naming ``known``: its last title named for itself.

    Titles the sentence makes a claim about are never passing mentions.
    """
    first = min(known, key=lambda r: r.start) if known else None
    kept = [
        r
        for r in known
        if r not in asides and (r.show in claimed or not passing(r, norm, first, topic))
    ]
    if kept:
        return kept[-1]
    if all(r in asides for r in known):
        if known and topic is not None and topic.show == known[-1].show:
            # "Like season 1, the new season ...": background of the same show keeps its season.
            return topic
        return known[-1] if known else topic
    return topic
