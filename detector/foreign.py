# ruff: noqa: E501  (regular expressions read best unbroken)
"""Titles that are not the watched shows: quoted names outside the catalog, other works.

A foreign reference blocks attributing nearby statements to a watched show:
"the comedy "Lantern Street" has been cancelled" is not news about the show
named a sentence earlier. Other works are quoted titles outside the catalog,
a person's own project ("her new film"), a title someone "worked on" or
"starred in", a spinoff or prequel of a watched show, and all-caps section
headers that open a paragraph.
"""

from __future__ import annotations

import re

from newsmon.detector.literals import gate
from newsmon.detector.refs import Ref

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
_CREDIT_BEFORE = re.compile(
    r"\b(?:from|by)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:directors?|creators?|makers?|writers?"
    r"|producers?|showrunners?|team|filmmakers?|studio|minds)\s+(?:of|behind)\s+(?:the\s+)?[\"']?\s*$",
    re.IGNORECASE,
)
"""'Greyhaven, from the director of X, is dated for May 9': X names a maker's earlier work."""
_PERSONS_WORK = re.compile(
    r"\b(?:his|her)\s+(?:(?:new|latest|next|upcoming|first|own|forthcoming|debut|feature)\s+)*"
    r"(?:[\w-]+\s+)?(?:film|movie|series|show|project|drama|comedy|documentary|thriller|album|novel|play)\b",
    re.IGNORECASE,
)
_WORKED_ON = re.compile(
    r"\b(?i:work(?:s|ed|ing)? on|star(?:s|red|ring)? in|co-?starr?(?:ed|ing)? in"
    r"|(?:on )?the set of)\s+"
    # "work on Season 2", "work on Part Two": a part of the show meant, not another title.
    r"(?!(?:Season|Series|Part|Volume|Vol\.|Chapter|Episode|Book|Act)\s+(?:\d|[A-Z]))"
    r"(?P<title>[A-Z][\w'&-]*(?:\s+(?:of|the|and|&|in|on|a)?\s*[A-Z][\w'&-]*){0,5})"
)
_OTHER_SHOWS_SEASON = re.compile(
    r"(?P<title>(?-i:[A-Z][\w'&-]*)(?:\s+(?-i:[A-Z][\w'&-]*)){0,3})'s\s+"
    r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new|next|latest|final|last)\s+)"
    r"(?:season|series|run|chapter)\b",
    re.IGNORECASE,
)
"""'Andor's second season': a season of a named show that is not watched is another work."""
_TITLE_WORDS = (
    r"(?!(?:In|On|At|As|After|Before|Meanwhile|And|But|While|When|With|Its|This|That|Then|So|Now"
    r"|Season|Series|Part|Chapter|Volume|Episode|Netflix|Hulu|Max|HBO|Prime|Apple|Disney|Paramount"
    r"|Peacock|Starz|AMC|FX|Showtime)\b)"
    r"(?:The\s+)?(?!The\b)[A-Z][\w&!-]*(?:\s+(?:(?:of|the|and|&|in|on|a|an|to|at)\s+){0,2}[A-Z0-9][\w&!-]*){0,4}"
)
_TITLE_SEASON = re.compile(
    rf"(?-i:(?P<title>{_TITLE_WORDS}))\s+(?i:season|series)\s+(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten)\b",
)
"""'The Tides season 4 premieres June 13': a numbered season of a title outside the catalog."""
_STATUS_VERB = r"(?:renewed|picked up|cancell?ed|axed|ordered)"
"""A status given to a title as the verb's object."""
_TITLE_RENEWED = re.compile(
    rf"\b{_STATUS_VERB}\s+"
    rf"(?-i:(?P<title>{_TITLE_WORDS}))\s+for\s+(?:a|an|its)\s+(?:[\w-]+\s+)?(?:season|series)\b",
    re.IGNORECASE,
)
"""'Meridian also renewed Moon Harbor for a third season': the renewal of another title."""
_STATUS_OBJECT = re.compile(
    rf"\b(?:{_STATUS_VERB}|scrapped|dropped|greenlit|green-lit)\s+"
    rf"(?-i:(?P<title>{_TITLE_WORDS}))(?=\s*,\s*(?:whose|which)\b)",
    re.IGNORECASE,
)
"""'Meridian has also cancelled Moon Harbor, whose final episodes air next month': the
relative clause tells of that title."""
_YEARS_WORK = re.compile(
    r"\b(?:19|20)\d\d's\s+(?P<title>(?-i:[A-Z][\w'&:-]*)(?:\s+(?:(?:of|the|and|&|in|on|a|an|to)\s+)?(?-i:[A-Z0-9][\w'&:-]*)){0,6})"
)
"""'2010's Alice in Wonderland': a work dated by its year is an earlier, other work."""
_SUBJECT = (
    # An opening adverbial ("Elsewhere in the shuffle,") may come first.
    r"(?:^|(?<=[:;]\s)|(?<=,\sand\s)|(?<=,\swhile\s))"
    r"(?:(?:And|But|Meanwhile|Elsewhere|Also|Separately|Likewise|In other|In fact|Indeed)\b[^,;]{0,30},?\s+)?"
    r"(?!(?:It|Its|This|That|These|Those|They|Their|He|She|His|Her|We|Which|There|Now|Then|Also"
    r"|First|Last|Originally|Initially|Once|Later|Earlier|Still|Yet|After|Before|Since|When|While"
    r"|Season|Series|Part|Chapter|Volume|Episode|Book|The (?:film|movie|sequel|studio))\b)"
    # "Killers of the Flower Moon": two small words may join a title's capitalised ones.
    r"(?P<title>(?-i:[A-Z][\w'&!.-]*)(?:\s+(?:(?:of|the|and|&|in|on|a|an|to|at)\s+){0,2}(?-i:[A-Z0-9][\w'&!:.-]*)){0,5})"
    # An appositive between subject and verb: "Black Adam, which had been set for July 29, ...".
    r"(?:,\s+[^,;]{1,60},)?\s+"
    r"(?:(?:will|now|also|has|have|had|is|was|been|then|instead|in turn|officially)\s+)*"
)
_SLATE_SUBJECT = re.compile(
    _SUBJECT
    + r"(?:(?:moves?|moved|shifts?|shifted|goes|jumps?|jumped|slides?|slid)\s+(?:up\s+|back\s+|forward\s+)?(?:to|from|into|out|a|an|one|two|three|four|five|six|\d)\b"
    r"|(?:pushed|moved|delayed|bumped|shifted|brought forward|moved up|pushed back)\b"
    r"|(?:dated|slated|scheduled|set) for\b|arrives?\b|opens?\s+(?:on|in)\b"
    r"|(?:hits?|reach(?:es)?) (?:theaters|theatres|cinemas)\b)",
)
"""'Dust Devils now arrives on October 11': in a slate story a date move's subject is a film."""
_RELEASE_SUBJECT = re.compile(
    _SUBJECT
    + r"(?:(?:premieres?|premiered|debuts?|debuted|returns?|returned|bows?|bowed|lands?|landed"
    r"|launch(?:es|ed)?|streams?|streamed|airs?|aired|concludes?|concluded|ends?|ended"
    r"|opens?|opened|arrives?|arrived)"
    # "The Glory launched its first part in December 2022": the object names a part of it.
    r"\s+(?:(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:part|season|episodes?|volume|chapter|run)\s+)?"
    r"(?=(?:on|in|from|this|next|later|early|late|mid|(?-i:[A-Z][a-z]+ \d)|\d)\b)"
    r"|takes?\s+(?:its|their)\s+(?:final\s+|last\s+)?bow\b"
    # "Barbarian opened at No. 1", "The Monkey opened with $14 million": another film's run.
    r"|(?:opened|opens|debuted|bowed)\s+(?:at\s+No\.\s?\d|(?:with|to)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:\$|£|€)\s?\d)"
    r"|(?:made|took|earned|grossed)\s+(?:only\s+|just\s+|about\s+|nearly\s+|an\s+estimated\s+)?(?:\$|£|€)\s?\d"
    r"|(?:has|have|gets?|got|gained)\s+(?:its|their|a)\s+(?:[\w-]+\s+){0,2}?(?:date|release date|premiere date|opening date|slot)\b)",
)
"""'Harbor Point takes its final bow on April 4, and X returns in 2025': an intransitive
release verb after a capitalised title outside the catalog: that title's date, not X's."""
_PASSIVE = r"(?:(?<=been )|(?<=was )|(?<=were )|(?<=is )|(?<=are ))"
_STAGE_SUBJECT = re.compile(
    _SUBJECT
    + rf"(?:{_PASSIVE}(?:renewed|cancell?ed|axed|scrapped|picked up|greenlit|green-lit|ordered|shelved"
    r"|halted|suspended|shut down|paused)\b"
    r"|(?:wrap(?:s|ped)|began|begins|started|starts|finished|finishes|completed|kicked off)\s+"
    r"(?:filming|shooting|production|principal photography)\b"
    # "began production on Copper Sky": the subject is a studio and the work follows.
    r"(?!\s+(?:on|of|for)\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February"
    r"|March|April|May|June|July|August|September|October|November|December)\b)"
    # "finished production on its 15th and last season": its own season, so a show's verb.
    r"(?:the\s|its\s(?!(?:[\w-]+\s+){0,3}?(?:season|series|run)\b)|[\"']|(?-i:[A-Z]))))",
)
"""'Lantern Street has been cancelled after one season': a status told of a capitalised title
outside the catalog belongs to that title, not to the show the article is about."""
_GENRE_TITLE = re.compile(
    r"\b(?:comedy|drama|dramedy|series|show|sitcom|thriller|film|movie|documentary|docuseries"
    r"|miniseries|anthology|procedural|western|sequel|prequel|spinoff|spin-off|feature|epic"
    # "after the interactive episode Foxglove arrived": an episode or special told by its title.
    r"|episode|special)\s+"
    r"(?P<title>(?-i:[A-Z][\w'&!-]*)(?:\s+(?:(?:of|the|and|&|in|on|a|an|to|at)\s+){0,2}(?-i:[A-Z][\w'&!:-]*)){0,5})",
)
"""'the streamer's new comedy Lantern Street': a title its genre introduces."""
_COUNTED_WORK = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|next|last|latest|only|[a-z]+est)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_MAKER_VERB = re.compile(
    r"\s+(?:has|had|have|will|would|ever|once|also)?\s*(?:directed|made|written|wrote|produced|shot"
    r"|starred in|helmed|filmed|been in)\b",
    re.IGNORECASE,
)
"""'the second film Ruiz has directed': the name after a counted work is its maker, a person."""
_NAMED_WORK = re.compile(
    # "Chris Miller's untitled animated musical", "an untitled release": a work without a
    # title is never a catalog title.
    r"\b(?:an?|the|its|their|his|her|(?-i:[A-Z][\w.-]*)'s)\s+untitled\b(?:\s+[\w-]+){0,4}?\s+(?:film|movie|feature|project|release|sequel|event film|musical|picture|title)\b",
)
"""Works named only by what they are."""
_OBJECT_TITLE = r"(?P<title>(?-i:[A-Z][\w'&!.-]*)(?:\s+(?:(?:of|the|and|&|in|on|a|an|to)\s+){0,2}(?-i:[A-Z0-9][\w'&!:.-]*)){0,5})"
"""A capitalised title as a verb's object."""
_DATED_OBJECT = re.compile(
    r"\b(?:dated|moved|pushed|shifted|slotted|scheduled|set|bumped|slated)\s+"
    + _OBJECT_TITLE
    + r"(?=\s*(?:,|\s(?:for|to|into|up|back|from|on)\b))",
)
"""'The studio dated Primate, which ..., for January 9': the date is that title's."""
_BROUGHT_FORWARD_OBJECT = re.compile(
    r"\b(?:brought|brings|bringing|pulled)\s+" + _OBJECT_TITLE + r"(?=\s+(?:forward|ahead)\b)"
)
"""'Marvel had brought Ant-Man forward to July 2015': the date is that title's."""
_RELEASED_OBJECT = re.compile(
    r"\breleas(?:e|es|ed|ing)\s+"
    r"(?!(?:Season|Series|Part|Volume|Vol\.|Chapter|Episode|Book|Act|All|It|Them|This|That|These|Those|Its|Their)\b)"
    + _OBJECT_TITLE
    + r"(?=\s*(?:,|\s(?:on|in|this|next)\b))",
)
"""'In its old slot the studio will release Vicious Circle, a horror film, on February 28':
the release is that title's."""
_INTRODUCED_WORK = re.compile(
    r"\b(?:a|an|another)\s+(?:[\w'-]+\s+){0,3}?(?:film|movie|feature|picture|sequel|series|show|musical"
    r"|drama|comedy|thriller|blockbuster|release|remake|reboot|spin-?off)\s+(?:that|which)\b",
    re.IGNORECASE,
)
"""'a big musical sequel that opens on November 21': a work the relative clause dates."""
_CALENDAR_WORD = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april"
    r"|may|june|july|august|september|october|november|december|today|tonight)$",
    re.IGNORECASE,
)
PART_NAME = re.compile(
    r"(?:Part|Volume|Vol\.|Chapter|Act|Season|Book)\s+(?:\d+|One|Two|Three|Four|I|II|III|IV)"
)
"""A part of a show named like a title: "Volume One", "Part 2", "Season 3"."""
_HEADER_RE = re.compile(r"^([A-Z0-9&'\-:]+(?:\s+[A-Z0-9&'\-:]+)*)\s*(?:\([^)]*\))?\s*\.?\s*$")


