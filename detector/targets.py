"""Which productions a rule match is about: the shows of its clause, or the one just named."""

from __future__ import annotations

import re
from dataclasses import replace

from newsmon.detector.context import Context
from newsmon.detector.foreign import PART_NAME
from newsmon.detector.refs import Ref
from newsmon.detector.rule import words
from newsmon.detector.scan import CueSite
from newsmon.detector.stage_rules import SERVICE
from newsmon.detector.timewords import MONTHS, WEEKDAYS, alternation

_GAP_FILLER = re.compile(r"(?:(?:season|series)\s+\w+(?:\s+of)?|\bthe\b)", re.I)
_OBJECT_GAP = re.compile(
    r"\s*(?:on\s+|of\s+)?(?:(?:the|a|an|its|their|his|her|(?:[\w.-]+\s+){0,2}[\w-]+'s)\s+)?(?:[\w-]+\s+){0,3}?[\"']?"
)
"""What may stand between a verb and the title it takes as object: "moved James Mangold's X"."""
_NOT_OBJECT = re.compile(
    r"\b(?:ahead|after|before|following|alongside|with|than|like|opposite|against|from|to|by|as"
    r"|and|or|but|while|when|since|until|into|at|in|for)\b",
    re.I,
)
_PERSON_AFTER = re.compile(
    r"(?:'s)?\s+(?:star|stars|creator|co-creator|showrunner|actor|actress|director|writer|producer"
    r"|executive producer|alum|alumna|alumnus|co-star|cast member|lead)\b",
    re.I,
)
_AGENT_VERB = re.compile(r"(?:releas|launch|drop|set|dated|mov|push|bump|shift|delay|postpone)")
_INTRANSITIVE_AFTER = re.compile(
    r"\s+(?:(?:up|back|forward|ahead|down)\s+)?(?:to|into|from|off|a\s+(?:day|week|month|year))\b",
    re.I,
)
"""'X moves into the June slot': the verb takes no object, so the title before is its subject."""
_TITLE_BEFORE = re.compile(
    r"(?-i:(?P<title>[A-Z][\w'*:&.-]*(?:\s+(?:[A-Z][\w'*:&.-]*|of|the|and|a|in|on|to|for|\d+))*))"
    r"[\"'),]*\s*(?:(?:also|now|meanwhile|finally|then|still|has|had|have|was|were|is|are|will|would"
    r"|might|may|could|should|can)\b[\s,]*)*$"
)
"""A capitalised name that ends right before the verb, maybe followed by an auxiliary."""
_SUBJECT_GAP = re.compile(
    r"\s*(?:(?:has|have|had|was|were|is|are|also|now|just|finally|officially)\s+)*"
)
_SEVERAL_SUBJECTS = re.compile(r"\brespectively\b", re.IGNORECASE)
"""'the superhero series and the Archie drama ended their sixth and fourth seasons
respectively': shows a sentence describes, none of them named, are not the story's topic."""
_FRONTED_PARTICIPLE = re.compile(r"\W*(?:first\s+|originally\s+|initially\s+)?\w+ed$", re.I)
"""'First streamed in November, ...': a past participle opening the sentence."""
PROMOTION = (
    r"(?:trailers?|teasers?|first[- ]look|look|posters?|images?|photos?|stills?|clips?|footage"
    r"|songs?|singles?|albums?|soundtracks?|promos?|sneak peeks?|key art|featurettes?)"
)
"""What a studio puts out to promote a work, which comes out before the work."""
_PROMO_SUBJECT = re.compile(
    rf"[^.;]{{0,60}}?,\s*(?:the|a|an|its|their)\s+(?:[\w-]+\s+){{0,2}}?{PROMOTION}\b", re.I
)
"""The subject after a fronted participle's comma that is a promotion, not the work."""
_PART_WORD = re.compile(r"(?:Part|Season|Series|Volume|Vol\.|Chapter|Episode|Book|Act)\b")
_DATE_WORD = rf"(?i:{alternation([*MONTHS, *WEEKDAYS])})\b"
"""A month's or weekday's name: a date, not a title."""
_TITLE_AFTER = re.compile(
    # "finished shooting Netflix's The Gray Man": an owner may come first.
    # Not a preposition's object: "renewed the show in October 2022" names a month, not a work.
    r"\s+(?:the\s+(?:(?!(?:in|on|at|for|to|from|by|with|after|before|since|until|during|over|into|as)\s)"
    r"[a-z-]+\s+){1,2}|(?-i:[A-Z][\w.&-]*)'s\s+)?(?-i:(?P<title>(?:The\s+)?(?!The\b)(?!"
    + _DATE_WORD
    + r")[A-Z][\w&!-]*"
    r"(?:\s+(?:(?:of|the|and|&|in|on|a|an|to|at)\s+)?[A-Z0-9][\w&!-]*){0,4}))"
)
"""A capitalised title right after a verb, maybe after "the long-running drama"."""
_APPOSITIVE_SPAN = re.compile(r"[\"']?\s*,\s*[\"']?\s*(?:the|a|an|from|by)\s[^,;]{1,80},")
"""', the seventh film in the long-running franchise,' or ', from the makers of X,' right after
a title."""
_NEW_PHRASE = re.compile(r",\s+(?!(?:and|or|as well as|plus)\b)[a-z]")
"""A comma that opens a new phrase (", putting it ..."), not the next item of a list."""
_DATED_THEN_NEXT_SUBJECT = re.compile(
    r"\d[^.;]*?\s(?:and|while|whereas|but)\s+(?:the\s+)?[\"']?$", re.IGNORECASE
)
"""'X shifts to June 6 and Y lands on Aug. 15': after a dated statement, "and" opens the next
title's own statement; Y is not what the first verb moved."""
_OWN_VERB_AFTER = re.compile(
    r"[\"']?\s+(?:(?:has|have|is|was|will|now|also|then)\s+)*"
    r"(?!(?:to|for|on|in|into|at|from|and|or)\b)[a-z]+(?:s|ed)\b"
)
"""The title's own verb right after it ("and Y lands on"); "and Y to Aug. 15" shares the first."""
_PLACE_ASIDE = re.compile(
    r"\b(?:in|at|near|outside|across)\s+(?-i:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}),\s+"
    r"(?-i:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2}),"
)
"""A place told with its region ("in Albuquerque, New Mexico,"): its commas close the place,
not the statement ("stopped rolling in Albuquerque, New Mexico, on the final season")."""
_NAMED_BEFORE_RELATIVE = re.compile(
    r"(?-i:[A-Z][\w'*:-]*|\d+)[\"']?(?:\s*,\s*(?:(?:the|a|an)\s|(?:[\w.'-]+\s){0,2}[\w.'-]+'s\s)[^,;]{1,60}?)?\s*$"
    # "his planned Highlander reboot, which is now on hold": someone's other work.
    r"|\b(?i:his|her|their)\s+(?:[\w'-]+\s+){0,2}[A-Z][\w'-]*\s+(?i:reboot|remake|film|movie|series|show|project|sequel|adaptation)\s*$"
)
"""A proper name right before ", which", maybe with its appositive ("Flowervale Street, the
J.J. Abrams-produced mystery, which"): the clause is about that named thing."""
_APPOSITIVE = re.compile(r"[\s\"']*,[\s\"']*(?:a|an|the)\s", re.I)
_CREDITS = re.compile(
    r"[\s\"']*,[\s\"']*(?:(?:(?:co-)?written|directed|produced|created|executive[- ]produced"
    r"|helmed|penned)(?:\s*(?:,|and)\s*(?:(?:co-)?written|directed|produced|created))*\s+by"
    r"|starring|led by|fronted by|headlined by|featuring|co-starring)\s+[^,;]{1,80}$",
    re.I,
)
"""'X, written and directed by Ana Ruiz, which ...': the credits describe X; the clause is X's."""
_OTHER_NOUN_PHRASE = re.compile(
    r"\b(?:for|to|by|with|from|at|on|in|of|than|like|and|or|is|was|are|were|has|had)\s+\S"
    r"|(?<![\"'])\b[A-Z][a-z]+\b"
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|from|than|against|alongside|over|ahead of|behind|versus|vs\.?|away from|clear of)"
    r"\s+[\"']?$",
    re.IGNORECASE,
)
_AND_THEN_VERB = re.compile(
    r"[\"']?,?\s+and\s+(?:(?:now|will|also|then|instead|still|so|\w+ly)\s+)*$", re.IGNORECASE
)
"""'... with Y and now opens May 2': the verb after "and" shares the first verb's subject."""
_ANOTHER_SUBJECT_BETWEEN = re.compile(
    r",\s+(?:and|but|while)\s+(?:the|a|an)\s+(?:[\w'’&:-]+\s+){0,5}?"
    r"(?:movie|film|series|show|sequel|prequel|adaptation|project|documentary|special)\b",
    re.IGNORECASE,
)
"""'New dates went to Saltmarsh and others, and the awaited Lantern Street movie has been
pulled': a new subject between a title and the verb."""
_END_OF_BEFORE = re.compile(
    r"\b(?:the end|the conclusion|the close|the finale|the (?:final|last) season) of\s+[\"']?$",
    re.IGNORECASE,
)
_TOUCHING = re.compile(r"[\"'\s]*,?[\"'\s]*")
_JOINED_GAP = re.compile(r"[\s\"',]*(?:(?:and|&|or|as well as)\s*)?[\s\"',]*")


