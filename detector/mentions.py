"""References to productions in one sentence: catalog titles, seasons, anaphora, other titles.

A reference is a span that may name a production: a catalog title or alias
(``show``), a season without a title ("the second season", ``season``), a
noun phrase or pronoun pointing back ("the show", "its", ``anaphor``), or a
title that is not in the catalog (``foreign``), which blocks attributing
nearby statements to a watched show.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsmon.detector.catalog import ROMAN_NUMERALS, TOKEN_RE, Catalog, CatalogName, name_tokens
from newsmon.detector.clauses import split_clauses
from newsmon.detector.foreign import (
    ANOTHER_OF,
    APPOSED,
    find_foreign,
    indefinite_works,
    set_aside_derived,
)
from newsmon.detector.literals import gate
from newsmon.detector.refs import Ref, SeasonSource
from newsmon.detector.seasons import SeasonExpr, find_seasons
from newsmon.detector.stage_rules import SERVICE

__all__ = [
    "Ref",
    "adverbial",
    "attach_seasons",
    "find_anaphors",
    "find_mentions",
    "sentence_refs",
    "temporal",
]

_ANAPHOR_RE = re.compile(
    # "the show's previous season": the season before the newest named, told through the show.
    r"\b(?:the\s+(?:show|series|drama|comedy|sitcom|thriller)['’]s?(?=\s+(?:previous|prior|preceding)\s)"
    r"|the|this|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>show|series|season|film|movie|sequel|production|drama|comedy|dramedy|comedy-drama"
    r"|thriller|western|anthology|procedural|sitcom|opera|episodes|picture|run|follow-up)\b"
    r"|\b(?P<pron>its|it)\b",
    re.IGNORECASE,
)
_FOLLOW_UP_MODIFIES = re.compile(
    r"\s+(?:questions?|interviews?|reports?|tweets?|posts?|calls?|meetings?|stor(?:y|ies)"
    r"|articles?|statements?|comments?|messages?|emails?|letters?|visits?|talks?)\b",
    re.IGNORECASE,
)
_PLACE_NAME_AFTER = re.compile(
    r"(?-i:\s+(?:Film\s+(?:Ranch|Studios?|Festival|Center|Centre|Commission|Society)|Ranch|Studios"
    r"|National\s+Park|Park|Festival|Awards|Center|Centre|Theat(?:er|re)|Hotel|Street|Road|River"
    r"|Stadium|Arena|County|Valley|Lodge|Museum|Lake|Airport|Station|Square)\b)"
)
"""A capitalised place noun right after a title makes it part of a name ("X Film Ranch")."""
_NAME_AFTER = re.compile(
    r"(?-i:\s+(?!(?:Season|Seasons|Part|Parts|Chapter|Volume|Vol|Episode|Episodes|Book|Series"
    r"|Movie|Film|Sequel|Trailer|Teaser|Star|Stars|Director|Cast|Creator|Showrunner|Review"
    r"|Jan\w*|Feb\w*|March|April|May|June|July|Aug\w*|Sept?\w*|Oct\w*|Nov\w*|Dec\w*"
    r"|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\b)[A-Z][a-z]+(?=[\s,.;:)]|'s\b|$))"
)
"""A one-word title followed by a capitalised name is someone's name ("Michael Cera")."""
_NUMBER_AFTER = re.compile(
    r"(?-i:\s+(?P<n>[2-9]|1\d|II|III|IV|VI|VII|VIII))(?![\w:.,]\d|\w|\s*(?:%|million|billion|hours?|minutes?|days?|weeks?|months?|years?|episodes?|seasons?|times|of\b|am\b|pm\b|p\.m\.|a\.m\.))"
)
"""A number right after a title ("Tidebreaker 2", "Copper Sky 5"): an instalment."""
_DERIVED = r"(?P<kind>sequel|follow-up|prequel|spinoff|spin-off)"
"""Works made from a title under another name; a remake or reboot often keeps the name."""
_DERIVED_AFTER = re.compile(
    rf"[\"']?(?:'s)?\s+(?:(?:upcoming|planned|new|long-awaited)\s+)?{_DERIVED}\b", re.I
)
"""'the Tidebreaker sequel', "Tidebreaker's spinoff": a work made from the title, not the title."""
_NEXT_BEFORE = re.compile(r"\b(?:the|a)\s+next\s+$", re.I)
"""'the next Mario movie': the instalment after the named one."""
_DERIVED_OF_BEFORE = re.compile(rf"\b{_DERIVED}\s+(?:to|of)\s+(?:the\s+)?[\"']?$", re.I)
"""'the sequel to Tidebreaker': the title is the earlier work."""
_SOURCE_AFTER = re.compile(
    r"[\"']?\s+(?:brand|toys|toy line|toyline|line of|books?|book series|novels?|games?"
    r"|video games?|video-games?|comics?(?!-con)|comic books?|manga|films|movies|universe|lore"
    r"|fandom)\b",
    re.I,
)
"""'the Harry Potter novels', 'the Masters of the Universe brand': the source, not the work."""
_LONGER_TITLE = re.compile(r"\s*(?::|&)\s+[A-Z][^\"']{0,40}[\"']")
_TITLE_GOES_ON = re.compile(
    r"(?-i:\s+(?:and|of|in) the\s+(?!(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b)[A-Z][\w'-]*)"
)
"""'Snow Queen and the Frost King': a catalog title heading a longer title is another work."""
_NAMED_AFTER = re.compile(
    r"\s+(?:of|on|for)\s+[\"']?(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b)[A-Z#]"
)
_EARLIER_WORK = re.compile(
    r"\b(?:first|original|previous|earlier|prior|last|1\d{3}|20\d\d)\b", re.I
)
_OTHER_WORK = re.compile(r"\b(?:other|another|different|rival|competing)\b", re.I)
_FILM_NOUNS = frozenset({"film", "movie", "sequel", "picture"})
_SEASON_NOUNS = frozenset({"season", "episodes", "run", "follow-up"})
_LATEST = re.compile(
    r"\b(?:new|next|upcoming|coming|latest|final|last|forthcoming|now-confirmed)\s", re.I
)
"""'the new season', 'the final season', 'the upcoming episodes': the newest season named."""
_POSSESSIVE_PRONOUN = re.compile(r"its|their", re.I)
"""A bare possessive before a numbered season: its determiner, not an anaphor of its own."""
_PREVIOUS = re.compile(r"\b(?:previous|prior|preceding)\s", re.I)
"""'the previous season', 'its prior season': the season before the newest named."""
_LATEST_OF = re.compile(
    r"\b(?:(?:the|its)\s+(?:new|next|upcoming|coming|latest|final|last|forthcoming)\s+"
    r"(?:season|batch of episodes|episodes|run)"
    r"|a\s+(?:new|fresh)\s+(?:season|batch of episodes|run))"
    r"\s+(?:of|for)\s+(?:the\s+)?[\"']?$",
    re.I,
)
"""'the new season of X', 'a new season of X': X's newest season."""
_LATEST_OWN = re.compile(
    r"[\"']?'s\s+(?:new|next|upcoming|latest|final|last|forthcoming)\s+"
    r"(?:season|batch of episodes|episodes|run)\b",
    re.I,
)
"""'X's final season': X's newest season."""
_EXCLUDE_BEFORE = re.compile(
    r"(?:aside from|apart from|besides|other than|unlike|except|instead of)\s*[\"']?\s*$", re.I
)
_ADVERBIAL_BEFORE = re.compile(
    r"\b(?:in|during|since|through|throughout|until|after|before|ahead of|following"
    r"|like|unlike|as with|about|from)"
    r"\s+(?:the\s+|its\s+|(?:that|this|the)\s+[\w-]+'s\s+)?$",
    re.I,
)
_COORDINATED = re.compile(r"[\s\"',]*(?:and|&|or)?[\s\"',]*")
_PLAIN_GAP = re.compile(r"(?:'s)?[\"'\s,]*")
_OF_OTHER_TITLE = re.compile(
    r"\s*[\"']?(?:The\s+|A\s+)?(?!(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Season|Part|Chapter|Volume)\b)"
    r"(?!(?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*'s\b)[A-Z][\w-]*\b"
)
"""A capitalised name right after "season 2 of": another title, when it is not a catalog one."""
_NAME_BEFORE_SEASON = re.compile(
    r"(?<![\w'-])(?!(?:The|This|That|These|Its|Their|His|Her|Our|Your|My|Next|Last|Final|New"
    r"|Each|Every|Whole|Entire|And|But|Or|In|On|For|Of|With|After|Before|Since|Until|While|When"
    r"|A|An|So|Then|Now|Also|Both|Another)\b)"
    r"(?P<name>(?-i:[A-Z][\w&+-]*))\s+(?=(?i:season)\s+\d)",
)
"""A capitalised word right before "season 3" that is not a determiner (a service is checked
apart: "Netflix season 3" is no other show)."""
_SERVICE_WORD = re.compile(SERVICE)
_OF_SOME_WORK = re.compile(r"\s+(?:a|an|another)\s", re.IGNORECASE)
"""'the fourth season of a superhero drama': some work described, not the one in view."""
_NOUN_OF = re.compile(
    r"(?:\s+(?:[\w-]+\s+)?(?:cast|finale|premiere|episodes?|run|writers' room))\s+of\b"
)
"""'the second-season cast of a hospital drama': a season that qualifies a noun "of" a work."""
_SLOT_BEFORE = re.compile(
    r"\b(?:slot|date|spot|berth|window|weekend|release date)\s+"
    r"(?:that\s+|which\s+)?(?:the\s+)?[\"']?$",
    re.I,
)
_VACATES_AFTER = re.compile(
    r"[\"']?(?:\s+(?:film|movie|sequel|feature|picture|series|show))?"
    r"\s*(?:(?:is|was|has|had|will)\s+)?(?:(?:just|now|recently|already)\s+)?"
    r"(?:leaving|leaves|left|vacat\w+|giv(?:es|ing|en) up|gave up|abandon\w*|relinquish\w*"
    r"|freed up)\b",
    re.I,
)
"""'moves into the June 28 slot the sequel is leaving': the title only held the date before."""
_APPOSED_TITLE = re.compile(r"\s*[\"']?")
_ASIDE_OPENED = re.compile(
    r"[\"']?\s*,\s*(?:about|with|starring|featuring|following|set in|based on|in which|where)\b"
    r"[^,;]*",
    re.IGNORECASE,
)
"""'X, with Ana Ruiz as a man caught up in a game show, opens ...': the aside describes X."""
_OF_GAP = re.compile(r"[\s\"']*(?:[\w-]+(?:'s)?\s+){0,3}?[\"']?")