def is_title_case(text: str) -> bool:
    """Whether a quoted span reads like a title: a few words, each capitalised or short.

    A title may open with a number ("28 Years Later").
    """
    words = text.strip(" ,.!?").split()
    if not words or len(words) > 7 or not (words[0][:1].isupper() or words[0][:1].isdigit()):
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
            if not is_title_case(match.group(1)) or PART_NAME.fullmatch(match.group(1).strip()):
                continue  # '"Volume One" lands on July 3': a part of the show, not another work
            if NAMING_BEFORE.search(norm[max(0, start - 20) : start]):
                continue
            found.append(Ref(start, end, "foreign"))
    found.extend(_other_works(norm, mentions))
    if not headline:  # a headline in title case reads as one long title
        found.extend(_other_titles(norm, mentions))
    if paragraph_start and not mentions and not headline:
        header = _HEADER_RE.match(norm.strip())
        if header and any(c.isalpha() for c in header.group(1)) and len(header.group(1)) > 3:
            found.append(Ref(0, len(norm), "foreign"))
        elif _title_heading(norm):
            # "Juror #2" alone on its line: a roundup's next entry, another work.
            found.append(Ref(0, len(norm), "foreign"))
    return found


def _title_heading(norm: str) -> bool:
    """Whether a paragraph is only a title, as roundups head each entry ("Lilo & Stitch")."""
    text = norm.strip()
    if not text or text[-1] in ".!?:;," or len(text.split()) > 8:
        return False
    return is_title_case(text) and not re.search(r"\b(?:season|series|part)\b", text, re.I)