def _other_subjects_stage(site: CueSite, in_clause: list[Ref]) -> bool:
    """'Lantern Street began shooting its third season': "its" is that other title's.

    Only where the sentence names no catalog show: then the verb's subject, a title outside
    the catalog right before it, owns the season after it.
    """
    cue = site.cue
    return (
        cue.rule.kind == "stage"
        and not any(r.kind == "show" for r in site.scan.refs)
        and any(
            r.kind == "foreign" and _SUBJECT_GAP.fullmatch(site.norm, r.end, cue.start)
            for r in in_clause
        )
    )


def targets(site: CueSite, ctx: Context) -> list[Ref]:
    """The resolved references a match speaks of, several when they are coordinated ("X and Y")."""
    found = _clause_targets(site, ctx)
    if found:
        return found
    mover_topic = _moved_it(site, ctx, [r for r in site.scan.refs if not r.excluded])
    return [mover_topic] if mover_topic is not None else []


def _clause_targets(site: CueSite, ctx: Context) -> list[Ref]:
    """The references of the match's own clause, or the ones it inherits from before."""
    scan, cue, clause = site.scan, site.cue, site.clause
    refs = [r for r in scan.refs if not r.excluded]
    if (
        _described_other_work(site, refs)
        or _other_title_described(site, refs)
        or _OTHER_WORKS_THAT.search(site.norm, max(0, cue.start - 70), cue.start)
        or _earlier_work_subject(site, refs)
        or (_SEVERAL_SUBJECTS.search(site.norm) and not any(r.kind == "show" for r in refs))
        # "Released on November 16, the trailer shows ...": the trailer came out.
        or (
            _FRONTED_PARTICIPLE.match(site.norm[: cue.end])
            and _PROMO_SUBJECT.match(site.norm, cue.end)
        )
    ):
        return []
    in_clause = [r for r in refs if scan.clauses.at(r.start).id == clause.id]
    if not in_clause and clause.parent is not None:
        in_clause = [
            r for r in refs if scan.clauses.at(r.start).id == clause.parent and r.end <= cue.start
        ]
        in_clause = in_clause[-1:]
        if (
            clause.kind == "relative"
            and not (in_clause and _antecedent(site, in_clause[0]))
            and (in_clause or _NAMED_BEFORE_RELATIVE.search(site.norm[: _relative_start(site)]))
        ):
            return []
    # "... will now open on July 25, putting it in the same month as Y": Y is
    # neither the subject nor the object of "open". A participle that opens the sentence
    # ("First streamed in November, the eight episodes of X ...") is about the subject
    # after its comma.
    fronted = _FRONTED_PARTICIPLE.match(site.norm[: cue.end]) is not None
    in_clause = [
        r
        for r in in_clause
        if r.end <= cue.start
        or (
            not _NEW_PHRASE.search(_PLACE_ASIDE.sub(" ", site.norm[cue.end : r.start]))
            and not (
                _DATED_THEN_NEXT_SUBJECT.search(site.norm, cue.end, r.start)
                and _OWN_VERB_AFTER.match(site.norm, r.end)
            )
        )
        or (fronted and site.norm.count(",", cue.end, r.start) == 1)
    ]
    # "the day its finale dropped, Max picked up the comedy": with a subject before the
    # verb, a title past a comma belongs to the next statement.
    if any(r.end <= cue.start for r in in_clause):
        in_clause = [
            r for r in in_clause if r.end <= cue.start or "," not in site.norm[cue.end : r.start]
        ]
    if cue.rule.needs_explicit and not in_clause:
        return []
    if (not in_clause and _other_title_subject(site, ctx)) or (
        not any(r.kind == "show" for r in in_clause)
        and (_other_title_subject(site, ctx, strict=True) or _other_title_object(site))
    ):
        # "The Tides returns for its fourth season", "cancelled The Tides": "its" and
        # the story's topic give way to the other title the verb is about.
        return []
    if not in_clause:
        earlier = [r for r in refs if r.end <= cue.start]
        if earlier:
            in_clause = earlier[-1:]
        elif ctx.topic is not None and ctx.topic_near(
            scan.sentence.paragraph, scan.sentence.position
        ):
            in_clause = [ctx.topic]
    in_clause = [
        r
        for r in in_clause
        if not (r.end <= cue.start and _ANOTHER_SUBJECT_BETWEEN.search(site.norm, r.end, cue.start))
    ]
    if not in_clause or _other_subjects_stage(site, in_clause):
        return []
    in_clause = _drop_person_modifiers(site.norm, in_clause)
    # "A new spin-off will follow the end of X with a December debut": X dates the spin-off.
    in_clause = [
        r
        for r in in_clause
        if not (
            _END_OF_BEFORE.search(site.norm, max(0, r.start - 30), r.start)
            and any(o.end <= r.start for o in in_clause if o is not r)
        )
    ]
    in_clause = _drop_appositives(site.norm, in_clause)
    in_clause = _drop_objects_of_a_first_verb(site.norm, in_clause, cue.start)
    nearest = _object(site, in_clause) or min(
        in_clause,
        key=lambda r: (cue.start - r.end) if r.end <= cue.start else (r.start - cue.end) + 0.5,
    )
    group = coordinated(scan.sentence.norm, in_clause, nearest)
    own_season = cue.rule.role == "same"  # a renewal's or cancellation's season is worked out
    return [
        _with_clause_season(r, in_clause) if own_season else r
        for r in group
        if r.kind != "foreign" and r.show is not None
    ]