def find_mentions(norm: str, catalog: Catalog, *, headline: bool = False) -> list[Ref]:
    """Catalog titles and aliases in a normalised sentence, longest match first."""
    lowered = norm.lower()
    if len(lowered) != len(norm):  # a few characters lowercase to two; keep offsets exact
        lowered = "".join(c.lower()[:1] for c in norm)
    words = TOKEN_RE.findall(lowered)
    # Most words start no catalog name and most sentences name nothing: the words'
    # offsets are only worked out where a name or a franchise's noun needs them.
    firsts = catalog.first_tokens
    spans: list[tuple[int, int]] = []
    found: list[Ref] = []
    i = 0
    while i < len(words):
        name = catalog.match_at(words, i) if words[i] in firsts else None
        if name is None:
            i += 1
            continue
        spans = spans or _token_spans(lowered)
        n = len(name.tokens)
        start, end = spans[i][0], spans[i + n - 1][1]
        surface = norm[start:end]
        # An all-lowercase "iron fist" is an idiom, not a title.
        if surface.islower() and "#" not in surface and not any(c.isdigit() for c in surface):
            i += 1
            continue
        ref = _read_mention(norm, catalog, name, start, end, headline=headline)
        if ref is not None:
            found.append(ref)
        # A person's first name is one word: the next word may start a title.
        i += 1 if ref is None and n == 1 else n
    if catalog.franchise_heads and not _WORK_NOUN_SET.isdisjoint(words):
        spans = spans or _token_spans(lowered)
        found += _franchise_works(norm, catalog, words, spans, found)
    if "sequel" in lowered or "follow" in lowered:
        found += _sequels_of_other_instalments(norm, catalog, found)
        found += _franchise_sequels(norm, catalog, words, spans or _token_spans(lowered), found)
    if catalog.franchise_heads and ":" in norm:
        found += _other_subtitled_works(norm, catalog, found)
    return found


