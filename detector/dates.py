# ruff: noqa: E501  (regular expressions read best unbroken)
"""Time expressions in trade-press prose: where they are and what they say.

``find_times`` finds "March 17", "next year", "this fall", "later this
month", "early 2024", "2018 at the earliest", "the 2018-2019 timeline" and
the like; ``detector.timevalues.resolve`` turns one into the status model's
ISO 8601 value against the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmon.detector.literals import INDEX, GatedPattern, gated
from newsmon.detector.timewords import NUMBER_RE

SEASON_WORDS = "spring|summer|fall|autumn"

_M = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
"""A weekday's name."""
_Y = r"(?:19|20)\d\d"
_NUM = NUMBER_RE
_WIN = (
    r"(?:early|late|mid|spring|summer|fall|autumn|(?:first|front|second|back|latter) half of"
    r"|(?:latter|later|early) part of"
    r"|(?:the )?end of|(?:start|beginning|top) of)"
)

_TV_SEASON = r"(?:(?=\s+(?:(?:broadcast|tv|television|network)\s+)?(?P<tvs>season)\b))?"
"""The season noun after two years ("the 2025-26 season"): a broadcast season, September to May."""
_PATTERNS: list[tuple[str, str]] = [
    # "between January and June 2026", "from May to July 2024": one window of months.
    (
        "month_span",
        rf"\b(?:between\s+(?P<m1>{_M})\s+and|(?P<m1b>{_M})\s+(?:to|through|or|-|and))\s+(?P<m2>{_M}),?\s+(?:of\s+)?(?P<year>{_Y})\b",
    ),
    # "in September or October", "between March and May": one window, in the months' year
    # ("from March to May" without a year is mostly a date moved, not a window).
    (
        "month_span",
        rf"\b(?:between\s+(?P<m1>{_M})\s+and|(?P<m1b>{_M})\s+or)\s+(?P<m2>{_M})\b(?!\.?\s*\d)",
    ),
    # "late summer or early fall 2024", "the spring or summer of next year".
    (
        "window_span",
        rf"\b(?:(?P<rel0>this|next)\s+)?(?:(?P<q1>early|late|mid)[- ])?(?P<w1>{SEASON_WORDS})\s+(?:or|to|into)\s+(?:the\s+)?(?:(?P<q2>early|late|mid)[- ])?(?P<w2>{SEASON_WORDS})"
        rf"(?:,?\s+(?:of\s+)?(?:(?P<year>{_Y})|(?P<rel>this|next)\s+year))?\b",
    ),
    (
        "offset",
        rf"\b(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|after|ago|earlier|before|on)\b",
    ),
    # "returns in two weeks": counted forward from publication.
    ("ahead", rf"\bin\s+(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\b"),
    # "over Memorial Day weekend", "in time for Christmas", "Thanksgiving 2025".
    (
        "holiday",
        r"\b(?:(?P<by>in time for|ahead of|before|by)\s+)?(?P<hol>memorial day|labor day|thanksgiving"
        r"|christmas(?: day| eve)?|boxing day|new year's (?:day|eve)|independence day|fourth of july|halloween"
        # "a trilogy of Halloween films", "the Christmas special": a kind of work, not a day.
        r"|valentine's day)(?!\s+(?:films?|movies?|franchise|series|sequels?|trilogy|remake|reboot|specials?"
        r"|episodes?|costumes?|part(?:y|ies)|songs?|albums?|classics?|horror)\b)"
        rf"(?P<wknd>\s+(?:holiday\s+)?weekend)?(?:,?\s+(?P<year>{_Y})"
        r"|(?:\s+(?:release|premiere|opening|debut|date|slot))?\s+(?P<rel>this|next)\s+year)?\b",
    ),
    # "by year's end": this year's last months.
    ("year_end", r"(?<=\bby )(?:the\s+)?(?:year's end|year-end)\b"),
    (
        "date",
        rf"\b(?:(?P<wd>{WEEKDAY_RE}),?\s+)?(?P<mon>{_M})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>{_Y})\b"
        # "December 13 of next year": the day in the year named relative to now.
        r"|,?\s+(?:of\s+)?(?P<yrel>this|next|last)\s+year\b)?",
    ),
    (
        "date_dmy",
        # "Sunday 14 May 2023": a British listing's weekday belongs to its date.
        rf"\b(?:(?P<wd>{WEEKDAY_RE}),?\s+(?:the\s+)?)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_M})(?:,?\s+(?P<year>{_Y}))?\b",
    ),
    # "July next year", "in March of this year": a month of a year named relative to now.
    ("month_only", rf"\b(?P<mon>{_M})\s+(?:of\s+)?(?P<yrel>this|next|last)\s+year\b"),
    ("range", rf"\bbetween\s+(?P<y1>{_Y})\s+and\s+(?P<y2>{_Y})\b"),
    ("range", rf"\b(?P<y1>{_Y})\s*(?:-|/|to|or)\s*(?P<y2>{_Y})\b{_TV_SEASON}"),
    # "the 2025-26 season": a broadcast season spans two years.
    ("range", rf"\b(?P<y1>{_Y})-(?P<y2s>\d\d)\b(?!-){_TV_SEASON}"),
    ("quarter", rf"\bQ(?P<q>[1-4])[\s'-]*(?P<year>{_Y})\b"),
    ("quarter", rf"\b(?P<q>first|second|third|fourth)[- ]quarter(?:\s+of)?\s+(?P<year>{_Y})\b"),
    # "will now open in the fourth quarter": this year's, or the next one once it has passed.
    (
        "quarter",
        r"\b(?:in|by|during|until|till|into|for)\s+the\s+(?P<q>first|second|third|fourth)[- ]quarter\b"
        r"(?!\s+(?:of|earnings|results|revenue|profits?|call|report|numbers|sales|figures)\b)",
    ),
    # "by the end of 2024", "before the end of the year": a deadline, so any time in that
    # year, not its last months.
    ("year", rf"\b(?:by|before)\s+the\s+end\s+of\s+(?P<year>{_Y})\b"),
    ("year_rel", r"\b(?:by|before)\s+the\s+end\s+of\s+(?P<rel>this|next|the)\s+year\b"),
    ("window_year", rf"\b(?P<win>{_WIN})[- ]?(?:of\s+|in\s+)?(?P<year>{_Y})\b"),
    # "the last few months of 2024": the year's late window.
    (
        "window_year",
        rf"\b(?:the\s+)?(?P<win>(?:last|final|closing|first|opening)\s+(?:few\s+|couple\s+of\s+)?months\s+of)\s+(?P<year>{_Y})\b",
    ),
    (
        "window_rel",
        # Not "the weakest start of the year", "its best start of the year": an opening.
        r"\b(?P<win>early|late|mid|(?:the )?end of|(?<!est )(?<!worst )(?:start|beginning|top) of"
        r"|(?:first|front|second|back|latter) half of|(?:latter|later|early) part of)"
        r"[- ](?P<rel>this|next|last|the)\s+year\b",
    ),
    (
        "window_rel",
        rf"\b(?P<win>early|late)[- ](?P<rel>this|next|last)\s+(?P<season>{SEASON_WORDS})\b",
    ),
    # "near the end of last summer": the season's late window.
    (
        "window_rel",
        rf"\b(?:near|at|toward|towards)\s+the\s+(?P<win>end)\s+of\s+(?P<rel>this|next|last)\s+(?P<season>{SEASON_WORDS})\b",
    ),
    (
        "season_rel",
        rf"\b(?P<rel>this|next|last|in the|in|by the|by|this coming)\s+(?P<season>{SEASON_WORDS})\b",
    ),
    (
        # "pushed to the fall", "set for the summer", "back to the fall for its eighth season",
        # not "the fall festivals" (a noun's modifier) nor "expected to fall" (a verb).
        "season_rel",
        rf"\b(?P<rel>to the|for the|until the|till the|into the)\s+(?P<season>{SEASON_WORDS})\b"
        r"(?=\s*(?:[,.;:)]|$)|\s+(?:of|in|on|and|or|with|at|when|after|before|as|while|but|so|instead|now|for)\b)",
    ),
    # "from the 2013 holidays", "the 2025 holiday season": that year's.
    ("window_year", rf"\b(?:the\s+)?(?P<year>{_Y})\s+(?P<win>holiday season)\b"),
    ("window_year", rf"\b(?:the\s+)?(?P<year>{_Y})\s+(?P<hol>holidays)\b"),
    (
        "season_rel",
        r"\b(?:(?P<rel>this|next|last)\s+)?(?:the\s+)?(?P<season>holiday season|holidays)\b",
    ),
    ("month_year", rf"\b(?P<mon>{_M})\s+(?:of\s+)?(?P<year>{_Y})\b"),
    # "due to air in the new year": the first months of the coming year.
    ("new_year", r"\b(?:in|into|during|after|early in)\s+the\s+new\s+year\b"),
    ("year_rel", r"\b(?P<mod>earlier|later)\s+(?:this|in the)\s+year\b"),
    ("year_rel", r"\b(?P<rel>this|next|last|the following|the previous)\s+year\b"),
    ("month_rel", r"\b(?P<mod>earlier|later)\s+this\s+month\b"),
    ("month_rel", r"\b(?P<rel>this|next|last|the following)\s+month\b"),
    (
        "month_only",
        rf"\b(?P<rel>last|this|next|in|into|to|by|from|until|till|since|for|early|late|mid-?)\s+(?P<mon>{_M})(?![\w-])",
    ),
    # "wrapped at the end of September", "by the middle of June".
    (
        "month_only",
        rf"\b(?:the\s+)?(?:end|middle|start|beginning)\s+of\s+(?P<mon>{_M})(?![\w-])(?!\s+(?:of\s+)?\d)",
    ),
    # "aiming for a June premiere": a month that qualifies the release noun.
    (
        "month_only",
        # Headlines drop the article: "Tidewater Sets November Release".
        rf"(?:(?<=\ba )|(?<=\ban )|(?<=\bsets )|(?<=\bset )|(?<=\bgets )|(?<=\blands )|(?<=\bnabs )|(?<=\bscores )|(?<=\bbooks ))"
        rf"(?P<mon>{_M})(?=\s+(?:premiere|release|debut|launch|opening|return|bow)\b)",
    ),
    ("weekday", rf"\b(?P<rel>last|this|next|on|)\s*(?P<wd>{WEEKDAY_RE})\b(?!\s+nights\b)"),
    (
        "week_rel",
        r"\b(?P<word>last week|earlier this week|last weekend|this past weekend|over the weekend"
        r"|past weekend)\b",
    ),
    # "next week", "later this week", "next weekend": days ahead of the story.
    ("week_ahead", r"\b(?P<word>next weekend|next week|later this week)\b"),
    ("today", r"\b(?P<word>today|tonight|yesterday|last night|tomorrow|this week|this weekend)\b"),
    ("year", rf"\b(?P<year>{_Y})\b(?!s|-\d\d\b|\s*-\s*\d\d\b)"),
]
# Named groups repeat across alternatives, so each pattern is compiled alone; each runs
# only on sentences holding its words (a month name, "year", ...).
_COMPILED = [
    (kind, GatedPattern(re.compile(pattern, re.IGNORECASE))) for kind, pattern in _PATTERNS
]
_TIME_HINT = gated(
    r"\d|year|month|week|days?\b|today|night|tomorrow|spring|summer|fall|autumn|early|late|mid"
    r"|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|later|after|ago|before|earlier"
    r"|day|thanksgiving|christmas|halloween|july",
    re.IGNORECASE,
)
_EARLIEST_AFTER = re.compile(r"^,?\s*(?:at\s+)?the\s+(?:very\s+)?earliest\b", re.IGNORECASE)
_MOVE_VERB = r"push(?:es|ed|ing)?|mov(?:e|es|ed|ing)|delay(?:s|ed|ing)?|slip(?:s|ped|ping)?|shift(?:s|ed|ing)?"
"""The verbs that move a date."""
_PUSHED_PAST = (
    # "would push its premiere past April 2026": not before that time, any precision.
    rf"\b(?:{_MOVE_VERB})\b[^.;]{{0,40}}?\b(?:past|beyond)\s+$"
)
_EARLIEST_BEFORE = re.compile(
    r"(?:\bnot\b|n't|\bno\b)[\w\s,'-]{0,40}?\b(?:before|earlier than)\s+$"
    r"|\b(?:no earlier than|not before|at the earliest in)\s+$"
    r"|" + _PUSHED_PAST,
    re.IGNORECASE,
)
_PUSHED_PAST_RE = re.compile(_PUSHED_PAST, re.IGNORECASE)
_MOVED_FROM_BEFORE = re.compile(
    rf"\b(?:{_MOVE_VERB}|slid(?:e|es|ing)?|bump(?:s|ed|ing)?|postpon(?:e|es|ed|ing))\b"
    r"[^.;]{0,40}?\bfrom\s+$",
    re.IGNORECASE,
)
"""'moved from January to May 2025': the months of a move, not one window."""


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression found in a sentence; resolve it with ``resolve``."""

    start: int
    end: int
    kind: str
    text: str
    fields: tuple[tuple[str, str], ...]
    explicit_year: bool

    def get(self, name: str) -> str | None:
        """Return a captured field of the expression, lowercased, or None."""
        for key, value in self.fields:
            if key == name:
                return value
        return None


def find_times(norm: str) -> list[TimeExpr]:
    """All non-overlapping time expressions in a normalised sentence, leftmost-longest."""
    found: list[TimeExpr] = []
    # The sentence's literals are found once and serve the hint and every pattern.
    present = INDEX.present(norm)
    hint = _TIME_HINT.for_text(present)
    if hint is None or not hint.search(norm):
        return found
    for kind, pattern in _COMPILED:
        regex = pattern.for_text(present)
        if regex is None:
            continue
        for match in regex.finditer(norm):
            start, end = match.span()
            if any(start < e and s < end for s, e in ((t.start, t.end) for t in found)):
                continue
            fields = tuple(
                (key, value.lower()) for key, value in match.groupdict().items() if value
            )
            expr = TimeExpr(start, end, kind, match.group(0), fields, "year" in dict(fields))
            if _accept(expr, norm):
                if (
                    kind in {"range", "year"}
                    or _EARLIEST_AFTER.match(norm[end:])
                    or _PUSHED_PAST_RE.search(norm[max(0, start - 60) : start])
                    # "not expected before late 2026": any time with its year, opened.
                    or (
                        expr.explicit_year
                        and _EARLIEST_BEFORE.search(norm[max(0, start - 60) : start])
                    )
                ):
                    expr = _maybe_open(expr, norm)
                found.append(expr)
    found.sort(key=lambda t: t.start)
    return _that_months(norm, found)


_THAT_MONTH = re.compile(rf"\bthat\s+(?P<mon>{_M})\b(?!\s+(?:of\s+)?\d)", re.IGNORECASE)


def _that_months(norm: str, found: list[TimeExpr]) -> list[TimeExpr]:
    """A month of the year just named: "wrapped in June 2023 and premiered that October"."""
    if "that " not in norm.lower():
        return found
    added = []
    for match in _THAT_MONTH.finditer(norm):
        if any(t.start < match.end() and match.start() < t.end for t in found):
            continue
        years = [t.get("year") for t in found if t.end <= match.start() and t.explicit_year]
        if years and years[-1]:
            fields = (("mon", match["mon"].lower()), ("year", years[-1]))
            start, end = match.span()
            added.append(TimeExpr(start, end, "month_year", match.group(0), fields, True))
    return sorted(found + added, key=lambda t: t.start) if added else found


_RELEASE_NOUN_AFTER = re.compile(
    r"\s+(?:release|launch|premiere|debut|return|bow|opening|window|date)\b"
)
_LINK_WORD_AFTER = re.compile(
    r"\s+(?:at|and|or|to|but|with|for|in|on|as|after|before|when|while|if|the|because|due|amid|following|thanks|until|so|instead|rather|than|from|now|then|was|is|will|has|had|via|over|by(?!-))\b"
)
_SCHEDULED_BEFORE = re.compile(
    r"\b(?:set|scheduled|slated|dated|penciled|pencilled|targeted|due|pegged|earmarked|lined up"
    r"|aimed|aiming|eyed|eyeing|planned|booked)\s+(?:(?:now|still|tentatively|officially|currently"
    r"|again|instead)\s+)*$",
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(r"\b(?:in|since|until|through|during)\s+$", re.IGNORECASE)
_ADVERB_AFTER = re.compile(r"\s+(?:already|alone|too|again|also|itself|yet|still|only|just)\b")
_DETERMINER_BEFORE = re.compile(r"(?:'s|\bthe|\bits|\btheir|\ba|\bhis|\bher)\s+$")


_NOUN_AFTER_TIME = re.compile(
    r"\s+(?:update|report|edition|issue|interview|roundup|round-up|newsletter)\b"
)
_NAME_BEFORE = re.compile(r"(?<![.!?:]\s)(?<!^)\b(?-i:[A-Z])[\w'-]*\s*$")
"""A capitalised word right before a weekday, not the sentence's first: part of a name."""
_SERVICE_BEFORE = re.compile(
    r"\b(?:on|to|hits?|hitting)\s+(?!(?:Black|Good|Freaky|Casual|Girl|Man)\b)(?-i:[A-Z])[\w+]*(?:\s+(?-i:[A-Z+])[\w+]*)?\s*$"
)
"""'dropped on Halberd Friday', 'hits Apple TV+ Friday': the day after the service it comes to
(AP style drops the "on"), not a word of a name ("on Black Friday")."""
_DAY_LEAD_IN = re.compile(
    r"\b(?:On|For|Over|By|Until|Till|At|Before|Around|During|Through|This|Next"
    r"|(?:Premiere|Open|Return|Debut|Arrive|Air|Launch|Drop|Bow|Land|Hit|Stream|Start|Begin|End"
    r"|Release|Wrap)(?:s|ed|ing)?)\s*$"
)
"""A Title-Case headline's preposition or verb before a day: "Premieres Sunday", "Opens On
Thanksgiving"; "Black Friday" and "Hubie Halloween" are names."""