def _with_clause_season(ref: Ref, in_clause: list[Ref]) -> Ref:
    """A title with no season takes the one its clause gives it later.

    "X comes back this month with the closing episodes of its seventh season" is season 7.
    """
    if ref.kind != "show" or ref.season is not None:
        return ref
    seasons = {
        r.season
        for r in in_clause
        if r.kind == "season" and r.show == ref.show and r.season is not None and r.start > ref.end
    }
    if len(seasons) != 1:
        return ref
    return replace(ref, season=seasons.pop(), source="sentence")


_OTHER_WORKS_THAT = re.compile(
    # Not "one of several films that opened", "joins other films that moved": the title is one.
    r"(?<!\bone of )(?<!\bamong )(?<!\bjoins )(?<!\bjoin )(?<!\bjoined )(?<!\bjoining )"
    r"\b(?:many|other|several|some|most|all the|the other|dozens of|a number of|a string of"
    r"|a slew of)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:films|movies|shows|series|titles|releases|projects|productions|sequels)"
    r"\s+(?:that|which)\s+(?:(?!\b(?:and|but)\b)[^,;.]){0,50}$",
    re.IGNORECASE,
)
"""'Like many films that were meant to open this year, X ...': the relative clause tells of
those other works, not of the title."""


_EARLIER_WORK_SUBJECT = re.compile(
    r"\b(?:its|their|his|her|(?-i:[A-Z])[\w'-]*'s|the\s+(?:[\w-]+\s+)?(?:director|studio|network|streamer"
    r"|star|actor|actress|filmmaker|creator|showrunner)'s)\s+"
    r"(?:previous|last|prior|earlier|most recent)\s+(?:[\w-]+\s+)?"
    r"(?:release|film|movie|feature|outing|effort|picture|project|hit|show|series)\b"
    r"(?:\s*,[^,;]{1,60},)?\s*(?:(?:has|had|have|was|were|also|finally|first)\s+){0,2}$",
    re.IGNORECASE,
)
"""'The director's last film came out in 2019', 'Its previous release, Ferdinand, came out in
December 2017': the subject is another work of the same maker."""