_SUBTITLED = re.compile(
    r"(?P<head>\b[A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,3}):\s+(?P<sub>[A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,3})"
)


def _other_subtitled_works(norm: str, catalog: Catalog, found: list[Ref]) -> list[Ref]:
    """A franchise's other subtitled work: "Star Trek: Discovery" beside "Star Trek: Picard".

    It is another work, so what follows it ("season 4") is not the catalog title's.
    """
    heads = catalog.franchise_heads
    others: list[Ref] = []
    for match in _SUBTITLED.finditer(norm):
        words = match.group("head").split()
        for length in range(min(4, len(words)), 0, -1):
            head = " ".join(words[-length:])
            title = heads.get(name_tokens(head))
            if title is None:
                continue
            named = f"{head}: {match.group('sub')}".casefold()
            start, end = match.end("head") - len(head), match.end()
            # "Horizon: An American Saga - Chapter 1" heads the catalog's own longer title.
            own = any(n.casefold().startswith(named) for n in (title, *catalog.aliases(title)))
            if not own and not any(r.start < end and start < r.end for r in found):
                others.append(Ref(start, end, "foreign"))
            break
    return others


def _sequels_of_other_instalments(norm: str, catalog: Catalog, found: list[Ref]) -> list[Ref]:
    """The catalog film a franchise's next instalment is, named by the one before it.

    "the follow-up to Ghostbusters: Afterlife", "the Ghostbusters: Afterlife sequel":
    before it has a title of its own, a sequel is named after the film it follows; that
    film is not the catalog's, so the franchise's one catalog film is the sequel.
    """
    heads = catalog.franchise_heads
    if not heads:
        return []
    sequels: list[Ref] = []
    for match in (m for pattern in _SEQUEL_OF_INSTALMENT for m in pattern.finditer(norm)):
        head = name_tokens(match.group("head"))
        title = heads.get(head)
        start, end = match.span()
        if (
            title is None
            or catalog.kind(title) != "film"
            or catalog.canonical(f"{match.group('head')}: {match.group('sub')}") is not None
            or any(r.start < end and start < r.end for r in found)
        ):
            continue
        sequels.append(Ref(start, end, "show", show=title))
    return sequels


_INSTALMENT = (
    r"(?P<head>[A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,3})"
    r":\s+(?P<sub>[A-Z][\w'&-]*(?:\s+[A-Z][\w'&-]*){0,3})"
)
_SEQUEL_OF_INSTALMENT = (
    re.compile(rf"\b(?:sequel|follow-?up|successor)\s+to\s+{_INSTALMENT}"),
    re.compile(rf"{_INSTALMENT}\s+(?:sequel|follow-?up)\b"),
)


def _token_spans(lowered: str) -> list[tuple[int, int]]:
    """The offsets of the words ``TOKEN_RE.findall`` gives."""
    return [m.span() for m in TOKEN_RE.finditer(lowered)]