def _accept(expr: TimeExpr, norm: str) -> bool:
    """Tell whether a match is a time expression and not a word that looks like one."""
    after = norm[expr.end : expr.end + 16].lower()
    if expr.kind == "year" and _year_as_modifier(expr, norm, after):
        return False
    if expr.get("mon") == "may" and "May" not in expr.text and "MAY" not in expr.text:
        return False  # "season 2 may air": the verb, not the month
    if _in_a_name(expr, norm, after):
        return False
    if (
        # "slides from January to May 2025", "delayed from 2025 to 2026": a move, not a window
        expr.kind in {"month_span", "range"}
        and _MOVED_FROM_BEFORE.search(norm, max(0, expr.start - 60), expr.start)
    ) or (
        # "a February 2025 update": the date of a report, not of the show
        expr.kind == "month_year" and _NOUN_AFTER_TIME.match(after)
    ):
        return False
    if expr.kind == "month_only" and expr.get("rel") == "for":
        # "set for October" dates a schedule; "for October" elsewhere may be anything.
        before = norm[max(0, expr.start - 40) : expr.start]
        if not _SCHEDULED_BEFORE.search(before):
            return False
    return not (expr.kind == "month_only" and _ordinary_word(expr))


def _in_a_name(expr: TimeExpr, norm: str, after: str) -> bool:
    """A weekday or holiday that is a word of a name or a schedule, not a day.

    "Freaky Friday", "Black Friday", "Hubie Halloween" hold one; "weekly Friday
    releases" is a schedule of episodes.
    """
    before = norm[: expr.start]
    if expr.kind == "weekday":
        return bool(
            (
                not expr.get("rel")
                and (
                    re.match(r"\s*-", after)
                    or (
                        _NAME_BEFORE.search(before)
                        and not _DAY_LEAD_IN.search(before)
                        and not _SERVICE_BEFORE.search(before)
                    )
                )
            )
            or re.search(r"\b(?:weekly|every|each)\s*$", before)
        )
    return (
        expr.kind == "holiday"
        and not expr.get("by")
        # A Title-Case headline capitalises every word: "Lands Christmas 2025 Release",
        # "Opens On Thanksgiving" name a day; "Hubie Halloween" does not.
        and not expr.get("year")
        and not _DAY_LEAD_IN.search(before)
        and bool(_NAME_BEFORE.search(before))
    )