def _earlier_work_subject(site: CueSite, refs: list[Ref]) -> bool:
    """Whether the match's subject is a maker's earlier work, with no watched title in it."""
    start = max(0, site.cue.start - 140)
    match = _EARLIER_WORK_SUBJECT.search(site.norm, start, site.cue.start)
    return match is not None and not any(
        r.kind == "show" and match.start() <= r.start < site.cue.start for r in refs
    )


def _described_other_work(site: CueSite, refs: list[Ref]) -> bool:
    """Whether the match describes the other work named right before it.

    '... Ana Ruiz's "Night Falcon II," dated for October 3, 2025': the
    participle after a title outside the catalog says something of that title.
    """
    before = [r for r in refs if r.end <= site.cue.start]
    if not before:
        return False
    last = max(before, key=lambda r: r.end)
    return last.kind == "foreign" and comma_between(site.norm, last.end, site.cue.start)


def comma_between(norm: str, end: int, start: int) -> bool:
    """Whether only a comma (and quotes) separates a title ending at ``end`` from ``start``.

    The comma may sit inside the title's closing quote ('"Skeleton Crew," the series').
    """
    return bool(_TOUCHING.fullmatch(norm[end:start])) and "," in norm[max(0, end - 2) : start]


_ITS_SEASON_LAST = re.compile(
    r"\bfor\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}?season\s*$", re.IGNORECASE
)
"""A season bound to the title before it ends the gap: the relative clause is that season's."""