def _read_mention(
    norm: str, catalog: Catalog, name: CatalogName, start: int, end: int, *, headline: bool
) -> Ref | None:
    """What a catalog name found at ``start:end`` refers to: the show, another work, or nothing."""
    if not headline and (
        # "the Yellowstone Film Ranch": the title is the start of a place's name.
        _PLACE_NAME_AFTER.match(norm, end)
        or (len(name.tokens) == 1 and _a_persons_name(norm, start, end))
    ):
        return None
    other = _instalment_or_other_work(norm, catalog, name, start, end, headline=headline)
    if other is not None:
        return other
    excluded = bool(_EXCLUDE_BEFORE.search(norm[max(0, start - 20) : start]))
    return Ref(start, end, "show", show=name.canonical, excluded=excluded)


def _instalment_or_other_work(
    norm: str, catalog: Catalog, name: CatalogName, start: int, end: int, *, headline: bool
) -> Ref | None:
    """A numbered season or sequel, a derived work or a longer title, where the name says so."""
    numbered = None if headline else _numbered(norm, catalog, name, start, end)
    if numbered is not None:
        return numbered
    derived = _DERIVED_AFTER.match(norm, end) or _DERIVED_OF_BEFORE.search(
        norm[max(0, start - 40) : start]
    )
    if derived is not None:
        # "the Tidebreaker sequel", "a spinoff of Tidebreaker": another work, which is
        # the catalog's numbered sequel when it has one ("Tidebreaker 2").
        sequel = catalog.sequel_bases.get(name.tokens)
        if sequel is not None and derived.group("kind").lower() in {"sequel", "follow-up"}:
            after = derived.end() if derived.start() >= end else end
            return Ref(start, after, "show", show=sequel)
        return Ref(start, end, "foreign")
    source = _SOURCE_AFTER.match(norm, end)
    if source is not None:
        # "the Harry Potter novels", "the Tomb Raider games": what the production adapts,
        # set aside like "unlike X" (it takes no claim and leaves "the film" to its own).
        return Ref(start, source.end(), "show", show=name.canonical, excluded=True)
    # '"The Mandalorian & Grogu"': the quotes hold a longer title, another work.
    longer = (start and norm[start - 1] in "\"'" and _LONGER_TITLE.match(norm, end)) or (
        _TITLE_GOES_ON.match(norm, end)
    )
    return Ref(start, end, "foreign") if longer else None


def _numbered(norm: str, catalog: Catalog, name: CatalogName, start: int, end: int) -> Ref | None:
    """A title with a number after it, or a film's "next" one: a season or another instalment."""
    film = catalog.kind(name.canonical) == "film"
    number = _NUMBER_AFTER.match(norm, end)
    if number is not None:
        if film:
            # "How to Train Your Dragon 2 arrives on June 11": a numbered sequel, not the film.
            return Ref(start, number.end(), "foreign")
        # "Copper Sky 2 has wrapped": the press numbers a series' seasons so.
        season = ROMAN_NUMERALS.get(number.group("n")) or int(number.group("n"))
        return Ref(start, number.end(), "show", show=name.canonical, season=season,
                   source="explicit")  # fmt: skip
    if film and _NEXT_BEFORE.search(norm, max(0, start - 12), start):
        # "the next Mario movie": the film after the catalog's, or its numbered sequel.
        sequel = catalog.sequel_bases.get(name.tokens)
        return Ref(start, end, "show", show=sequel) if sequel else Ref(start, end, "foreign")
    return None


def _a_persons_name(norm: str, start: int, end: int) -> bool:
    """Whether a one-word title is the first name of someone ("Michael Kelly", not "Michael")."""
    name = _NAME_AFTER.match(norm, end)
    if (start and norm[start - 1] in "\"'“‘") or not name:
        return False
    # A sentence in title case ("Superman Star Says ...") capitalises every word; its
    # first word and the name itself are capitalised anyway.
    rest = (norm[:start] + norm[name.end() :]).split()
    words = [word for word in rest[1 if start else 0 :] if len(word) > 3]
    capitalised = sum(word[0].isupper() for word in words)
    return len(words) < 3 or capitalised <= 0.6 * len(words)


_WORK_NOUNS: dict[str, str] = {
    **dict.fromkeys(("series", "show", "drama", "comedy", "spinoff", "spin-off"), "series"),
    **dict.fromkeys(("film", "movie", "feature", "remake", "sequel"), "film"),
    **dict.fromkeys(("project", "adaptation", "prequel"), ""),
}
"""Nouns that make a franchise's name a reference to one work, and the kind each fits."""
_WORK_NOUN_SET = frozenset(_WORK_NOUNS)
_DEFINITE_BEFORE = re.compile(
    r"(?:\bthe|\bthis|'s)\s+(?:(?:new|upcoming|forthcoming|coming|untitled|latest"
    r"|live-action|animated)\s+)?$",
    re.I,
)
"""'the new Alien series', "FX's Alien series": one work; 'a', 'another', 'the first' are not."""