def _other_works(norm: str, mentions: list[Ref]) -> list[Ref]:
    """Works that are not the watched shows: "her new film", "working on Salt Road"."""
    # Gated (``detector.literals``): each pattern runs only on sentences holding its words.
    spans = [
        m.span()
        for regex in _WORKS
        for m in gate(regex).finditer(norm)
        if not (regex is _INTRODUCED_WORK and _describes_a_title(norm, m.start(), mentions))
    ]
    for regex in _TITLED_WORKS:
        for match in gate(regex).finditer(norm):
            words = match.group("title").split()
            if _CALENDAR_WORD.match(words[0]):
                continue
            if regex is _STAGE_SUBJECT and len(words) < 2:
                continue  # "Production was halted": one capitalised word opens many sentences
            if (
                regex is _GENRE_TITLE
                and _COUNTED_WORK.search(norm, 0, match.start())
                and _MAKER_VERB.match(norm, match.end("title"))
            ):
                continue  # "the second film Ruiz has directed": Ruiz made it
            spans.append(match.span("title"))
    return [
        Ref(start, end, "foreign")
        for start, end in spans
        if not any(m.start < end and start < m.end for m in mentions)
    ]


APPOSED = re.compile(r"[\"']?\s*,\s*[\"']?\s*")
"""The comma between a title and a phrase in apposition to it ("X, a drama from ...")."""
_PREDICATE_BEFORE = re.compile(
    r"(?:\b(?:is|was|are|were|be|been|being|becomes?|became|remains?)|'s)\s*$", re.IGNORECASE
)
"""'X is a new series that ...': the noun phrase says what X is ("in the path of a sequel
that opens" brings in another work)."""