def _antecedent(site: CueSite, ref: Ref) -> bool:
    """Whether ``ref`` is what the relative clause around the match describes.

    In "X is a hit for Brightline, which launched in 2021", "which" is
    Brightline: another noun phrase stands between the title and the clause.
    """
    opening = site.norm.rfind(",", ref.end, site.cue.start)
    if opening == -1:
        return True
    gap = site.norm[ref.end : opening]
    if _APPOSITIVE.match(gap) or _CREDITS.fullmatch(gap):
        return True  # "X," a drama from Y, which ...": the drama is X
    if ref.season is not None and _ITS_SEASON_LAST.search(gap):
        return True  # "renewed X for a second season, which debuts on June 3": that season
    return not _OTHER_NOUN_PHRASE.search(gap)


_IT_OBJECT = re.compile(r"\s+(?:(?:back|up)\s+)?it\b", re.IGNORECASE)
_SENTENCE_OPENING = re.compile(r"\W*(?:(?:then|later|and|so)\s+)?", re.IGNORECASE)
"""Nothing but a linking word before the studio: the sentence is the studio's."""
_SUBJECT_TO_VERB = re.compile(
    r"\s+(?:(?:has|have|had|then|now|also|again|since|just|quietly|officially|once more)\s+)*"
)


def _moved_it(site: CueSite, ctx: Context, refs: list[Ref]) -> Ref | None:
    """The story's title as the "it" a studio moves: "Halberd then moved it to November 22".

    Only when the studio opens the sentence, right before the verb, and is the one name
    before it: in "Greyhaven was due in May, but Halberd moved it", "it" is Greyhaven.
    """
    verb = site.norm[site.cue.start : site.cue.end].lower()
    if not (_AGENT_VERB.match(verb) and _IT_OBJECT.match(site.norm, site.cue.end)):
        return None
    before = [r for r in refs if r.end <= site.cue.start]
    topic = ctx.topic
    if (
        len(before) != 1
        or before[0].kind != "foreign"
        or not _SUBJECT_TO_VERB.fullmatch(site.norm, before[0].end, site.cue.start)
        or not _SENTENCE_OPENING.fullmatch(site.norm, 0, before[0].start)
        or topic is None
        or not ctx.topic_near(site.scan.sentence.paragraph, site.scan.sentence.position)
    ):
        return None
    return topic