def _franchise_works(
    norm: str, catalog: Catalog, words: list[str], spans: list[tuple[int, int]], found: list[Ref]
) -> list[Ref]:
    """Works named by their franchise and a noun of their kind ("FX's new Alien series").

    The catalog title must be that franchise's name and a subtitle ("Alien: Earth"), the
    only one of the catalog to carry the name.
    """
    heads = catalog.franchise_heads
    if not heads:
        return []
    works: list[Ref] = []
    for i, word in enumerate(words):
        kind = _WORK_NOUNS.get(word)
        if kind is None or i == 0:
            continue
        end = spans[i][1]
        if _NAME_AFTER.match(norm, end) or re.match(r"\s*[\"']", norm[end:]):
            continue  # "the Star Wars series Andor": the franchise's other work, named
        for length in range(min(4, i), 0, -1):
            title = heads.get(tuple(words[i - length : i]))
            start = spans[i - length][0]
            if title is None or not norm[start].isupper():
                continue
            if kind and catalog.declares_kinds and catalog.kind(title) != kind:
                break
            if norm[spans[i - 1][1] : spans[i][0]].strip() or not _DEFINITE_BEFORE.search(
                norm[max(0, start - 40) : start]
            ):
                break
            if not any(r.start < end and start < r.end for r in found):
                works.append(Ref(start, end, "show", show=title))
            break
    return works


def _franchise_sequels(
    norm: str, catalog: Catalog, words: list[str], spans: list[tuple[int, int]], found: list[Ref]
) -> list[Ref]:
    """The catalog film numbered 2 of a franchise named before "sequel" or "follow-up".

    Or after it: "a follow-up to the 2006 hit Gale Runner" is "Gale Runner II".
    """
    bases = catalog.sequel_bases
    if not bases:
        return []
    sequels: list[Ref] = []
    for i, word in enumerate(words):
        if word == "sequel":
            end = spans[i][1]
        elif word == "follow" and i + 1 < len(words) and words[i + 1] == "up":
            end = spans[i + 1][1]
        else:
            continue
        after = _base_after(norm, bases, words, spans, i + (2 if word == "follow" else 1))
        if after is not None:
            base_start, stop, sequel = after
            if not any(r.start < stop and base_start < r.end for r in found):
                sequels.append(Ref(spans[i][0], stop, "show", show=sequel))
            continue
        for length in range(min(4, i), 0, -1):
            title = bases.get(tuple(words[i - length : i]))
            start = spans[i - length][0]
            if title is None or not norm[start].isupper():
                continue
            if norm[spans[i - 1][1] : spans[i][0]].strip():
                break  # "Gladiator's sequel", "Gladiator, the sequel": not one name
            if not any(r.start < end and start < r.end for r in found):
                sequels.append(Ref(start, end, "show", show=title))
            break
    return sequels


# "a follow-up to the 2006 Meryl Streep and Anne Hathaway comedy X": the words before X.
_DESCRIPTION_WORDS = 10
_PHRASE_BREAK = re.compile(r"[.;,:!?()]")


def _base_after(
    norm: str,
    bases: dict[tuple[str, ...], str],
    words: list[str],
    spans: list[tuple[int, int]],
    i: int,
) -> tuple[int, int, str] | None:
    """The sequel a franchise's base title names after "sequel to".

    The base may follow a description of it, in the same phrase: "to the 2006
    Meryl Streep comedy Gale Runner".
    """
    if i >= len(words) or words[i] != "to":
        return None
    for j in range(i + 1, min(i + 1 + _DESCRIPTION_WORDS, len(words))):
        if _PHRASE_BREAK.search(norm, spans[j - 1][1], spans[j][0]):
            return None
        for length in range(min(4, len(words) - j), 0, -1):
            title = bases.get(tuple(words[j : j + length]))
            start, stop = spans[j][0], spans[j + length - 1][1]
            if title is None or not norm[start].isupper():
                continue
            if _NUMBER_AFTER.match(norm, stop) or norm[stop : stop + 1] == ":":
                return None  # "sequel to Gale Runner 3", "to Gale Runner: Origins": other works
            return start, stop, title
    return None


def adverbial(norm: str, ref: Ref) -> bool:
    """Whether a season is named in an adverbial ("in that show's second season"): background."""
    return bool(_ADVERBIAL_BEFORE.search(norm[max(0, ref.start - 30) : ref.start]))