def _describes_a_title(norm: str, start: int, mentions: list[Ref]) -> bool:
    """Whether "a drama that ..." describes a watched title rather than bringing in a work.

    "X is a new series that premieres in 2023" and "X, a drama that opens Friday" tell of X;
    "... in Salt Road, a thriller that opens Friday" (a title outside the catalog) does not.
    """
    if _PREDICATE_BEFORE.search(norm, max(0, start - 20), start):
        return True
    before = [m for m in mentions if m.end <= start]
    last = max(before, key=lambda m: m.end, default=None)
    return last is not None and bool(APPOSED.fullmatch(norm, last.end, start))


_ADAPTATION_OF = re.compile(
    r"\b(?:its|their|his|her|an?|the)\s+(?:[\w-]+\s+)?(?:adaptation|take|version)\s+of\s+"
    r"(?=[\"'“‘]|(?-i:[A-Z]))"
    # "the adaptation of Calder's best-selling books": an author's books name no work.
    r"(?!(?-i:[A-Z])[\w.'-]*(?:\s+(?-i:[A-Z])[\w.'-]*){0,3}'s\s+(?:[\w-]+\s+){0,2}?"
    r"(?:books?|novels?|novellas?|comics?|graphic novels?|stories|memoirs?|manga|(?:video\s+)?games?)\b)"
    r"[^,;.]{1,60}",
    re.IGNORECASE,
)
"""'Prime Video has scheduled its adaptation of "Dust Road" for April 12': that work's date
(when the catalog title is the adaptation, it overlaps and is kept). What is adapted is
named: "season 2 of the adaptation of the comic" is the show in view."""
_OTHER_WORK_PHRASE = re.compile(
    r"(?:\b(?:the|its|their|his|her|[\w.-]+'s)\s+other|\banother)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:series|show|film|movie|drama|comedy|thriller|project|title|sitcom|blockbuster)\b",
    re.IGNORECASE,
)
"""'The streamer's other fantasy series': a work beside the one the article is about."""
_NEXT_OF_A_FRANCHISE = re.compile(
    r"\b(?:the|a)\s+next\s+(?-i:[A-Z])[\w'.&-]*(?:\s+(?-i:[A-Z])[\w'.&-]*){0,2}\s+"
    r"(?:movie|film|instalment|installment|chapter|sequel|adventure)\b",
    re.IGNORECASE,
)
"""'the next Mario movie': the one after the film the story is about, another work."""
_WORKS = (
    _PERSONS_WORK,
    _NAMED_WORK,
    _INTRODUCED_WORK,
    _ADAPTATION_OF,
    _OTHER_WORK_PHRASE,
    _NEXT_OF_A_FRANCHISE,
)
"""Other works told by a phrase as a whole."""
_TITLED_WORKS = (
    _OTHER_SHOWS_SEASON,
    _STATUS_OBJECT,
    _YEARS_WORK,
    _SLATE_SUBJECT,
    _RELEASE_SUBJECT,
    _STAGE_SUBJECT,
    _GENRE_TITLE,
    _DATED_OBJECT,
    _BROUGHT_FORWARD_OBJECT,
    _RELEASED_OBJECT,
    _WORKED_ON,
)
"""Other works told by their title, in the group ``title``."""