_FOR_A_SEASON = re.compile(
    r"[^.;,]{0,30}?\bfor\s+(?:a|an|another|its)\s+(?:[\w-]+\s+)?(?:season|series)\b", re.IGNORECASE
)
"""A renewal's season told after its verb as a new one: "got the go-ahead for a third season"
(not "renewed for Season 2", which the story's own title takes as often)."""


def _other_title_subject(site: CueSite, ctx: Context, *, strict: bool = False) -> bool:
    """A title outside the catalog is the subject of a verb of coming out.

    "Stormcrows opened to $74 million", "A Quiet Place: Day One, meanwhile,
    moves into June": a film or show is named right before the verb, and it
    is not a watched one. Verbs a studio does to a film ("Sony moved ...")
    are left alone: their subject is not the film.
    """
    rule = site.cue.rule
    verb = site.norm[site.cue.start : site.cue.end].lower()
    if _AGENT_VERB.match(verb) and not _INTRANSITIVE_AFTER.match(site.norm, site.cue.end):
        return False  # "Sony moved X to June": the subject is the studio
    match = _TITLE_BEFORE.search(site.before)
    if match is None:
        return False
    title = match.group("title")
    if not strict and _one_word_title(title, site, ctx):
        return True  # "Greyhaven began shooting in Wales", in a story about another title
    if rule.kind not in {"release", "released"} and not (
        # "Sweet Home got the go-ahead for a third season": only a show gets a season.
        rule.role == "renewal" and _FOR_A_SEASON.match(site.norm, site.cue.end)
    ):
        return False  # a person often opens a stage statement ("Ana Ruiz began filming")
    if PART_NAME.fullmatch(title) and _series_topic(site, ctx):
        # "Part 1 arrives on July 18": a part of the season talked about. Of a film,
        # "Part Two" or "Chapter 2" is the next film.
        return False
    return _reads_as_title(title, strict=strict)


def _one_word_title(title: str, site: CueSite, ctx: Context) -> bool:
    """Whether a one-word name right before the verb is another work's title.

    "Greyhaven began shooting in Wales on Monday": a capitalised word the article
    never uses inside a longer name (a person is named in full once) nor as a common
    word, opening the sentence as its subject, with no service or studio of that name.
    """
    word = title.strip(" .,'\"")
    return (
        " " not in word
        and site.before.strip(" \"'“”") == title.strip()
        and len(word) > 3
        and not word.endswith(("'s", "’s"))
        and word.casefold() not in ctx.name_words
        and word.casefold() not in _COMMON_OPENERS
        and _SERVICE_NAME.fullmatch(word) is None
        # "Halberd renewed it": a network or studio doing something to the work.
        and _OBJECT_AFTER.match(site.norm, _verb_end(site)) is None
        and _OBJECT_AFTER.match(site.norm, site.cue.end) is None
    )


def _verb_end(site: CueSite) -> int:
    """Where the match's first word ends ("ordered" in "ordered it")."""
    space = site.norm.find(" ", site.cue.start, site.cue.end)
    return space if space != -1 else site.cue.end


_COMMON_OPENERS = frozenset(
    {
        *words(
            "filming shooting production photography work cameras principal season series show"
            " film movie sequel prequel episode episodes finale premiere release trailer casting"
            " everything nothing both neither today tonight tomorrow yesterday"
        ),
        *(m.casefold() for m in (*MONTHS, *WEEKDAYS)),
    }
)
"""Capitalised words that open sentences as common nouns, not as a work's title."""
_OBJECT_AFTER = re.compile(
    r"\s+(?:it|them|him|her|the\s+\w+|an?\s+\w+|its\s+\w+|their\s+\w+|(?-i:[A-Z]))", re.IGNORECASE
)