def find_anaphors(norm: str, taken: list[tuple[int, int]]) -> list[Ref]:
    """Noun phrases and pronouns that point back to a production."""
    found: list[Ref] = []
    for match in _ANAPHOR_RE.finditer(norm):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        # "the crime series "Fjordline"" describes the title that follows.
        if re.match(r"\s*,?\s*[\"'][A-Z#]", norm[end : end + 5]):
            continue
        # "the production of Northwind" names its show right after.
        if match.group("noun") and _NAMED_AFTER.match(norm[end : end + 24]):
            continue
        if match.group("noun") and _in_a_name(norm, match):
            continue  # "the MTV Movie & TV Awards": the noun is part of a name
        noun = (match.group("noun") or "").lower()
        if noun == "follow-up" and _FOLLOW_UP_MODIFIES.match(norm, end):
            continue  # "the follow-up question": a question, not the next season
        latest = noun == "follow-up" or (
            noun in _SEASON_NOUNS and bool(_LATEST.search(match.group(0)))
        )
        previous = not latest and noun in _SEASON_NOUNS and bool(_PREVIOUS.search(match.group(0)))
        if (
            noun
            and not latest
            and not previous
            and re.match(r"(?:its|their)\b", match.group(0), re.I)
        ):
            # "its longest-running drama" is the network's, not the show's.
            taken.append((start, end))
            continue
        if noun and _OTHER_WORK.search(match.group(0)):
            # "the streamer's other fantasy series": not the one the article is about.
            found.append(Ref(start, end, "foreign"))
            continue
        if noun in _FILM_NOUNS and _EARLIER_WORK.search(match.group(0)):
            # "the first film", "the original movie": an earlier work, not the one watched.
            found.append(Ref(start, end, "foreign"))
            continue
        if match.group("pron") and match.group("pron").lower() == "it":
            # Only "it" as a subject or object of a verb; "it is" in speech is noise.
            continue
        found.append(
            Ref(
                start,
                end,
                "anaphor",
                filmish=noun in _FILM_NOUNS,
                pronoun=not noun,
                latest=latest,
                previous=previous,
            )
        )
    return found


def _in_a_name(norm: str, match: re.Match[str]) -> bool:
    """Whether a capitalised noun sits inside a name ("the Cannes Film Festival")."""
    noun_start, noun_end = match.span("noun")
    if not norm[noun_start].isupper() or norm.isupper():
        return False
    before = norm[match.start() : noun_start].split()
    after = norm[noun_end : noun_end + 3].lstrip()
    return (len(before) > 1 and before[-1][:1].isupper()) or after[:1].isupper() or after[:1] == "&"


def attach_seasons(
    norm: str, mentions: list[Ref], seasons: list[SeasonExpr]
) -> tuple[list[Ref], list[SeasonExpr]]:
    """Bind season expressions to the titles they qualify; return the unbound ones too."""
    refs = list(mentions)
    loose: list[SeasonExpr] = []
    binders = {
        "plain": _bind_plain,
        "of": _bind_of,
        "plural_of": _bind_of,
        "target": _bind_target,
        "after": _bind_target,
    }
    for expr in seasons:
        if not binders[expr.kind](norm, refs, expr):
            loose.append(expr)
    return refs, loose


_THERE_BE_ASKED = re.compile(
    r"\b(?:will|could|would|can|might|is|are)\s+there\s+(?:ever\s+)?(?:be|going to be)\s+"
    r"(?:an?\s+|another\s+)?$",
    re.IGNORECASE,
)
QUESTION_CLOSES = re.compile(r"[^.!;?]{0,80}\?")
"""A question mark closing the clause that follows: what comes before it is asked about."""


def _asked_season(norm: str, start: int, end: int) -> bool:
    """Whether the season at ``start:end`` is only asked about: "could there be a season 2?"."""
    return bool(_THERE_BE_ASKED.search(norm, 0, start) and QUESTION_CLOSES.match(norm, end))


def _bind_plain(norm: str, refs: list[Ref], expr: SeasonExpr) -> bool:
    """Bind "X season 2", "X's fourth season" to the title right before."""
    for idx in range(len(refs) - 1, -1, -1):
        ref = refs[idx]
        if ref.end <= expr.start and _PLAIN_GAP.fullmatch(norm[ref.end : expr.start]):
            refs[idx] = replace(ref, season=expr.number, source="explicit")
            return True
    return False


def _bind_of(norm: str, refs: list[Ref], expr: SeasonExpr) -> bool:
    """Bind "the third season of X", "the first seasons of X, Y and Z" to the titles after."""
    following = [i for i, r in enumerate(refs) if r.start >= expr.end]
    if not following or not _OF_GAP.fullmatch(norm[expr.end : refs[following[0]].start]):
        return False
    targets = [following[0]]
    if expr.kind == "plural_of":
        for nxt in following[1:]:
            if not _COORDINATED.fullmatch(norm[refs[targets[-1]].end : refs[nxt].start]):
                break
            targets.append(nxt)
    for t in targets:
        if refs[t].season is None:
            refs[t] = replace(refs[t], season=expr.number, source="explicit")
    return True


def _bind_target(norm: str, refs: list[Ref], expr: SeasonExpr) -> bool:
    """Bind "renewed X for a third season", "axed X after two seasons" to the title before."""
    before = [i for i, r in enumerate(refs) if r.end <= expr.start]
    if not before:
        return False
    idx = before[-1]
    if refs[idx].season is not None and refs[idx].source == "explicit":
        return False
    source: SeasonSource = "target" if expr.kind == "target" else "after"
    refs[idx] = replace(refs[idx], season=expr.number, source=source)
    # "X and Y were renewed for second seasons": the season is each one's.
    while (
        idx > 0
        and refs[idx - 1].season is None
        and _COORDINATED.fullmatch(norm[refs[idx - 1].end : refs[idx].start])
    ):
        idx -= 1
        refs[idx] = replace(refs[idx], season=expr.number, source=source)
    return True


def _drop_titled(norm: str, anaphors: list[Ref], title_starts: list[int]) -> list[Ref]:
    """Drop noun phrases that name the title right after them.

    "its survival thriller Tidebreaker", "the drama Landman": the title is the reference,
    not something the article named earlier.
    """
    return [
        a
        for a in anaphors
        if a.pronoun or not any(_APPOSED_TITLE.fullmatch(norm, a.end, t) for t in title_starts)
    ]


