"""References to productions in one sentence: catalog titles, seasons, anaphora, other titles.

A reference is a span that may name a production: a catalog title or alias
(``show``), a season without a title ("the second season", ``season``), a
noun phrase or pronoun pointing back ("the show", "its", ``anaphor``), or a
title that is not in the catalog (``foreign``), which blocks attributing
nearby statements to a watched show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from detector.catalog import TOKEN_RE, Catalog
from detector.seasons import SeasonExpr, find_seasons

RefKind = Literal["show", "season", "anaphor", "foreign"]
SeasonSource = Literal["explicit", "target", "after", "sentence"]


@dataclass(frozen=True, slots=True)
class Ref:
    """A span of a sentence that refers to a production (resolved or not)."""

    start: int
    end: int
    kind: RefKind
    show: str | None = None
    season: int | None = None
    source: SeasonSource | None = None
    excluded: bool = False
    """Named only to be set aside: "aside from X", "unlike X"."""
    filmish: bool = False
    """An anaphor such as "the film" or "the sequel"."""
    pronoun: bool = False
    """An anaphor that is a bare pronoun ("its")."""


_ANAPHOR_RE = re.compile(
    r"\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>show|series|season|film|movie|sequel|production|drama|comedy|dramedy|comedy-drama"
    r"|thriller|western|anthology|procedural|sitcom|opera|episodes|picture|run)\b"
    r"|\b(?P<pron>its|it)\b",
    re.IGNORECASE,
)
_FILM_NOUNS = frozenset({"film", "movie", "sequel", "picture"})
_EXCLUDE_BEFORE = re.compile(
    r"(?:aside from|apart from|besides|other than|unlike|except|instead of)\s*[\"']?\s*$", re.I
)
QUOTED_RE = re.compile(r"\"([^\"]{2,60})\"")
SINGLE_QUOTED_RE = re.compile(r"(?<![\w])'([^']{2,60})'(?![\w])")
NAMING_BEFORE = re.compile(
    r"(?:called|titled|subtitled|named|known as|styled|shortened to|hashtag|tag|as)\s*[\"']?\s*$",
    re.I,
)
_DERIVED_AFTER = re.compile(
    r"^[\"']?\s*(?:spin-?offs?|prequels?|companion series|spin-?off series)\b", re.IGNORECASE
)
_DERIVED_BEFORE = re.compile(
    r"\b(?:spin-?off|prequel|companion series)\s+(?:of|to|from)\s+(?:the\s+)?[\"']?\s*$",
    re.IGNORECASE,
)
_PERSONS_WORK = re.compile(
    r"\b(?:his|her)\s+(?:(?:new|latest|next|upcoming|first|own|forthcoming|debut|feature)\s+)*"
    r"(?:[\w-]+\s+)?(?:film|movie|series|show|project|drama|comedy|documentary|thriller|album|novel|play)\b",
    re.IGNORECASE,
)
_WORKED_ON = re.compile(
    r"\b(?i:work(?:s|ed|ing)? on|star(?:s|red|ring)? in|co-?starr?(?:ed|ing)? in"
    r"|(?:on )?the set of)\s+"
    r"(?P<title>[A-Z][\w'&-]*(?:\s+(?:of|the|and|&|in|on|a)?\s*[A-Z][\w'&-]*){0,5})"
)
_CALENDAR_WORD = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april"
    r"|may|june|july|august|september|october|november|december|today|tonight)$",
    re.IGNORECASE,
)
_ADVERBIAL_BEFORE = re.compile(
    r"\b(?:in|during|since|through|throughout|until|after|before|following)\s+(?:the\s+|its\s+)?$",
    re.I,
)
_HEADER_RE = re.compile(r"^([A-Z0-9&'\-:]+(?:\s+[A-Z0-9&'\-:]+)*)\s*(?:\([^)]*\))?\s*\.?\s*$")


def find_mentions(norm: str, catalog: Catalog) -> list[Ref]:
    """Catalog titles and aliases in a normalised sentence, longest match first."""
    lowered = norm.lower()
    if len(lowered) != len(norm):  # a few characters lowercase to two; keep offsets exact
        lowered = "".join(c.lower()[:1] for c in norm)
    matches = list(TOKEN_RE.finditer(lowered))
    spans = [m.span() for m in matches]
    words = [m.group() for m in matches]
    found: list[Ref] = []
    i = 0
    while i < len(words):
        name = catalog.match_at(words, i)
        if name is None:
            i += 1
            continue
        n = len(name.tokens)
        start, end = spans[i][0], spans[i + n - 1][1]
        surface = norm[start:end]
        # An all-lowercase "iron fist" is an idiom, not a title.
        if surface.islower() and "#" not in surface and not any(c.isdigit() for c in surface):
            i += 1
            continue
        excluded = bool(_EXCLUDE_BEFORE.search(norm[max(0, start - 20) : start]))
        found.append(Ref(start, end, "show", show=name.canonical, excluded=excluded))
        i += n
    return found


def is_title_case(text: str) -> bool:
    """Whether a quoted span reads like a title: a few words, each capitalised or short."""
    words = text.strip(" ,.!?").split()
    if not words or len(words) > 7 or not words[0][:1].isupper():
        return False
    if re.search(r"[.!?]\s", text):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or len(w) <= 3 for w in words)


def find_foreign(
    norm: str, mentions: list[Ref], *, headline: bool, paragraph_start: bool
) -> list[Ref]:
    """Quoted titles that are not catalog shows, and all-caps section headers."""
    found: list[Ref] = []
    patterns = [QUOTED_RE, SINGLE_QUOTED_RE] if headline else [QUOTED_RE]
    for regex in patterns:
        for match in regex.finditer(norm):
            start, end = match.span()
            if any(m.start < end and start < m.end for m in mentions):
                continue
            if not is_title_case(match.group(1)):
                continue
            if NAMING_BEFORE.search(norm[max(0, start - 20) : start]):
                continue
            found.append(Ref(start, end, "foreign"))
    found.extend(_other_works(norm, mentions))
    if paragraph_start and not mentions and not headline:
        header = _HEADER_RE.match(norm.strip())
        if header and any(c.isalpha() for c in header.group(1)) and len(header.group(1)) > 3:
            found.append(Ref(0, len(norm), "foreign"))
    return found


def _other_works(norm: str, mentions: list[Ref]) -> list[Ref]:
    """Works that are not the watched shows: "her new film", "working on Salt Road"."""
    found = [Ref(m.start(), m.end(), "foreign") for m in _PERSONS_WORK.finditer(norm)]
    for match in _WORKED_ON.finditer(norm):
        start, end = match.span("title")
        if _CALENDAR_WORD.match(match.group("title")):
            continue
        if not any(m.start < end and start < m.end for m in mentions):
            found.append(Ref(start, end, "foreign"))
    return found


def set_aside_derived(norm: str, mentions: list[Ref]) -> list[Ref]:
    """A spinoff or prequel of a show is another work: its title becomes a foreign reference."""
    refs: list[Ref] = []
    for ref in mentions:
        after = _DERIVED_AFTER.match(norm[ref.end :].lstrip())
        if after or _DERIVED_BEFORE.search(norm[max(0, ref.start - 40) : ref.start]):
            refs.append(Ref(ref.start, ref.end, "foreign"))
        else:
            refs.append(ref)
    return refs


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
        noun = (match.group("noun") or "").lower()
        if noun and re.match(r"(?:its|their)\b", match.group(0), re.I):
            # "its longest-running drama" is the network's, not the show's.
            taken.append((start, end))
            continue
        if match.group("pron") and match.group("pron").lower() == "it":
            # Only "it" as a subject or object of a verb; "it is" in speech is noise.
            continue
        found.append(Ref(start, end, "anaphor", filmish=noun in _FILM_NOUNS, pronoun=not noun))
    return found


def attach_seasons(  # noqa: PLR0912
    norm: str, mentions: list[Ref], seasons: list[SeasonExpr]
) -> tuple[list[Ref], list[SeasonExpr]]:
    """Bind season expressions to the titles they qualify; return the unbound ones too."""
    refs = list(mentions)
    loose: list[SeasonExpr] = []
    for expr in seasons:
        bound = False
        if expr.kind == "plain":
            for idx in range(len(refs) - 1, -1, -1):
                ref = refs[idx]
                if ref.end <= expr.start and re.fullmatch(
                    r"(?:'s)?[\"'\s,]*", norm[ref.end : expr.start]
                ):
                    refs[idx] = replace(ref, season=expr.number, source="explicit")
                    bound = True
                    break
        elif expr.kind in {"of", "plural_of"}:
            following = [i for i, r in enumerate(refs) if r.start >= expr.end]
            if following:
                first = following[0]
                gap = norm[expr.end : refs[first].start]
                if re.fullmatch(r"[\s\"']*(?:[\w-]+(?:'s)?\s+){0,3}?[\"']?", gap):
                    targets = [first]
                    if expr.kind == "plural_of":
                        for nxt in following[1:]:
                            between = norm[refs[targets[-1]].end : refs[nxt].start]
                            if re.fullmatch(r"[\s\"',]*(?:and|&|or)?[\s\"',]*", between):
                                targets.append(nxt)
                            else:
                                break
                    for t in targets:
                        if refs[t].season is None:
                            refs[t] = replace(refs[t], season=expr.number, source="explicit")
                    bound = True
        elif expr.kind in {"target", "after"}:
            before = [i for i, r in enumerate(refs) if r.end <= expr.start]
            if before:
                idx = before[-1]
                if refs[idx].season is None or refs[idx].source != "explicit":
                    refs[idx] = replace(refs[idx], season=expr.number, source=expr.kind)
                    bound = True
        if not bound:
            loose.append(expr)
    return refs, loose


def sentence_refs(
    norm: str, mentions: list[Ref], *, headline: bool = False, paragraph_start: bool = False
) -> list[Ref]:
    """All references in a sentence, ordered by position, seasons bound where possible.

    ``mentions`` are the sentence's catalog titles (``find_mentions``).
    """
    seasons = find_seasons(norm)
    foreign = find_foreign(norm, mentions, headline=headline, paragraph_start=paragraph_start)
    # Foreign titles take part so that "X will not return for a fourth season" binds to X.
    derived = set_aside_derived(norm, mentions)
    mentions = [r for r in derived if r.kind == "show"]
    foreign += [r for r in derived if r.kind == "foreign"]
    bound, loose = attach_seasons(norm, sorted(mentions + foreign, key=lambda r: r.start), seasons)
    mentions = [r for r in bound if r.kind == "show"]
    foreign = [r for r in bound if r.kind == "foreign"]
    taken = [(r.start, r.end) for r in mentions] + [(s.start, s.end) for s in seasons]
    anaphors = find_anaphors(norm, taken)
    # A loose target ("renewed the comedy-drama for a third season") binds to the
    # nearest anaphor before it.
    season_refs: list[Ref] = []
    anaphor_seasons: set[int] = set()
    for expr in loose:
        if expr.kind == "plain":
            owner = [i for i, a in enumerate(anaphors) if a.end <= expr.start
                     and re.fullmatch(r"(?:'s)?[\"'\s,]*", norm[a.end : expr.start])]  # fmt: skip
            if owner:
                # "the show's sophomore run" names the season of the show meant.
                anaphors[owner[-1]] = replace(
                    anaphors[owner[-1]], season=expr.number, source="explicit"
                )
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
        and not _ADVERBIAL_BEFORE.search(norm[max(0, r.start - 12) : r.start])
    } | anaphor_seasons
    if len(shows) == 1 and len(plain_loose) == 1:
        # "'Ninefold: Exodus' drops ..., ending a wait for its second season".
        number = plain_loose.pop()
        mentions = [
            replace(m, season=number, source="sentence")
            if m.season is None and not m.excluded
            else m
            for m in mentions
        ]
    refs = mentions + season_refs + anaphors + foreign
    refs.sort(key=lambda r: r.start)
    return refs