def _other_titles(norm: str, mentions: list[Ref]) -> list[Ref]:
    """Capitalised titles outside the catalog told by a season: "The Tides season 4"."""
    found: list[Ref] = []
    lowered = norm.lower()
    if "season" not in lowered and "series" not in lowered:
        return found  # both patterns end on a season (a cheap pre-check)
    for regex in (_TITLE_SEASON, _TITLE_RENEWED):
        for match in gate(regex).finditer(norm):  # only with a number, or a renewal verb
            start, end = match.span("title")
            title = match.group("title")
            # One word ("Andor", "Ozark") may be a short name of a watched show.
            if _CALENDAR_WORD.match(title) or len(title.split()) < 2:
                continue
            if not any(m.start < end and start < m.end for m in mentions):
                found.append(Ref(start, end, "foreign"))
    return found


_ADJECTIVE_OF = (
    r"(?:first|second|third|fourth|fifth|new|debut|freshman|sophomore|season|series|show|film"
    r"|movie|drama|comedy|thriller|sitcom|franchise|anthology|musical|single|song|record|album)\b"
)
"""'A hit first season', 'a blockbuster franchise': the word describes what follows it."""
_SUCCESS_NOUNS = frozenset({"hit", "blockbuster", "tentpole"})
"""Words of success: only "another" makes them another work."""
_INDEFINITE_WORK = re.compile(
    r"\b(?:a|an|another)\s+(?P<mods>(?:[\w'-]+\s+){0,3}?)"
    r"(?P<noun>film|movie|feature|picture|sequel|series|show|drama|comedy|thriller|documentary"
    rf"|spin-?off|miniseries|project|(?:hit|blockbuster|tentpole)(?!\s+{_ADJECTIVE_OF})"
    r")\b(?!\s+(?:order|renewal|premiere|debut|finale)\b)",
    re.IGNORECASE,
)
_THAT_WORK = re.compile(
    # Only where it stands for a work ("Released in 2009, that installment", "on that series"),
    # not after a verb ("the team that produced that film").
    r"(?:^|(?<=[,;:] )|(?<=\bon )|(?<=\bin )|(?<=\bof )|(?<=\bfrom )|(?<=\bfor )|(?<=\band )|(?<=\bbut ))"
    r"that\s+(?:installment|instalment|entry|chapter|outing|series|show"
    r"|film|movie)\b",
    re.IGNORECASE,
)
ANOTHER_OF = re.compile(
    r"\b(?:another|one|two)\s+of\s+(?:its|their|the|his|her|[\w-]+'s)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:shows|series|sagas|dramas|comedies|hits|originals|films|movies|titles|franchises)\b",
    re.IGNORECASE,
)
"""'another of its science-fiction sagas': one of a kind beside the watched show."""
_A_SEASON = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)"
    r"|new|next|final|last|further)\b",
    re.IGNORECASE,
)
"""'a fourth series', 'a new run': a season of a show, not another work."""
_DESCRIBES_BEFORE = re.compile(
    r"(?:\b(?:is|was|are|were|be|been|being|as|becomes?|became|remains?|stays?|like|of|such|into)|'s)\s*$",
    re.IGNORECASE,
)