_SERVICE_NAME = re.compile(
    rf"{SERVICE}|(?:Sony|Disney|Marvel|Universal|Paramount|Lionsgate|Warner|Pixar|DreamWorks"
    r"|Legendary|Focus|Searchlight|Neon|Blumhouse|Lucasfilm|Columbia|Skydance|Illumination)"
)
"""Services and studios: a one-word subject that is one of them is no title."""


def _reads_as_title(title: str, *, strict: bool) -> bool:
    """Whether a capitalised name before a verb reads as another work's title.

    Beside a season the clause names ("returns for its fourth season"), only a name
    that reads as a title ("The Tides", "Ash Road 2") counts, not a person's, nor a
    part of the show ("Part 1 of Season 7 was released").
    """
    if strict:
        return not _PART_WORD.match(title) and bool(
            re.match(r"The\s+[A-Z]", title) or re.search(r"[:*\d]", title)
        )
    capitals = [w for w in title.split() if w[:1].isupper()]
    return len(capitals) >= 2 or bool(re.search(r"[:*\d]", title))


_OPENING_TITLE = re.compile(
    r"[\"']?(?P<title>(?-i:[A-Z])[\w'&:-]*(?:\s+(?:of\s+|the\s+|and\s+|&\s+)?(?-i:[A-Z0-9])[\w'&:-]*){0,5})"
)


def _other_title_described(site: CueSite, refs: list[Ref]) -> bool:
    """Another work opens the sentence and a watched one is only in its description.

    "The Castaways, the miniseries in which X played a big part, came out last summer":
    the verb right after the aside is the other work's.
    """
    if site.cue.rule.role != "same":
        return False  # a network or studio orders, renews and cancels: not the work's own verb
    opening = _OPENING_TITLE.match(site.norm)
    if opening is None:
        return False
    aside = _APPOSITIVE_SPAN.match(site.norm, opening.end())
    if aside is None or not _SUBJECT_GAP.fullmatch(site.norm, aside.end(), site.cue.start):
        return False
    start, end = opening.span("title")
    shows = [r for r in refs if r.kind == "show"]
    return (
        not any(r.start < end and start < r.end for r in shows)
        and any(end < r.start < aside.end() for r in shows)
        # "Meridian, the home of X, has renewed the show": the verb takes the work after it.
        and not any(r.start >= site.cue.end for r in refs)
    )


def _other_title_object(site: CueSite) -> bool:
    """A stage verb whose object is a title outside the catalog: "Meridian cancelled The Tides"."""
    if site.cue.rule.kind not in {"stage", "plan"}:
        return False
    match = _TITLE_AFTER.match(site.norm, site.cue.end)
    if match is None or len(match.group("title").split()) < 2:
        return False
    start, end = match.span("title")
    return not any(r.start < end and start < r.end for r in site.scan.refs if r.kind == "show")


def _series_topic(site: CueSite, ctx: Context) -> bool:
    """Whether the show the sentence or the story is about is a series, not a film."""
    shows: list[str | None] = [r.show for r in site.scan.refs if r.show]
    if not shows and ctx.topic is not None:
        shows = [ctx.topic.show]
    return any(show is not None and show not in ctx.films for show in shows)


def _relative_start(site: CueSite) -> int:
    """Where the relative clause holding the match begins (its comma)."""
    return max(site.norm.rfind(",", 0, site.cue.start), 0)


def _drop_appositives(norm: str, refs: list[Ref]) -> list[Ref]:
    """Leave out what an appositive says of a title: it describes the title, it is not another.

    "X, the Star Wars series, was cancelled" is about X; so is "X, the seventh film in the
    "Jurassic Park" franchise, is due in cinemas": the other title is inside the description.
    """
    shows = [r for r in refs if r.kind == "show"]
    spans = [
        (s.end, m.end()) for s in shows if (m := _APPOSITIVE_SPAN.match(norm, s.end)) is not None
    ]
    return [
        r
        for r in refs
        if not ((r.kind == "anaphor" and not r.pronoun) or r.kind == "foreign")
        or not any(start <= r.start < end for start, end in spans)
    ]