def _drop_owners(norm: str, anaphors: list[Ref], foreign_starts: list[int]) -> list[Ref]:
    """Drop possessives that own another work named right after them.

    "Apple will release its historical epic Killers of the Flower Moon": "its" is the
    studio, and the work is the title, not the show the article is about.
    """
    return [
        a
        for a in anaphors
        if not (
            a.pronoun
            and norm[a.start : a.end].lower() in {"its", "their", "his", "her"}
            and any(_OWNED_TITLE.fullmatch(norm, a.end, t) for t in foreign_starts)
        )
    ]


_OWNED_TITLE = re.compile(r"\s+(?:[a-z][\w'-]*\s+){1,4}[\"']?")
"""The lowercase words between a possessive and the title it owns ("its new drama ")."""


def _not_naming_a_title(norm: str, foreign: list[Ref], mentions: list[Ref]) -> list[Ref]:
    """Drop descriptions that name a catalog title right after a comma.

    "is busy filming his next movie, The Odyssey": the description is that title.
    """
    return [
        r
        for r in foreign
        if not (
            norm[r.start : r.start + 1].islower()
            and any(APPOSED.fullmatch(norm, r.end, m.start) for m in mentions)
        )
    ]


def _plain_season_owner(anaphors: list[Ref], expr: SeasonExpr, norm: str) -> int | None:
    """The index of the anaphor right before a numbered season ("the show's third season")."""
    owner = [i for i, a in enumerate(anaphors) if a.end <= expr.start
             and re.fullmatch(r"(?:'s)?[\"'\s,]*", norm[a.end : expr.start])]  # fmt: skip
    return owner[-1] if owner else None


def _drop_bare_possessive(anaphors: list[Ref], owner: int | None, norm: str) -> int | None:
    """Remove the owner when it is a bare "its" or "their", and return the owner left.

    A bare possessive is only the season's determiner: "with its eighth and last season"
    names the season of the sentence's show, as "with its eighth season" does, so the
    pronoun is no anaphor of its own.
    """
    if owner is not None and _POSSESSIVE_PRONOUN.fullmatch(
        norm, anaphors[owner].start, anaphors[owner].end
    ):
        del anaphors[owner]
        return None
    return owner


def sentence_refs(
    norm: str, mentions: list[Ref], *, headline: bool = False, paragraph_start: bool = False
) -> list[Ref]:
    """All references in a sentence, ordered by position, seasons bound where possible.

    ``mentions`` are the sentence's catalog titles (``find_mentions``).
    """
    # "The Four Seasons will be back": a season count inside a title is no season.
    seasons = [
        s
        for s in find_seasons(norm)
        if not any(m.start < s.end and s.start < m.end for m in mentions)
    ]
    foreign = find_foreign(norm, mentions, headline=headline, paragraph_start=paragraph_start)
    # Foreign titles take part so that "X will not return for a fourth season" binds to X.
    derived = set_aside_derived(norm, mentions)
    mentions = [r for r in derived if r.kind == "show"]
    foreign += [r for r in derived if r.kind == "foreign"]
    bound, loose = attach_seasons(norm, sorted(mentions + foreign, key=lambda r: r.start), seasons)
    mentions = [r for r in bound if r.kind == "show"]
    foreign = _not_naming_a_title(norm, [r for r in bound if r.kind == "foreign"], mentions)
    # An anaphor inside another work's description ("its adaptation of X") is that work's.
    taken = (
        [(r.start, r.end) for r in mentions]
        + [(s.start, s.end) for s in seasons]
        + [(r.start, r.end) for r in foreign]
        # "another of its sagas": its "its" is the network's, inside another work's name.
        + [m.span() for m in gate(ANOTHER_OF).finditer(norm)]
    )
    anaphors = find_anaphors(norm, taken)
    anaphors = _drop_owners(
        norm,
        _drop_titled(norm, anaphors, [r.start for r in mentions + foreign]),
        [r.start for r in foreign],
    )
    # A loose target ("renewed the comedy-drama for a third season") binds to the
    # nearest anaphor before it.
    season_refs: list[Ref] = []
    anaphor_seasons: set[int] = set()
    for expr in loose:
        if expr.kind == "plain":
            owner = _drop_bare_possessive(anaphors, _plain_season_owner(anaphors, expr, norm), norm)
            if owner is not None:
                # "the show's sophomore run" names the season of the show meant.
                anaphors[owner] = replace(anaphors[owner], season=expr.number, source="explicit")
                anaphor_seasons.add(expr.number)
                continue
        if expr.kind in {"of", "plural_of"}:
            # "the third season of the sci-fi drama" is that drama's third season.
            owned = [i for i, a in enumerate(anaphors) if a.start >= expr.end
                     and re.fullmatch(r"[\s\"']*", norm[expr.end : a.start])]  # fmt: skip
            if owned:
                anaphors[owned[0]] = replace(
                    anaphors[owned[0]], season=expr.number, source="explicit"
                )
                anaphor_seasons.add(expr.number)
                continue
        if expr.kind in {"target", "after"}:
            before = [i for i, a in enumerate(anaphors) if a.end <= expr.start]
            if before:
                idx = before[-1]
                anaphors[idx] = replace(anaphors[idx], season=expr.number, source=expr.kind)
                continue
        if _of_another_work(norm, expr, mentions, headline=headline):
            # "in Season 2 of The Lantern Files": a season of a title outside the catalog.
            foreign.append(Ref(expr.start, expr.end, "foreign"))
            continue
        season_refs.append(
            Ref(expr.start, expr.end, "season", season=expr.number,
                source="explicit" if expr.kind not in {"target", "after"} else expr.kind)
        )  # fmt: skip
    shows = {m.show for m in mentions if not m.excluded}
    # "saw its ratings fall in season 2" dates something else: it names no season of the news.
    plain_loose = {
        r.season
        for r in season_refs
        if r.source == "explicit"
        and not adverbial(norm, r)
        and not _asked_season(norm, r.start, r.end)
    } | anaphor_seasons
    mentions = [
        replace(m, latest=True)
        if _LATEST_OF.search(norm[max(0, m.start - 30) : m.start])
        or (m.season is None and _LATEST_OWN.match(norm, m.end))
        else m
        for m in mentions
    ]
    if not shows and len(plain_loose) == 1 and not anaphor_seasons:
        # "the production has finished shooting its third season": the season of the show meant.
        number = next(iter(plain_loose))
        anaphors = [
            replace(a, season=number, source="sentence") if a.season is None and not a.latest else a
            for a in anaphors
        ]
    if len(shows) == 1 and len(plain_loose) == 1:
        # "'Ninefold: Exodus' drops ..., ending a wait for its second season".
        number = plain_loose.pop()
        mentions = [
            replace(m, season=number, source="sentence")
            if m.season is None and not m.excluded and not m.latest
            else m
            for m in mentions
        ]
    foreign += _introduced_works(norm, mentions + anaphors + foreign)
    mentions = [_set_aside_if_vacating(norm, m) for m in mentions]
    anaphors = [_set_aside_if_vacating(norm, a) for a in anaphors]
    refs = mentions + season_refs + anaphors + foreign
    refs.sort(key=lambda r: r.start)
    return refs


