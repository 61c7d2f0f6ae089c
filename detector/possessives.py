# ruff: noqa: E501  (regular expressions read best unbroken)
"""Works named by whoever made or owns them: "Coppola's Roman epic", "Scarlett Johansson's spy film".

The press often names a production by its maker and a description instead of
its title. Whose work it is, the article itself says: a name it gives as a
catalog title's maker ("Francis Ford Coppola's Megalopolis", "Megalopolis,
from Francis Ford Coppola") belongs to that title, so "Coppola's Roman epic"
is it. A person the article never gives as a catalog title's maker makes a
described work someone else's: "Scarlett Johansson's solo spy film" in a
story about another film is another work.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsmon.detector.refs import Ref
from newsmon.detector.text import Sentence

_WORK_NOUNS = (
    r"film|movie|picture|feature|series|show|drama|thriller|epic|sequel|prequel|spin-?off|remake|reboot"
    r"|adaptation|comedy|dramedy|musical|western|horror|saga|adventure|miniseries|documentary|biopic"
    r"|mystery|satire|romance|fantasy|blockbuster|follow-up|tentpole|anthology|procedural|sitcom"
)
_NAME_WORD = r"(?-i:[A-Z][\w.&+-]*)"
_POSSESSED_WORK = re.compile(
    rf"(?<![\w'’])(?P<owner>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})['’]s\s+"
    rf"(?P<mods>(?:[\w$.,’'-]+\s+){{0,4}}?)(?P<noun>{_WORK_NOUNS})\b(?!['’]s)",
    re.IGNORECASE,
)
_NAME_WORDS = re.compile(r"(?-i:[A-Z][\w&+-]*)")
_SENTENCE_OPENERS = frozenset(
    {
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "As",
        "After",
        "Before",
        "With",
        "And",
        "But",
        "Its",
        "It",
        "This",
        "That",
    }
)
"""Capitalised only because they open a sentence: no one's name."""


def name_links(
    sentences: Sequence[Sentence], mentions: Sequence[Sequence[Ref]]
) -> dict[str, set[str]]:
    """For each capitalised word, the catalog titles it is named as the maker of.

    "Francis Ford Coppola's Megalopolis", "Megalopolis, from Francis Ford Coppola",
    "Weapons director Zach Cregger": each word of the name is linked to the title.
    """
    links: dict[str, set[str]] = {}
    for sent, refs in zip(sentences, mentions, strict=True):
        titled = [
            (r.start, r.end, r.show)
            for r in refs
            if r.kind == "show" and r.show is not None and not r.excluded
        ]
        if not titled:
            continue
        for match in _NAME_WORDS.finditer(sent.norm):
            word, at = match.group(0), match.start()
            if word in _SENTENCE_OPENERS or any(s <= at < e for s, e, _ in titled):
                continue
            # Beside the title, not anywhere in a long sentence that lists several works.
            near = {
                show
                for s, e, show in titled
                if (s - _REACH < at < s and _OWNS.match(sent.norm[match.end() : s]))
                or (e <= at < e + _REACH and _MADE_BY.match(sent.norm[e:at]))
            }
            if near:
                links.setdefault(word, set()).update(near)
    return links


_REACH = 60
"""How far from a title its maker's name is looked for, in characters."""
_OWNS = re.compile(r"^(?:\s+[A-Z][\w.-]*)*['’]s\s+(?:[\w-]+\s+){0,3}?[\"'“‘]?$")
"""'Francis Ford Coppola's Megalopolis', 'Gunn's new film "Superman"'."""
_MADE_BY = re.compile(
    r"^[\"'”’]?,?\s+(?:(?:is|was)\s+)?(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:from|by|director|creator|showrunner|filmmaker|writer-director|helmer|directed by|created by)\s+(?:[A-Z][\w.-]*\s+)*$"
)
"""'Megalopolis, from Francis Ford Coppola', 'Weapons director Zach Cregger'."""
_APPOSITION = re.compile(
    r"^(?:\s+(?:season|series|part|chapter|volume)\s+[\w-]+)?\W*[,(]\s*$", re.IGNORECASE
)
"""'Peacemaker, James Gunn's superhero series': the title, then what it is."""


def possessed_works(norm: str, mentions: Sequence[Ref], links: dict[str, set[str]]) -> list[Ref]:
    """References made by an owner's name and a description: the linked title, or another work.

    Only a person's name (two capitalised words or more) with a description
    ("solo spy film", not a bare "film") makes another work when unlinked: a
    studio or a network ("HBO's drama") has many works, a place ("Britain's
    highest-rated drama") describes rather than owns, and a bare "Greta
    Gerwig's film" is most often the story's own.
    """
    found: list[Ref] = []
    if not _owned(norm):
        return found
    for match in _POSSESSED_WORK.finditer(norm):
        start, end = match.span()
        if any(m.start < end + 3 and start < m.end for m in mentions):
            continue  # "Adam Sandler's golf comedy Happy Gilmore": the title is named
        if any(m.end <= start and _APPOSITION.match(norm[m.end : start]) for m in mentions):
            continue
        words = match.group("owner").split()
        while words and words[0] in _SENTENCE_OPENERS:
            words = words[1:]
        if not words:
            continue
        shows = links.get(words[-1], set())
        if len(shows) == 1:
            show = next(iter(shows))
            if not any(m.show == show for m in mentions):
                found.append(Ref(start, end, "show", show=show))
        elif not shows and len(words) >= 2 and match.group("mods").strip():
            # Another work set beside the story's: it takes its own clause's claims,
            # but the story goes on about its own title.
            found.append(Ref(start, end, "foreign", indefinite=True))
    return found


def with_possessed_works(
    sentences: Sequence[Sentence], mentions: list[list[Ref]]
) -> list[list[Ref]]:
    """Each sentence's mentions with the works its owners' names refer to, in order.

    The article's makers are only gathered when some sentence names a work by
    its owner: most articles have none.
    """
    if not any(_owned(sent.norm) and _POSSESSED_WORK.search(sent.norm) for sent in sentences):
        return mentions
    links = name_links(sentences, mentions)
    return [
        sorted([*named, *possessed_works(sent.norm, named, links)], key=lambda r: r.start)
        for sent, named in zip(sentences, mentions, strict=True)
    ]


def _owned(norm: str) -> bool:
    # A possessive in the sentence at all: the regular expression is only worth running then.
    return "'s" in norm or "’s" in norm