def _year_as_modifier(expr: TimeExpr, norm: str, after: str) -> bool:
    """A year that qualifies a noun ("its 2019 fantasy hit", "a 1987 novel"), not a time."""
    if _RELEASE_NOUN_AFTER.match(after):
        return False  # "a 2025 launch" does name a time
    if (
        re.match(r"\s+[a-z]", after)
        and not _LINK_WORD_AFTER.match(after)
        # "launched in 2017 already holding an order": after "in" a year is a time.
        and not (
            _IN_BEFORE.search(norm, max(0, expr.start - 12), expr.start)
            and _ADVERB_AFTER.match(after)
        )
    ):
        return True
    before = norm[max(0, expr.start - 12) : expr.start].lower()
    return bool(_DETERMINER_BEFORE.search(before))


def _ordinary_word(expr: TimeExpr) -> bool:
    """Month words that are ordinary words here: "may", and "mar", "jun", "jul", "aug"."""
    if expr.get("mon") not in {"may", "mar", "jun", "jul", "aug"}:
        return False
    word = expr.text.split()[-1]
    if word.lower() == "may":
        return not word[0].isupper()
    return len(word.rstrip(".")) == 3


def _maybe_open(expr: TimeExpr, norm: str) -> TimeExpr:
    after = norm[expr.end :]
    before = norm[max(0, expr.start - 60) : expr.start]
    if _EARLIEST_AFTER.match(after) or _EARLIEST_BEFORE.search(before):
        end = expr.end
        match = _EARLIEST_AFTER.match(after)
        if match:
            end += match.end()
        return TimeExpr(expr.start, end, "open", expr.text, expr.fields, expr.explicit_year)
    return expr