def indefinite_works(norm: str) -> list[Ref]:
    """Works a sentence introduces with "a" or "another": "a psychological thriller that ...".

    An indefinite noun phrase brings in something not yet spoken of, so it is
    not the watched show the article has been talking about. A predicate ("X
    is a drama"), a description ("as a limited series", "one of a handful of
    shows") or an appositive ("X, a drama from ...") describes a title instead;
    ``sentence_refs`` keeps the appositives that follow a watched title.
    """
    # "Released in 2009, that installment opened to $27 million": "that" points at a work
    # just set beside the watched one, not at the watched one.
    found: list[Ref] = [
        Ref(m.start(), m.end(), "foreign", indefinite=True)
        for pattern in (_THAT_WORK, ANOTHER_OF)
        for m in gate(pattern).finditer(norm)  # only with their nouns: most sentences have none
    ]
    for match in gate(_INDEFINITE_WORK).finditer(norm):  # only with one of its nouns
        before = norm[max(0, match.start() - 20) : match.start()]
        # "a new run" is a season; "a new spin-off" or "a new sequel" never is.
        noun = match.group("noun").lower()
        derived = noun in {"sequel", "spinoff", "spin-off"}
        if not derived and _A_SEASON.search(match.group("mods")):
            continue
        if noun in _SUCCESS_NOUNS and match.group(0)[:7].lower() != "another":
            continue  # "proved a modest hit": praise of the title; "another hit" is another work
        # "one of a handful of shows" describes; "the calendar of another studio film"
        # brings one in.
        if _DESCRIBES_BEFORE.search(before) and not (
            match.group(0)[:7].lower() == "another" and re.search(r"\bof\s*$", before)
        ):
            continue
        found.append(Ref(match.start(), match.end(), "foreign", indefinite=True))
    return found


def set_aside_derived(norm: str, mentions: list[Ref]) -> list[Ref]:
    """A spinoff or prequel of a show is another work: its title becomes a foreign reference.

    So is a show named as a maker's credit ("from the creators of X").
    """
    refs: list[Ref] = []
    for ref in mentions:
        after = _DERIVED_AFTER.match(norm[ref.end :].lstrip())
        before = norm[max(0, ref.start - 60) : ref.start]
        if after or _DERIVED_BEFORE.search(before) or _CREDIT_BEFORE.search(before):
            refs.append(Ref(ref.start, ref.end, "foreign"))
        else:
            refs.append(ref)
    return refs