def _of_another_work(
    norm: str, expr: SeasonExpr, mentions: list[Ref], *, headline: bool = False
) -> bool:
    """Whether a season belongs to another work, not to a watched title.

    "in Season 2 of The Lantern Files", "the second-season cast of a hospital drama".
    """
    after = expr.end
    if expr.kind == "plain" and any(
        m.end() == expr.start
        and not _SERVICE_WORD.fullmatch(m["name"])
        and (norm[expr.start].islower() if headline else bool(norm[: m.start()].strip(" \"'")))
        for m in _NAME_BEFORE_SEASON.finditer(norm, max(0, expr.start - 40))
    ):
        # "Lanternfall season 3 starts shooting": a name outside the catalog owns the season
        # (opening a sentence, a capitalised word is as often "Because" or "Three", and a
        # title-cased headline capitalises every word: "Finishes Filming Season 7").
        return not any(m.end >= expr.start - 2 and m.start < expr.start for m in mentions)
    if expr.kind == "plain":
        noun_of = _NOUN_OF.match(norm, expr.end)
        if noun_of is None or any(
            m.start >= noun_of.end() and _OF_GAP.fullmatch(norm, noun_of.end(), m.start)
            for m in mentions
        ):
            return False  # "the second-season finale of Northwind": the watched title's
        after = noun_of.end()
    elif expr.kind not in {"of", "plural_of"}:
        return False
    return bool(_OF_OTHER_TITLE.match(norm, after) or _OF_SOME_WORK.match(norm, after))


def _set_aside_if_vacating(norm: str, ref: Ref) -> Ref:
    """Set aside a title named as the one leaving a date ("the slot X is leaving").

    Such a title is the date's former holder: the date is news about whatever
    moves into it, not about the title.
    """
    if _SLOT_BEFORE.search(norm[max(0, ref.start - 30) : ref.start]) and _VACATES_AFTER.match(
        norm, ref.end
    ):
        return replace(ref, excluded=True)
    return ref


def _introduced_works(norm: str, refs: list[Ref]) -> list[Ref]:
    """Other works brought in by "a"/"another", except appositives of a watched title.

    "X, a drama from Halberd, premieres ..." describes X; "... in Salt Road,
    a thriller that premieres Friday" introduces another work.
    """
    found: list[Ref] = []
    for work in indefinite_works(norm):
        if any(r.start < work.end and work.start < r.end for r in refs):
            continue
        before = [r for r in refs if r.end <= work.start]
        if before:
            last = max(before, key=lambda r: r.end)
            gap = norm[last.end : work.start]
            if last.kind != "foreign" and (APPOSED.fullmatch(gap) or _ASIDE_OPENED.fullmatch(gap)):
                continue
        found.append(work)
    return found


def temporal(norm: str, ref: Ref) -> bool:
    """Whether a reference sits in a temporal clause ("not long after the first season ended").

    Such a season dates the news; it is not the season the news is about.
    """
    return split_clauses(norm).at(ref.start).kind == "background"