def _drop_objects_of_a_first_verb(norm: str, refs: list[Ref], cue_start: int) -> list[Ref]:
    """Leave out a title in a prepositional phrase when "and" gives the next verb its subject.

    In "X swaps dates with Y and now opens May 2" X opens on May 2: Y is the object of
    the first verb, and the verb after "and" shares X as its subject.
    """
    kept = [
        r
        for r in refs
        if not (
            r.end <= cue_start
            and _PREPOSITION_BEFORE.search(norm, max(0, r.start - 12), r.start)
            and _AND_THEN_VERB.fullmatch(norm, r.end, cue_start)
            and any(o.end <= r.start and o.kind == "show" for o in refs)
        )
    ]
    return kept if kept else refs


def _drop_person_modifiers(norm: str, refs: list[Ref]) -> list[Ref]:
    """Leave out titles that only describe a person ("Bramblewood creator Ana Ruiz").

    In "Salt Road, from Bramblewood creator Ana Ruiz, premieres..." the clause
    is about "Salt Road"; a lone "X creator Ana Ruiz is in the edit" keeps X.
    """
    kept = [r for r in refs if not _PERSON_AFTER.match(norm, r.end)]
    return kept if kept else refs


def _object(site: CueSite, refs: list[Ref]) -> Ref | None:
    """The title a verb takes as its object ("cancelled the comedy "X""), if one follows it."""
    cue = site.cue
    after = [r for r in refs if r.start >= cue.end]
    if not after:
        return None
    first = min(after, key=lambda r: r.start)
    gap = site.norm[cue.end : first.start]
    if _OBJECT_GAP.fullmatch(gap) and not _NOT_OBJECT.search(gap):
        return first
    return None


_SEASON_AFTER_OWNER = re.compile(
    r"\s+(?:(?:will|would|have|has|are|were)\s+)?(?:(?:both|all|each|now|officially|also)\s+)?"
    r"(?:get|got|gets|getting|been given|received|receive|land|landed)\s+$",
    re.IGNORECASE,
)
"""'X and Y will both get ': the words between the last joined show and its season phrase."""


def _season_owner(norm: str, shows: list[Ref], season: Ref) -> Ref | None:
    """The show a season phrase belongs to when only an order verb stands between them."""
    before = [r for r in shows if r.show == season.show and r.end <= season.start]
    if season.kind != "season" or not before:
        return None
    owner = before[-1]
    return owner if _SEASON_AFTER_OWNER.fullmatch(norm, owner.end, season.start) else None


def coordinated(norm: str, refs: list[Ref], nearest: Ref) -> list[Ref]:
    """``nearest`` with the shows joined to it by commas and "and" ("X, Y and Z")."""
    shows = [r for r in refs if r.kind == "show"]
    if nearest not in shows:
        # "X and Y will get second seasons": a season phrase after the last of joined shows
        # is each one's.
        owner = _season_owner(norm, shows, nearest)
        if owner is None:
            return [nearest]
        others = [r for r in coordinated(norm, refs, owner) if r is not owner]
        return [
            *[
                replace(r, kind=nearest.kind, season=nearest.season, source=nearest.source)
                for r in others
            ],
            nearest,
        ]
    index = shows.index(nearest)
    group = [nearest]

    def joined(a: Ref, b: Ref) -> bool:
        gap = _GAP_FILLER.sub(" ", norm[a.end : b.start])
        return bool(_JOINED_GAP.fullmatch(gap))

    i = index
    while i > 0 and joined(shows[i - 1], shows[i]):
        group.insert(0, shows[i - 1])
        i -= 1
    i = index
    while i + 1 < len(shows) and joined(shows[i], shows[i + 1]):
        group.append(shows[i + 1])
        i += 1
    return group
