# ruff: noqa: E501  (regular expressions read best unbroken)
"""Release claims: a stated release ("premiered on March 4") and a release date or window to come."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from newsmon.detector import certainty as cert
from newsmon.detector.candidates import make_release_candidate, make_stage_candidate
from newsmon.detector.consolidate import Candidate
from newsmon.detector.context import Context
from newsmon.detector.dates import WEEKDAY_RE, TimeExpr
from newsmon.detector.gapping import gapped_releases
from newsmon.detector.model import Certainty
from newsmon.detector.periods import Period
from newsmon.detector.refs import Ref
from newsmon.detector.scan import Cue, CueSite, SentenceScan, find_cues
from newsmon.detector.seasons import find_seasons
from newsmon.detector.stage_rules import (
    AIRING,
    BOX_OFFICE,
    CHART_RUN,
    FESTIVAL_PREMIERE,
    NUMBERED_FINALE,
    PREMIERED,
    PRESENT_RELEASES,
    RELEASED,
    RUN_ENDED,
    SEASON_BEGAN,
    SINCE_PREMIERE,
    VIEWERSHIP,
)
from newsmon.detector.timevalues import (
    DatedMonths,
    parse_iso,
    resolve,
    weekend_opening,
    year_the_article_gives,
)
from newsmon.detector.timewords import CARDINAL_RE, CARDINAL_WORDS
from newsmon.detector.timing import (
    OLD_DATE_BEFORE,
    SKIP_TIME_BEFORE,
    event_time,
    restating,
    statement_date,
)

_RETURN_WORD = re.compile(r"\breturn|\bback\b", re.IGNORECASE)
"""A release verb of coming back: a later season than the first."""
_FINALE = re.compile(
    r"\bfinale\b|\b(?:last|final)\s+(?:(?:new|original|regular|[\w-]+-length)\s+)?episode\b", re.I
)
_LATER_ORDINAL = (
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|newest|next|penultimate)"
)
_LATER_EPISODE_NUMBER = (
    r"(?:episode|chapter)\s+(?:[2-9]|\d\d|two|three|four|five|six|seven|eight|nine|ten)"
)
"""An episode after the first, by its number: "episode two", "chapter 5"."""
_LATER_EPISODE_SUBJECT = re.compile(
    rf"\b(?:{_LATER_ORDINAL}|new)\s+episode(?:\s+of\s+[^,;.]{{1,60}}?)?\s*$"
    # "episode two arrives on Friday": the second week of a run under way.
    rf"|\b{_LATER_EPISODE_NUMBER}(?:\s+of\s+[^,;.]{{1,60}}?)?\s*$"
    # "the reunion special airs on December 5": one episode outside the season's run.
    r"|\bspecials?(?:\s+of\s+[^,;.]{1,60}?)?\s*$"
    # "Episode 3, titled Machines, comes out on ...": its title set aside.
    rf"|\b{_LATER_EPISODE_NUMBER}\s*,[^,;.]{{1,50}},\s*$"
    # "... and the last three follow on December 8".
    rf"|\bthe\s+(?:last|remaining|final|other)\s+(?:\d{{1,2}}|{CARDINAL_RE})(?:\s+episodes)?\s*$",
    re.I,
)
"""'before the fifth episode airs on February 7': one episode of a run under way; 'the last
three follow on December 8': the later episodes of a season already out."""
_ORDINAL_SUBJECT = re.compile(rf"\bthe\s+(?:{_LATER_ORDINAL}|\d+(?:st|nd|rd|th))\s*$", re.I)
_EPISODES = re.compile(r"\bepisodes\b", re.I)
"""'13 episodes in all, and the eighth airs tonight': the ordinal counts episodes."""
_BACK_CATALOGUE = re.compile(
    rf"\b(?:(?:the\s+)?first|all|both(?:\s+of\s+the\s+first)?)\s+(?P<n>\d{{1,2}}|{CARDINAL_RE})\s+seasons\b|\bevery season\b|\ball (?:the )?seasons\b",
    re.IGNORECASE,
)
"""A show's earlier seasons on a service: released, with no date of their own."""
_SHOOT_SUBJECT = re.compile(
    r"\b(?:filming|shooting|production|principal photography|shoots?|the start of (?:filming|shooting"
    r"|production))\b(?:(?!\b(?:release|premiere|debut|launch|opening|bow|air date)\b)[^.;,]){0,60}$",
    re.IGNORECASE,
)
_BEGIN_WORD = re.compile(r"\b(?:begins?|starts?|kicks? off)$", re.IGNORECASE)
"""A schedule's "begins": what begins may be a shoot ("filming on season 2 begins on May 3")."""
_STARTED = re.compile(r"(?:started|began|kicked off)\b", re.IGNORECASE)
_SERIES_FINALE = re.compile(r"\bseries finale\b", re.I)
_FINALE_SUBJECT = re.compile(
    rf"\b{NUMBERED_FINALE}"
    r"(?:\s+of\s+(?-i:[A-Z])[\w'&:.-]*(?:\s+(?-i:[A-Z])[\w'&:.-]*){0,3})?"
    r",?\s+(?:(?:which|that)\s+)?(?:(?:was|has|had)\s+)?(?:(?:just|recently|finally|already)\s+)?$",
    re.IGNORECASE,
)
"""A numbered season's (or British series') finale as the subject of an airing ("since the
season 2 finale aired", "the season one finale, which aired recently"): that season is out,
whether or not the day is told. An unnumbered finale may be an earlier season's than the one
the story is about."""
_PAST_RELEASE = re.compile(r"(?:ed|came out|hit \w+|bowed)$", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+$")
_WAS_BEFORE = re.compile(r"\b(?:was|were)\s+$")
_BEGAN_BEFORE = re.compile(r"\b(?:began|started)\s+$")
_FUTURE_BEFORE = re.compile(
    r"(?:\b(?:will|to|shall|would|could|may|might|won't|wouldn't|can't|cannot)|'ll)\s+(?:\w+\s+)?$",
    re.IGNORECASE,  # a Title-Case headline capitalises "Will" and "To"
)
_MOVED_TO = re.compile(
    r"\b(?:to|into|until|till|for)\s+(?:the\s+)?$"
    # "to almost a month later, March 13, 2020": the shift, then the date it lands on.
    r"|\b(?:to|until)\s+(?:(?:almost|nearly|about|roughly|just over|just under|more than|over)\s+)?"
    r"(?:a|an|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)\s+"
    r"(?:later|earlier|sooner)\s*,\s*(?:on\s+)?$",
    re.IGNORECASE,
)
_MOVED_TO_WORD = re.compile(r"(?:to|into|until|till)\b", re.IGNORECASE)
_PUT_WORD = re.compile(r"put|plac", re.IGNORECASE)
_PUT_ON = re.compile(r"\b(?:on|in|into)\s+$", re.IGNORECASE)
"""'Putting it on July 18, 2025': the slot a studio places a film in."""
_RELEASE_DAYS = frozenset({"today", "tonight", "this weekend", "tomorrow"})
_STARTING_GAP = re.compile(r"\s+(?:from|starting|beginning)\s+(?:on\s+)?", re.IGNORECASE)
"""'streams from May 2': the date right after the verb is when it starts, not an old date."""
_FRONTED_PLAN = re.compile(
    r"^\W*(?:(?:originally|once|first|initially|previously)\s+)?"
    r"(?:set|scheduled|slated|dated|due|planned|expected|pencill?ed)\s+(?:to|for)\b",
    re.IGNORECASE,
)
NOW_OR_INSTEAD = re.compile(r"\b(?:now|instead)\b", re.IGNORECASE)
"""A new statement's "now" or "instead": what follows it replaces what came before."""


def _attributive_old_plan(norm: str, cue: Cue, chosen: TimeExpr) -> bool:
    """'A December 2026 release had been expected': the date before the noun names an old plan."""
    return chosen.end <= cue.start and cert.old_plan(norm[cue.end : cue.end + 40])


def _fronted_old_plan(norm: str, cue_start: int) -> bool:
    """Whether the match sits in a fronted plan that the main clause replaces.

    "Set to open on September 18, the film will now be released on February 26".
    """
    if not _FRONTED_PLAN.match(norm):
        return False
    comma = norm.find(",")
    return cue_start < comma and NOW_OR_INSTEAD.search(norm, comma) is not None


_LEFT_OFF = re.compile(
    r"\b(?:left out of|missing from|absent from|dropped from|excluded from|not (?:be )?(?:on|in|part of))"
    r"\s+(?:[\w'.+-]+\s+){0,3}$",
    re.IGNORECASE,
)
"""A year's schedule a title is not on ("left out of Netflix's 2026 release slate", "will not
be on this year's release schedule"): that year is when it does not come out."""
_WAS_BEFORE_PLAN = re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PLAN_WORD = re.compile(
    r"(?:set|slated|dated|scheduled|due|planned|expected|pencill?ed|pushed|moved|shifted|delayed"
    r"|bumped|postponed)\b",
    re.IGNORECASE,
)
_THEN_NOW = re.compile(
    r"[^.]{0,60}?(?:\bbut\b|;|\band\b)[^.;]{0,30}?\b(?:now|instead)\b"
    # "X, which was set for May 2, now opens on Aug. 9": the clause after the plan's comma.
    r"|[^.,;]{0,20}?,\s*(?:(?:it|will|would|is|are|has|have)\s+)?(?:now|instead)\b",
    re.IGNORECASE,
)


def _superseded_plan(norm: str, cue: Cue, chosen: TimeExpr) -> bool:
    """Whether a plan told in the past is the one the rest of the sentence replaces.

    "It was due in May, but it will now open in February 2019", "was set for May but now
    moves to February", "was pushed to October; now it goes to January", "X, which was set
    for May 2, now opens on Aug. 9": the first date is
    given up. Without the "now" ("Sony set it for May 5 on Tuesday", "it was due in May, the
    studio said") the past tense tells when the date was given, and the date holds.
    """
    return (
        bool(_WAS_BEFORE_PLAN.search(norm, max(0, cue.start - 30), cue.start))
        and bool(_PLAN_WORD.match(norm, cue.start))
        and bool(_THEN_NOW.match(norm, max(chosen.end, cue.end)))
    )


_POSTPONED_AFTER = re.compile(
    r"[\"']?\s*,\s*(?:has|have|had|was|were|is|are)\s+(?:now\s+|since\s+|just\s+|also\s+)?(?:been\s+|being\s+)?"
    r"(?:\w+ly\s+)?(?:postponed|delayed|pushed back|put back|pulled|shelved|scrapped|cancell?ed|canceled)\b",
    re.IGNORECASE,
)
"""'X, due on 2 June, has been postponed (to August 9)': the aside's date is given up."""


def _postponed_plan(norm: str, chosen: TimeExpr) -> bool:
    """Whether the date is an aside's that the rest of the sentence calls off or moves."""
    return bool(_POSTPONED_AFTER.match(norm, chosen.end))


_RELEASE_KIND_GAP = re.compile(
    r"\s+(?:theatrical|wide|nationwide|worldwide|global|domestic|cinema|north american)\s+",
    re.IGNORECASE,
)
"""The kind of release between its date and its noun: "its Oct. 4 theatrical release"."""
_OLD_PLAN_ASIDE = re.compile(
    r"\([^()]*\)|,\s*(?:previously|originally|formerly|initially)\b[^,;()]{0,60},", re.IGNORECASE
)
"""An aside that holds an old plan: "(previously Nov. 1)", ", previously set for Jan. 10,"."""
_COORDINATED_NOW = re.compile(
    r"\b(?:and|but)\s+(?=(?:is|are|was|has|have|will)\s+now\b)", re.IGNORECASE
)
"""'had been scheduled for March 12 and is now set for August 20': a new statement."""
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:this|next)\s+(?:coming\s+)?)?$", re.IGNORECASE)
_ONWARD_AFTER = re.compile(r"\s*,?\s*(?:to|until|till|through|into|and)\b", re.IGNORECASE)
_MOVE_WORD = re.compile(
    r"\b(?:mov|push|shift|slid|slip|bump|delay|postpon|swap|switch|vacat|trad)\w*", re.IGNORECASE
)


def _start_from(norm: str, t: TimeExpr, gap: str) -> bool:
    """'Viewers can stream the season on Paramount+ from May 23': the day it starts.

    Not "moved from May 23 to June 6" or "from May 23 until June 6": a date given up, or
    a span's first day.
    """
    return (
        _FROM_BEFORE.search(norm, max(0, t.start - 6), t.start) is not None
        and _ONWARD_AFTER.match(norm, t.end) is None
        and _MOVE_WORD.search(gap) is None
    )


_HEDGED_CHANGE = re.compile(
    r"[^.;]{0,20}?\b(?:but|though|although)\b[^.;]{0,60}?\b(?:may|might|could)\b", re.I
)
"""'had scheduled it for May, but the strike may push that back': May still holds."""
_OPENING_WORDS = re.compile(
    r"\b(?:open(?:s|ed|ing)?|debut(?:s|ed|ing)?|bow(?:s|ed)?|launch(?:es|ed)?|premiere[sd]?|first (?:weekend|day|frame|three days|five days))\b",
    re.IGNORECASE,
)
"""Takings of an opening date the release; a later week's running total does not."""
_PREMIERE_WORD = re.compile(
    r"\b(?:premiere[sd]?|premiering|debut(?:s|ed|ing)?|launch(?:es|ed|ing)?|returns?|returning|begins?|starts?|kicks? off)\b"
    r"|\bwill (?:stream|air|arrive|be available)\b",
    re.IGNORECASE,
)
_VAGUE_AGO = re.compile(
    r"\b(?:a few|several|some|many|a couple of)\s+(?:days|weeks|months|years)\s+(?:ago|earlier|before)\b"
    # "close to two years after season five was released": a rough span, not a date
    rf"|\b(?:almost|nearly|close to|roughly|about|around|more than|over|upwards of|well over)\s+(?:a|an|one|\d{{1,2}}|{CARDINAL_RE})\s+(?:days?|weeks?|months?|years?)\s+(?:ago|earlier|before|after|since)\b",
    re.IGNORECASE,
)
_EVENT_NAME_BEFORE = re.compile(
    r"(?-i:\b(?:Comic-Con|CinemaCon|CineEurope|D23|Expo|Festival|Fest|Awards|Emmys|Oscars|Globes"
    r"|Upfronts?|Summit|Showcase|Celebration|Con|Sundance|Cannes|Venice|TIFF|SXSW|Berlinale)\s+)$"
)
"""A year right after an event's name ("Comic-Con 2024") names the event, not a release."""
LATER_PART = re.compile(
    r"\b(?:part (?:2|two|ii|3|three|iii)|volume (?:2|two|ii)|second half|back half|second part|remaining (?:[\w-]+ )?episodes|rest of the (?:[\w-]+ )*season"
    r"|(?:closing|final|last) (?:\w+ )?episodes|(?:second|final|last) batch"
    r"|other (?:[\w-]+ )?episodes|a new (?:one|episode)|the remaining \w+)\b[^;]{0,60}$",
    re.IGNORECASE,
)
"""A split season's later part ("Part 2", "the back half", "the remaining episodes")."""
FIRST_PART = re.compile(
    r"\b(?:part (?:1|one|i)|first (?:part|half|batch|volume|(?:\w+ )?episodes)|volume (?:1|one)|the first \w+ episodes)\b",
    re.IGNORECASE,
)
"""A split season's first part."""
_THEN_TO = re.compile(
    r"\s*,?\s*(?:and\s+)?then\s+(?:(?:back|again|forward|up|once more)\s+){0,2}(?:to|into|until)\s+(?:the\s+)?",
    re.IGNORECASE,
)
"""'..., then back again to ...': a later move in the same chain."""
_YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
_PAST_CONTEXT = re.compile(
    r"\b(?:since|opened|debuted|premiered|arrived|landed|bowed|came out|hit (?:theaters|theatres|cinemas)"
    r"|was released|were released|took|earned|earning|grossed|grossing|collected|pulled in|brought in"
    r"|watched|tuned in"
    r"|(?:set|broke) (?:a|the) record)\b",
    re.IGNORECASE,
)
"""A clause telling of a release that happened: its day without a year is a past day."""
_FORECAST_BEFORE = re.compile(
    # Not "on track for": said of a weekend under way as much as of one to come.
    r"\b(?:aiming|aims|aimed|tracking|tracks|forecast|forecasting|eyeing|eyes|predicted|predicts"
    r"|hoping|hopes)\b[^;]{0,40}$",
    re.IGNORECASE,
)
"""Takings still to come: "aiming for an opening of about $33 million"."""
_SECOND_WINDOW = re.compile(
    r"\b(?:linear|broadcast|cable|network|free-to-air|terrestrial|on-air)\s+(?:debut|premiere|bow|run)\b"
    # "a limited engagement on October 24, then open wide on October 31": the first is the news.
    r"|\b(?:open(?:s|ing)?|go(?:es|ing)?|expand(?:s|ing)?)\s+wide\b",
    re.IGNORECASE,
)
"""A second showing after the first ("its linear debut two days later"): the first is the news."""
_SEVERAL_SUBJECT = re.compile(
    r"\b(?:they|together|combined|between them|both films|the (?:two|three|four|first two|first three)"
    r"(?:\s+[\w-]+)?\s+(?:films|movies))\b[^.;]{0,30}$",
    re.IGNORECASE,
)
"""'Together they grossed $215 million': several films' takings, not one's."""
_PROMO_WORD = re.compile(
    r"\b(?:trailers?|teasers?|clips?|footage|first look|promos?|sneak peeks?|featurettes?)\b", re.I
)
"""What draws views before a show is out."""
_OTHER_MARKET = re.compile(
    r"(?:\b(?:in|across|for)\s+(?:the\s+)?(?:U\.K\.|UK|Britain|Ireland|Canada|Australia|New Zealand"
    r"|Europe|Japan|China|India|Latin America|France|Germany|Italy|Spain|Mexico|Brazil|(?:South )?Korea"
    r"|international markets|other (?:markets|territories|countries))"
    r"|\b(?:internationally|overseas|abroad)\b)"
    # Right before the date: "shot in Canada, it opens on May 2" dates no other market.
    r"(?=\s*,?\s*(?:(?:on|from|in|starting)\s+)?$)"
)
"""A date for another market ("and in the U.K. on Nov. 11"): the first release is the news."""
_MARKET_RELEASE = re.compile(
    r"\b(?:Chinese|Japanese|Korean|Indian|British|U\.?K\.?|Irish|Canadian|Australian|French|German"
    r"|Italian|Spanish|Mexican|Brazilian|European|Asian|international|overseas|foreign)\s+"
    r"(?:theatrical\s+|cinema\s+|streaming\s+)?(?:release|premiere|debut|opening|rollout|launch|bow)\b",
    re.IGNORECASE,
)
"""Another market's release named before its date ("its Chinese release follows on June 6")."""
_OPENING_DAY = re.compile(
    rf"\b(?P<before>{WEEKDAY_RE}),?\s+(?:its|their|the)\s+(?:opening|release|first|debut)\s+day\b"
    rf"|\b(?:its|their|the)\s+(?:opening|release|first|debut)\s+day(?:,\s*|\s+on\s+|\s+was\s+)"
    rf"(?P<after>{WEEKDAY_RE})\b|\bthe\s+(?P<the>{WEEKDAY_RE})\s+it\s+opened\b",
    re.IGNORECASE,
)
"""'on Friday, its release day', 'its opening day on Wednesday', 'the Friday it opened'."""


def _opening_day(scan: SentenceScan) -> str | None:
    """The day a film opened, where the sentence names it beside "its opening day"."""
    match = _OPENING_DAY.search(scan.sentence.norm)
    if match is None:
        return None
    day = match.start(next(g for g in ("before", "after", "the") if match.group(g)))
    for t in scan.times:
        if t.kind == "weekday" and t.start <= day < t.end:
            value = resolve(t, scan.published, future=False)
            return value if value and value <= scan.published.isoformat() else None
    return None


_SEASON_PREMIERE_BEFORE = re.compile(
    r"\b(?:(?:season|series)\s+\w+|\w+[- ]season)(?:'s)?\s+(?:premiere|release|debut|return|launch)"
    r"(?:\s+on\s+(?:the\s+)?[\w+]+(?:\s+[\w+]+)?)?\s*,\s*(?:(?:currently|now|still|tentatively|officially)\s+)?$",
    re.IGNORECASE,
)
"""A numbered season's premiere right before its scheduling ("the Season 3 premiere, now set for")."""


def _premiere_season_before(before: str) -> int | None:
    """The season whose premiere the scheduling verb right after it dates, if one is named."""
    match = _SEASON_PREMIERE_BEFORE.search(before)
    if match is None:
        return None
    found = find_seasons(match.group(0))
    return found[0].number if found else None


_AHEAD_OF_ITS_RELEASE = re.compile(
    r"\b(?:ahead of|before|in advance of)\s+(?:its|their|the show's|the series')\s+"
    r"(?:(?!season|series)[\w,' -]){0,30}$",
    re.IGNORECASE,
)
"""'ahead of its January 18 premiere': the release of the season now coming, in a renewal."""
_OUTCOME_AFTER = re.compile(
    r"(?:\s+of\s+[^.;,]{1,60}?)?\s+(?:drew|attracted|pulled|drove|topped|broke|became|earned"
    r"|scored|delivered|averaged|grabbed|racked up|set a record|made history|led)\b",
    re.IGNORECASE,
)
"""'its debut drew 3 million viewers in January': what a release did, so it is past."""
_WHEN_CLAUSE_GAP = re.compile(
    r",\s+when\s+(?:the|its|a)\s+(?:[\w-]+\s+){0,3}?(?:season|series|film|movie|show|episodes)"
    r"(?:\s+of\s+[^,;.]{1,40}?)?\s+(?:will\s+)?$",
    re.IGNORECASE,
)
"""'on July 31, when the second season debuts': the day the when-clause's release falls on."""
_WIDENS = re.compile(r"\b(?:widen|expand)(?:s|ed|ing)?\b", re.IGNORECASE)
"""'due to widen next weekend': a limited release reaching more screens, not the release."""
_CLOCK_IN_GAP = re.compile(
    r"\s+at\s+\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\b\.?|/\d{1,2}c\b)"
    r"(?:\s+(?:ET|PT|CT|GMT|BST|UK time|local time|Eastern|Pacific)\b(?:/PT\b)?)?",
    re.IGNORECASE,
)
"""'premieres at 9 p.m. ET on January 9': the hour of a day."""
_GAP_STOP = re.compile(r";|(?<!\b[A-Z])\.(?!\d)")
"""A stop between a verb and a time, not the points of an initialism ("in the U.S. on May 2")
or of a number in a title ("moved Lumen 2.0 to May 16")."""
_LAST_EPISODE_GAP = re.compile(
    r"\b(?:weekly|week by week|(?:each|every) (?:week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|episodes? (?:a|per) week)\b"
    r"[^.;]{0,30}?\b(?:until|till|through(?: to)?)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+)?(?:finale\s+)?(?:on\s+)?$"
    r"|\bfinale(?:\s+of\s+[^,;.]{1,60}?)?\s+(?:on\s+)?$"
    # "will broadcast its very last episode on August 23": one episode's day, not a release.
    r"|\b(?:last|final)\s+(?:new\s+)?episode\s+(?:on\s+)?$",
    re.IGNORECASE,
)
"""'one more will follow each week until October 25', 'until the finale on October 25', 'its
very last episode on August 23': the last episode's day."""
_EPISODE_ANTECEDENT = re.compile(
    r"\b(?:finale|episodes?)\b[^,;.]{0,25},?\s+(?:which|that)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE
)
"""'the season finale, which is scheduled for May 21': a relative clause about one episode."""
_OR_NEXT = re.compile(
    r",?\s+or\s+(?:even\s+|possibly\s+|perhaps\s+|maybe\s+)?(?:in\s+|by\s+)?", re.IGNORECASE
)
"""Between two alternative times: "late 2026 or early 2027"."""
_AHEAD_BEFORE = re.compile(r"\b(?:will|shall|going to|set to|plans? to)\b|'ll\b", re.IGNORECASE)
"""'will decide after the season 2 finale on May 20': a finale still to come (the sentence's
words before the finale, as 'after' opens a clause of its own)."""
_SINCE_BEFORE = re.compile(r"\bsince\b[^,;]{0,60}$", re.IGNORECASE)
"""A clause counting time since an event ("two years since the season ended"): background."""
_FROM_TIME = re.compile(r"(?:from|since)\s", re.IGNORECASE)
_COMING_END = re.compile(r"\b(?:comes|coming) to an end\b", re.IGNORECASE)
_NOT_YET_OUT = re.compile(
    r"\bwhen it (?:arrives|opens|lands|debuts|hits)\b|\bahead of (?:its|the film's) (?:release|opening|debut)\b",
    re.IGNORECASE,
)
"""'will be a different story when it arrives, tracking toward a $125 million opening'."""
_HOW_IT_ENDED = re.compile(
    r"\b(?:how|the way|where|what happened when)\s+(?:[\w'-]+\s+){0,6}$", re.IGNORECASE
)
"""'Given how the first season ended, ...': the story's ending, not the end of a run."""
_STORY_ENDING = re.compile(
    r"^\s*(?:with|on)\s+(?!(?:the\s+)?(?:air|a high|a record|schedule)\b)", re.IGNORECASE
)
"""'the season ended with Mara leaving town', 'signed off on a cliffhanger': what happened in
the story's ending, which says nothing datable about the run unless a date comes with it."""
_NEWS_ENDED = re.compile(
    r"\b(?:has|have|had)\s+(?:now\s+|just\s+|finally\s+|officially\s+)?$", re.IGNORECASE
)
_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:ended|finished|concluded|signed|closed|wrapped)\b",
    re.IGNORECASE,
)
"""'Season two has ended with...': news of the run ending now, not a recap."""
_RECAP_CLAUSE = re.compile(r"\b(?:after|since|when|once|given|because|as)\b", re.IGNORECASE)
"""A subordinate clause that recalls the ending to set up something else."""
_JUST_OUT = re.compile(
    r"\b(?:has|have)\s+(?:now\s+|just\s+|finally\s+|officially\s+|at last\s+)?$", re.IGNORECASE
)
"""'has premiered', 'has returned to Netflix': a release that is the news, dated by the report."""
_RETURNED_TO = re.compile(
    r"(?:returned|arrived|landed|debuted|premiered)\s+(?:to|on)\s+(?-i:[A-Z])", re.IGNORECASE
)
_LATER_EPISODE = re.compile(
    rf"(?:^|[,;:]\s*)\W*(?:(?:the|its|their|whose)\s+)?(?:{_LATER_EPISODE_NUMBER}"
    rf"|(?:{_LATER_ORDINAL}|last|final)(?:\s+new)?\s+episode)\b[^,;]{{0,40}},?\s*$"
    # "The flashback episode that streamed on June 11": one episode, not the season.
    r"|\b(?:the|an?)\s+(?:[\w-]+\s+){0,2}?episode\b[^,;]{0,40}?\b(?:that|which)\s*$",
    re.IGNORECASE,
)
"""A later episode as the subject ("the last new episode of X aired in April 2020"): its
airing is not the season's premiere."""
_FREE_WINDOW = re.compile(
    r"(?:will\s+)?\w+\s+(?:for\s+)?free\b|\w+[^.;]{0,30}\bfree (?:trial|window|for a)\b", re.I
)
_RECALLED_BEFORE = re.compile(
    r"\b(?:after|since|following)\s+(?:its|their|the(?:\s+[\w-]+){0,2})\s+$", re.IGNORECASE
)
_STREAMING_VENUE = re.compile(
    r"\b(?:on|to|via)\s+(?:Disney\+|Disney Plus|Netflix|Max|HBO Max|Prime Video|Amazon Prime|Peacock|Paramount\+"
    r"|Paramount Plus|Hulu|Apple TV\+?|streaming|digital|home video|Blu-ray|VOD|PVOD|premium video on demand"
    # Any service named with a plus: "on Meridian+".
    r"|(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\+))"
    r"|\b(?:to stream|streaming debut|digital release|home release|on demand)\b",
    re.IGNORECASE,
)
_HOME_RELEASE = re.compile(rf"{_STREAMING_VENUE.pattern}|\bstream(?:s|ing)?\b", re.IGNORECASE)
"""A streamer between a release verb and its date: 'arrives on HBO Max on November 14'."""
_STRAIGHT_TO_STREAMING = re.compile(
    r"\bskip(?:s|ping|ped)?\s+(?:theaters|theatres|cinemas|(?:a|its)\s+theatrical\s+(?:release|run))\b"
    r"|\b(?:straight|directly)\s+to\b|\binstead of (?:theaters|theatres|cinemas)\b"
    # "it will not get a run in cinemas", "won't play in theaters first", "no theatrical release".
    r"|\b(?:will not|won't|is not going to|isn't going to|does not|doesn't)\s+(?:get|have|play|open|be)\s+"
    r"(?:(?:a|any)\s+)?(?:(?:theatrical|cinema|big-screen)\s+)?(?:run|release|outing|engagement)?\s*"
    r"(?:in|at)\s+(?:theaters|theatres|cinemas)\b"
    r"|\bno\s+(?:theatrical|cinema|big-screen)\s+(?:run|release)\b",
    re.IGNORECASE,
)
"""A film that comes out on a streamer rather than in cinemas: the streamer's date is its release."""
_IN_CINEMAS = re.compile(r"\b(?:in|to)\s+(?:theaters|theatres|cinemas)\b", re.IGNORECASE)
SHOOT_ENDED_RULE = "stage.wrapped.finished-filming"
_SHOOT_OF_SEASON = re.compile(
    r"\b(?:filming|shooting|production|principal photography|the shoot|lensing)\s+(?:on|of|for)\s+"
    r"(?:the\s+|its\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
"""'Filming on the fourth season ... ended': the season's shoot as the subject."""
_WORK_ON_SEASON = re.compile(
    r"\bwork\s+(?:on|of|for)\s+(?:the\s+|its\s+)?(?:[\w'&:.-]+\s+){0,4}$", re.I
)
"""'Work on Northwind season 5 started in April': the season's making began (its writing or
its shoot), not its run. A shoot's start ("Filming on ...") is read by the filming rules."""
_SEASON_NOUN_FIRST = re.compile(r"(?:season|series|run)\b")
"""A schedule's "begins" told of a season ("season of X starts in August")."""
_PREMIERED_RULE = next(rule for rule in RELEASED if rule.id == PREMIERED)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_BEFORE_A_DAY = re.compile(r"\bbefore\s+$", re.IGNORECASE)
_A_DAY = frozenset({"date", "date_dmy"})


_RETURNED_FOR = "stage.released.has-returned-for"
_RIGHT_BEFORE = re.compile(r"[\"'\s]*(?:,[^,;]{1,60},[\s\"']*)?")
"""Between a subject and its verb: nothing, or an aside ("X, the Meridian drama, has ...")."""


def released(site: CueSite, ctx: Context, refs: list[Ref], event: str | None) -> list[Candidate]:
    """A release that happened: the stage ``released`` and, unless it was a finale, its date."""
    if site.cue.rule.id == RUN_ENDED and _SHOOT_OF_SEASON.search(site.before):
        return _shoot_ended(site, ctx, refs, event)
    if site.cue.rule.id == SEASON_BEGAN and _WORK_ON_SEASON.search(site.before):
        return []
    if site.cue.rule.id == _RETURNED_FOR and not any(
        r.end <= site.cue.start and _RIGHT_BEFORE.fullmatch(site.norm, r.end, site.cue.start)
        for r in site.scan.refs
        if (r.show or r.kind == "anaphor") and not r.excluded
    ):
        return []  # "Ana Ruiz has returned for the third season": the actor came back
    if _SEASONS_SUBJECT.search(site.before):
        return []  # "the earlier seasons had all premiered in the spring": which, and when?
    if _STARTED.search(site.norm, site.cue.start, site.cue.end) and _SHOOT_SUBJECT.search(
        site.norm, 0, site.cue.start
    ):
        return []  # "production on season 2 began on Monday": the shoot's start
    return _released(site, ctx, refs, event)


_SEASONS_SUBJECT = re.compile(
    r"\b(?:the|its|their|all|all the)\s+(?:(?:earlier|previous|past|prior|older|other|first"
    r"|\w+\s+(?:earlier|previous|prior))\s+)?seasons\s+(?:had\s+|have\s+|were\s+)?"
    r"(?:all\s+|each\s+|also\s+)?$",
    re.IGNORECASE,
)
"""Seasons in the plural as the subject of a release: no one season's news."""


_AUXILIARIES = (
    r"(?:(?:will|would|is|are|was|were|has|have|had|to|set|expected|also|soon|finally|now)\s+)*"
)
PERSON_SUBJECT = re.compile(
    r"\b(?:star|stars|co-star|actor|actress|creator|director|host|showrunner|writer|producer)\s+"
    rf"(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+)\s+{_AUXILIARIES}$"
    r"|(?-i:\b[A-Z][\w'-]+\s+[A-Z][\w'-]+),\s+(?:the|a|an)\s+(?:[\w-]+\s+)?"
    r"(?:star|co-star|creator|director|host|showrunner|writer|producer|lead)\s+of\s+[^,;]{1,60},\s+"
    rf"{_AUXILIARIES}$",
    re.IGNORECASE,
)
"""A person named as the subject of a return ("Northwind star Ana Ruiz returned on Meridian",
"will be back", "Ana Ruiz, the star of X, returns"): the person came back, not the show."""


def _implicit(cue: Cue) -> bool:
    """Whether the cue says a release is out without dating it ("now streaming", "ended")."""
    return cue.rule.id in PRESENT_RELEASES or cue.rule.id == RUN_ENDED


def _told_as_out(site: CueSite, event: str | None) -> bool:
    """Whether the release cue tells of a release that happened, as news or with its time."""
    cue = site.cue
    if cue.rule.id == PREMIERED and PERSON_SUBJECT.search(site.before):
        return False
    implicit = _implicit(cue)
    # "has premiered", "has returned to Apple TV+ with its third season": out as of now.
    just_out = cue.rule.id == PREMIERED and bool(_JUST_OUT.search(site.before))
    finale_aired = cue.rule.id == PREMIERED and bool(
        _FINALE_SUBJECT.search(site.norm, max(0, cue.start - 80), cue.start)
    )
    # "two years since the fifth season ended": undated background, no news.
    counted_since = (
        site.clause.kind == "background"
        and bool(_SINCE_BEFORE.search(site.before))
        and not finale_aired
    )
    if event is None and (counted_since or not (implicit or just_out or finale_aired)):
        return False
    return not (
        cue.rule.id == SINCE_PREMIERE
        and _FINALE.search(site.norm, cue.start, cue.end)
        and _AHEAD_BEFORE.search(site.norm, 0, cue.start)
    )


_SOURCE_MATERIAL = re.compile(
    r"\b(?:(?:video\s+)?games?|books?|novels?|comics?|comic books?|manga|graphic novels?"
    r"|toys?|toy line|franchise|film series)\b",
    re.IGNORECASE,
)
"""What a show is often adapted from, or part of: its launch is not the show's."""


def _source_material_launch(site: CueSite, event: str | None) -> bool:
    """A launch a decade or more before the story, told beside the games or books it was.

    "Capcom launched X in 1996, and the games have since sold 100 million copies": the
    work the show adapts came out then, not the show.
    """
    return (
        event is not None
        and event[:4].isdigit()
        and int(event[:4]) <= site.scan.published.year - 10
        and _SOURCE_MATERIAL.search(site.norm) is not None
    )


def _released(site: CueSite, ctx: Context, refs: list[Ref], event: str | None) -> list[Candidate]:
    cue = site.cue
    if not _told_as_out(site, event) or _source_material_launch(site, event):
        return []
    implicit = _implicit(cue)
    takings_ahead = _NOT_YET_OUT.search(site.norm) or _FORECAST_BEFORE.search(
        site.norm, max(0, cue.start - 50), cue.start
    )
    if (cue.rule.id == BOX_OFFICE and takings_ahead) or (
        cue.rule.id == AIRING
        # "premieres May 2, with a new episode every Friday" (not a later clause's premiere).
        and (
            _PREMIERE_WORD.search(site.norm, 0, cue.start)
            or _PREMIERE_WORD.search(site.clause_text)
        )
    ):
        return []  # "premieres May 2, with a new episode every Friday": not out yet
    if cue.rule.id == AIRING:
        event = None  # the next episode's day is not the season's release
    story_recap = _story_recap(site, event)
    if (cue.rule.id == RUN_ENDED and _HOW_IT_ENDED.search(site.before)) or (
        story_recap and _RECAP_CLAUSE.search(site.before)
    ):
        return []  # "given how / after the first season ended with Mara leaving": background
    if cue.rule.id == RUN_ENDED and _COMING_END.search(site.norm[cue.start : cue.end]):
        event = None  # "comes to an end on Friday": still airing now
    when = event or statement_date(site)
    release, opening_day = _release_of(site, event, when)
    # "Now streaming" says it is out, not since when: no release date unless one is stated;
    # "aired its season one finale": the last episode's date is not the release date.
    # "Episode four aired on May 3": the season is out, but that day is not its release.
    with_date = (
        not _FINALE.search(_untitled(site.scan, 0, cue.end + 40))
        and not _LATER_EPISODE.search(site.before)
        and cue.rule.id not in {RUN_ENDED, VIEWERSHIP, CHART_RUN, FESTIVAL_PREMIERE}
        and (
            bool(_OPENING_WORDS.search(site.norm) or opening_day or _first_weekend(site.scan))
            if cue.rule.id == BOX_OFFICE
            else event is not None
        )
    )
    if _VAGUE_AGO.search(site.clause_text) or _VAGUE_AGO.search(
        site.norm[max(0, cue.start - 60) : cue.start]
    ):
        with_date = False  # "opened a few months ago": out, but not a date to record
    series_finale = bool(_SERIES_FINALE.search(site.norm[: cue.start]))
    catalogue = _BACK_CATALOGUE.search(site.before) if implicit else None
    if catalogue is not None:
        # "The first three seasons are streaming": each of them is out, none dated.
        return _back_catalogue(site, ctx, refs, catalogue.group("n"))
    out: list[Candidate] = []
    for named in refs:
        if _predecessor(site, ctx, named, when) or _not_its_audience(site, ctx, named):
            continue
        if story_recap and (named.source != "explicit" or site.inherited(named)):
            continue  # "the season finale closed with...": which season, and when, is not said
        ref = _season_released(site, ctx, named, event, series_finale=series_finale)
        inherited = site.inherited(ref)
        out.append(make_stage_candidate(site.scan, ctx, ref, "released", cue.rule.id,
                                        offset=cue.start, as_of=when, dated=not implicit,
                                        inherited=inherited, role=cue.rule.role))  # fmt: skip
        if with_date:
            value = _weekend_month(site, ctx, ref, release)
            out.append(make_release_candidate(site.scan, ctx, ref, value, "release.date.premiered",
                                              offset=cue.start, certainty=Certainty.confirmed,
                                              as_of=when, dated=not implicit, role=cue.rule.role,
                                              inherited=inherited, stage="released"))  # fmt: skip
            if ref.source == "explicit":
                # "season one on December 10, 2020, and season two on December 22, 2022"
                out.extend(gapped_releases(site, ctx, ref))
    return out


def _release_of(site: CueSite, event: str | None, when: str) -> tuple[str, str | None]:
    """The release value of a released claim, and the opening day the sentence names, if any."""
    if site.cue.rule.id != BOX_OFFICE:
        return when, None
    opening_day = _opening_day(site.scan)
    if opening_day is not None:
        return opening_day, opening_day  # "made $9.2 million on Friday, its release day"
    # Takings say the film is out, not which day it opened: its release is the month, that
    # of the opening weekend's Friday when the takings come undated ("opened to $21 million",
    # told on Monday June 2, opened in May).
    return (when if event is not None else _weekend_friday(when))[:7], None


_WEEKEND_WORDS = frozenset({"last weekend", "this past weekend", "over the weekend", "past weekend",
                            "this weekend"})  # fmt: skip
_NAMED_DAY_KINDS = frozenset({"date", "date_dmy", "weekday", "holiday"})


def _weekend_month(site: CueSite, ctx: Context, ref: Ref, release: str) -> str:
    """A film's release told by its opening weekend is its month, like its takings."""
    if ref.show in ctx.films and site.cue.rule.id != BOX_OFFICE and _opening_weekend(site.scan):
        return release[:7]  # "reached cinemas over the weekend"
    return release


def _opening_weekend(scan: SentenceScan) -> bool:
    """Whether a film's opening is told by the weekend it fell on, with no day named.

    The box office reports a film's first weekend, not the day it opened: like takings,
    such an opening dates its release to the month ("blew past expectations in its debut
    this weekend"). A day the sentence names ("opened on Friday") is kept.
    """
    kinds = {t.kind for t in scan.times}
    return _weekend_told(scan) and not kinds & _NAMED_DAY_KINDS


def _weekend_told(scan: SentenceScan) -> bool:
    """Whether the sentence names a weekend just gone or under way ("over the weekend")."""
    return any((t.get("word") or "") in _WEEKEND_WORDS for t in scan.times)


_LATER_IN_THE_RUN = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|another|consecutive"
    r"|straight|running|cumulative)\b|\btotals?\b|\bso far\b|\b(?:add(?:s|ed)?|held|holds?|holding"
    r"|fell|falls?|dropp(?:ed|ing)|dipp(?:ed|ing)|slipp(?:ed|ing)|slid|slides|brings?|bringing|lifting"
    r"|passe[sd]|crosse[sd]|remain(?:s|ed)?|stay(?:s|ed)?|again)\b"
    # A chart's leader is as often a film in its third week: "topped the box office".
    r"|\b(?:top(?:s|ped)?|led|leads|ruled|rules|won|first place|no\.?\s*1|number one)\b",
    re.IGNORECASE,
)
"""Words of a run under way: a later weekend's takings, a running total, a hold or a drop,
or a place in the chart."""
_SUM = re.compile(r"[$£€]\s?\d")


def _first_weekend(scan: SentenceScan) -> bool:
    """Whether undated takings are a weekend's that can only be the opening one.

    "Took $22.4 million over the weekend": a film's takings for a weekend, told with
    nothing of a run under way (a second weekend, a total, a hold, a place in the chart),
    are its opening weekend's, so they date its release to that month.
    """
    norm = scan.sentence.norm
    return _weekend_told(scan) and bool(_SUM.search(norm)) and not _LATER_IN_THE_RUN.search(norm)


def _weekend_friday(day: str) -> str:
    """The Friday on or before ``day`` (an ISO date), the opening day of a weekend just told."""
    if len(day) != 10:
        return day
    date = dt.date.fromisoformat(day)
    return (date - dt.timedelta(days=(date.weekday() - 4) % 7)).isoformat()


def _untitled(scan: SentenceScan, start: int, end: int) -> str:
    """The sentence's text from ``start`` to ``end`` with catalog titles blanked.

    "Downton Abbey: The Grand Finale is set to be released on ...": a word of the title
    is not the episode it names elsewhere.
    """
    text = scan.sentence.norm
    start, end = max(0, start), min(len(text), end)
    chars = list(text[start:end])
    for ref in scan.refs:
        if ref.kind == "show" and ref.start < end and start < ref.end:
            for i in range(max(ref.start, start), min(ref.end, end)):
                chars[i - start] = " "
    return "".join(chars)


def _season_released(
    site: CueSite, ctx: Context, ref: Ref, event: str | None, *, series_finale: bool
) -> Ref:
    """The reference with the season a release tells of, where the sentence implies one."""
    if (series_finale or (site.cue.rule.id == RUN_ENDED and ref.source != "explicit")) and (
        ref.show in ctx.counts
    ):
        # The series finale belongs to the last season the show had, and so does the end of
        # its run ("ended its three-season run last night").
        return replace(ref, season=ctx.counts[ref.show], source="explicit")
    if (
        ref.source == "after"
        and ref.season is not None
        and _WHICH_OF_A_SEASON.search(site.norm, 0, site.cue.start)
    ):
        # "dropping X after its second season, which debuted in June": the relative clause
        # is that season's, not a count of the seasons made.
        return replace(ref, source="explicit")
    if _show_premiere(site, ctx, ref, event):
        # "when The Glass Orchard premiered in 2022", in a story about its second
        # season: the show's premiere, its first season.
        return replace(ref, season=1, source="explicit")
    return ref


_LATEST_BEFORE = re.compile(
    r"\b(?:last|latest|most recent(?:ly)?|previous(?:ly)?|prior|earlier|final|newest|recent|new)\b",
    re.IGNORECASE,
)
"""'the last series', 'the show last aired': the season before, not the show's debut."""
_SEASON_WORD = re.compile(
    r"\b(?:seasons?|runs?|instal(?:l)?ments?|chapters?|parts?|volumes?|batch|episodes?)\b",
    re.IGNORECASE,
)
"""'the second season premiered in 2021': a season named, not the show's debut."""


def _show_premiere(site: CueSite, ctx: Context, ref: Ref, event: str | None) -> bool:
    """A series named in the clause premiered a year or more before the story: its debut."""
    return (
        site.cue.rule.id == PREMIERED
        and event is not None
        and ref.show not in ctx.films
        and ref.source != "explicit"
        # "The drama premiered on the platform in July 2020": the show, named or described
        # ("the last series was broadcast in 2021" is the latest season's run, not the debut).
        and (
            ref.kind == "show"
            or (
                ref.kind == "anaphor"
                and not ref.pronoun
                and not ref.latest
                and site.norm.startswith("premiered", site.cue.start)
                and not _LATEST_BEFORE.search(
                    site.norm, max(0, site.cue.start - 40), site.cue.start
                )
                and not _SEASON_WORD.search(site.norm, ref.start, ref.end)
            )
        )
        and (
            not site.inherited(ref)
            or _relative_clause_of(site, ref)
            or bool(_WHEN_IT_BEFORE.search(site.norm, max(0, site.cue.start - 30), site.cue.start))
        )
        and int(event[:4]) < site.scan.published.year - 1
    )


_WHICH_OF_A_SEASON = re.compile(
    r"\bseason\s*,\s*(?:which|that)\s+(?:first\s+|had\s+|has\s+)?$", re.I
)
_WHICH_AFTER = re.compile(r"\s*,\s*(?:which|that)\s+", re.IGNORECASE)
_WHEN_IT_BEFORE = re.compile(r"\b(?:when|after|since)\s+it\s+(?:first\s+)?$", re.IGNORECASE)
"""'X was a hit when it premiered in 2022': "it" is the show the sentence names."""


def _relative_clause_of(site: CueSite, ref: Ref) -> bool:
    """'The series, which premiered in 2017, ...': the clause describes the reference before it."""
    return ref in site.scan.refs and bool(
        _WHICH_AFTER.fullmatch(site.norm, ref.end, site.cue.start)
    )


def _shoot_ended(
    site: CueSite, ctx: Context, refs: list[Ref], event: str | None
) -> list[Candidate]:
    """'Filming on the fourth season has finally ended': the shoot ended, not the run."""
    when = event or statement_date(site)
    return [
        make_stage_candidate(site.scan, ctx, ref, "wrapped", SHOOT_ENDED_RULE,
                             offset=site.cue.start, as_of=when, dated=event is not None,
                             inherited=site.inherited(ref))
        for ref in refs
    ]  # fmt: skip


def _story_recap(site: CueSite, event: str | None) -> bool:
    """Whether an undated end of a run tells how the story ended ("ended with Mara leaving")."""
    cue = site.cue
    return (
        cue.rule.id == RUN_ENDED
        and event is None
        and bool(_STORY_ENDING.search(site.after))
        and not _NEWS_ENDED.search(site.before)
        and not _PERFECT.search(site.norm[cue.start : cue.end])
    )


def _back_catalogue(
    site: CueSite, ctx: Context, refs: list[Ref], count: str | None
) -> list[Candidate]:
    """The newest season of a counted back catalogue ("both of the first two seasons") is released.

    The earlier seasons are implied history; the newest is the one whose state the news may set.
    """
    number = CARDINAL_WORDS.get((count or "").lower()) or (
        int(count) if count and count.isdigit() else 0
    )
    if not 0 < number <= 12:
        return []  # "every season": which seasons those are is not said
    when = statement_date(site)
    return [
        make_stage_candidate(site.scan, ctx, replace(ref, season=season, source="explicit"),
                             "released", site.cue.rule.id, offset=site.cue.start, as_of=when,
                             inherited=False)
        for ref in refs
        if ref.show not in ctx.films
        for season in (number,)
    ]  # fmt: skip


def _predecessor(site: CueSite, ctx: Context, ref: Ref, when: str) -> bool:
    """A film's release years back, when the film is not named in the clause: an earlier film.

    "Released in 2000, Gladiator followed ..." in a story about its sequel.
    """
    if ref.show not in ctx.films or not site.inherited(ref):
        return False
    return int(when[:4]) < site.scan.published.year - 1


def _first_window(
    norm: str, cue: Cue, chosen: TimeExpr, ctx: Context, refs: list[Ref]
) -> list[Ref]:
    """The titles a date is the release of: not a later window of a film or a later market."""
    if _STREAMING_VENUE.search(norm):
        # A film already out "lands on Disney+ on September 3": its home release.
        refs = [r for r in refs if not (r.show in ctx.films and (r.show, None) in ctx.released)]
    if (
        ctx.theatrical
        and _HOME_RELEASE.search(norm, cue.start, max(cue.end, chosen.start))
        and not _IN_CINEMAS.search(norm, cue.start, max(cue.end, chosen.start))
        and not _STRAIGHT_TO_STREAMING.search(norm)
    ):
        # "The A24 film arrives on HBO Max on November 14", in a story that speaks of its
        # cinema run: a film that plays in cinemas is released there, not on a streamer.
        # "opens in theaters and on Max on Dec. 25" is both at once: the release.
        refs = [r for r in refs if r.show not in ctx.films]
    if _MARKET_RELEASE.search(norm, max(0, chosen.start - 50), chosen.start):
        # "its Chinese release follows on June 6", said of a film already out: another
        # market's date, not its release.
        refs = [r for r in refs if (r.show, r.season) not in ctx.released]
    return refs


def upcoming(
    site: CueSite, ctx: Context, refs: list[Ref], *, hedge: bool, negative: bool
) -> list[Candidate]:
    """A release date or window to come, from the time expression the release verb governs."""
    cue = site.cue
    norm = site.norm
    word = norm[cue.start : cue.end].lower()
    past = (
        (
            cue.rule.id == "release.verb"
            and (
                (
                    _PAST_RELEASE.search(word)
                    and word != "expected"
                    and not (
                        _PASSIVE_BEFORE.search(norm[max(0, cue.start - 12) : cue.start])
                        # "Season 2, which was released January 5": a release past, not one to come.
                        and not (word == "released" and _WAS_BEFORE.search(norm, 0, cue.start))
                    )
                )
                # "the episodes began airing in April": the run started.
                or (word.endswith("ing") and _BEGAN_BEFORE.search(norm, 0, cue.start))
            )
            and not _FUTURE_BEFORE.search(norm[max(0, cue.start - 20) : cue.start])
        )
        or bool(_OUTCOME_AFTER.match(norm, cue.end))
    )
    if past and _JUST_OUT.search(site.before):
        return _has_returned(site, ctx, refs)
    # "its finale streams on May 3": one episode, not the season's release; "filming has
    # been postponed to May": the shoot moves, not the release.
    shoot_moved = (
        cue.rule.id.startswith("release.moved") or _BEGIN_WORD.search(word)
    ) and _SHOOT_SUBJECT.search(site.before)
    # "work on the fifth season starts in August": the season's making, not its run.
    making = _SEASON_NOUN_FIRST.match(word) and _WORK_ON_SEASON.search(site.before)
    before = _untitled(site.scan, cue.start - len(site.before), cue.start)
    one_episode = (
        _FINALE.search(before)
        or _LATER_EPISODE_SUBJECT.search(before)
        or (_ORDINAL_SUBJECT.search(before) and _EPISODES.search(norm, 0, cue.start))
        or _EPISODE_ANTECEDENT.search(norm, max(0, cue.start - 70), cue.start)
    )
    chosen = None if past or shoot_moved or making or one_episode else governed_time(site)
    if chosen is None or _not_to_come(site, chosen):
        return []
    chosen = _day_within(site.scan, _last_of_moves(site.scan, chosen))
    # The plan is old only in the phrase that holds the verb: "X, previously set for May,
    # now opens in June" dates June.
    phrase = _COORDINATED_NOW.split(site.before.rsplit(",", 1)[-1])[-1]
    if (
        (
            # "X (previously Nov. 1) now opens Dec. 6", "shifted X, previously set for Jan. 10,
            # to Feb. 14": an aside holds the old plan, not the verb's.
            cert.old_plan(
                _OLD_PLAN_ASIDE.sub(" ", phrase + norm[cue.start : max(chosen.end, cue.end)])
            )
            and not _HEDGED_CHANGE.match(norm, max(chosen.end, cue.end))
        )
        or _fronted_old_plan(norm, cue.start)
        or _attributive_old_plan(norm, cue, chosen)
        or _superseded_plan(norm, cue, chosen)
        or _postponed_plan(norm, chosen)
        # "left out of Netflix's 2026 release slate": not that year's release.
        or _LEFT_OFF.search(norm, max(0, chosen.start - 50), chosen.start)
    ):
        return []
    if (
        negative
        and (
            _UNTIL_BEFORE.search(norm[cue.end : chosen.start])
            or (chosen.get("rel") or "").split(" ")[0] in {"until", "till"}
            # "will not reach Netflix before August 12": that day, at the earliest.
            or (chosen.kind in _A_DAY and _BEFORE_A_DAY.search(norm[cue.end : chosen.start]))
        )
    ):
        # "won't be back until 2025", "won't premiere until January" (the month's expression
        # holds its "until") say when it comes back.
        negative = False
    if negative and chosen.kind != "open":
        return []
    scan = site.scan
    refs = _first_window(norm, cue, chosen, ctx, refs)
    if _RETURN_WORD.search(word):
        # "X comes back on May 28" after a renewal: the renewed season, not the one last told.
        refs = [_returning(ctx, r) for r in refs]
    elif _AHEAD_OF_ITS_RELEASE.search(site.before) and any(
        c.rule.role == "renewal" for c in find_cues(norm)
    ):
        # "renewed for a second season ahead of its January 18 premiere": the season before.
        refs = [replace(r, season=r.season - 1) if r.season and r.season > 1 else r for r in refs]
    elif (
        premiered := _premiere_season_before(norm[max(0, cue.start - 80) : cue.start])
    ) is not None:
        # "a fourth season ... before the Season 3 premiere, currently set for January 21":
        # the date is the named premiere's.
        refs = [replace(r, season=premiered, source="explicit") for r in refs]
    value = _either_or(scan, chosen, _near_the_date_replaced(scan, chosen, ctx.dated_months))
    if (
        value is None
        or (ended_before(value, scan.published) and not _this_weekend(chosen))
        or (_PAST_CONTEXT.search(site.clause_text) and _just_passed(chosen, value, scan))
    ):
        return []
    level = Certainty.rumored if hedge else Certainty.expected
    if chosen.kind == "today" and value <= scan.published.isoformat() and not hedge:
        # Today, or the weekend under way or just gone: it has come out.
        level = Certainty.confirmed
    family = cue.rule.id.split(".")[-1]
    rule_id = f"release.{family}.{chosen.kind}"
    as_of = statement_date(site)
    later = (
        bool(LATER_PART.search(site.before))
        or bool(_OTHER_MARKET.search(norm, max(0, chosen.start - 50), chosen.start))
        or bool(_SECOND_WINDOW.search(norm, max(0, cue.start - 30), cue.end + 20))
    )
    found = [
        replace(make_release_candidate(scan, ctx, ref, value, rule_id, offset=cue.start,
                                       certainty=level, as_of=as_of, dated=True,
                                       inherited=site.inherited(ref)), later_part=later)
        for ref in refs
    ]  # fmt: skip
    if _RETURN_WORD.search(word):
        found = [_after_aired(ctx, ref, c) for ref, c in zip(refs, found, strict=True)]
    elif not later:
        # "The final season" has no season after it; "two more arrive" goes on with it.
        found = [
            _next_after_one_out(ctx, ref, c)
            if ref.latest and not _FINAL_WORD.search(norm, ref.start, ref.end)
            else c
            for ref, c in zip(refs, found, strict=True)
        ]
    # "moved X to Oct. 4, Y to Nov. 22 and Z to Dec. 20": each title its own date.
    found += _slate_gapped(site, ctx, chosen, level, as_of)
    return found


_TITLE_THEN_TIME = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)[^,;.]{1,60}?\s+(?:to|for|on|into)\s+$", re.IGNORECASE
)
"""Between one date of a slate and the next: ", Saltmarsh to", " and Greyhaven for"."""


def _slate_gapped(
    site: CueSite, ctx: Context, chosen: TimeExpr, level: Certainty, as_of: str
) -> list[Candidate]:
    """The later titles of a slate told with one verb: "moved X to May 2 and Y to June 6".

    Each pair of a title and its date after the first, joined by a comma or "and", is that
    title's release, read as the first was. A pair that names no watched title (another
    studio's film) is passed over; the slate ends where the pattern does.
    """
    family = site.cue.rule.id.split(".")[-1]
    if family not in {"moved", "scheduled"}:
        return []  # a verb of coming out is each title's own, not a slate's
    scan, norm = site.scan, site.norm
    later = [t for t in scan.times if t.start >= chosen.end]
    found: list[Candidate] = []
    previous = chosen
    for time in later:
        if not _TITLE_THEN_TIME.fullmatch(norm, previous.end, time.start):
            break
        named = [
            r
            for r in scan.refs
            if r.kind == "show"
            and not r.excluded
            and previous.end <= r.start
            and r.end <= time.start
        ]
        value = resolve(time, scan.published, future=True)
        if len(named) == 1 and value is not None and not ended_before(value, scan.published):
            found.append(
                make_release_candidate(
                    scan,
                    ctx,
                    named[0],
                    value,
                    f"release.{family}.{time.kind}",
                    offset=named[0].start,
                    certainty=level,
                    as_of=as_of,
                    dated=True,
                    inherited=False,
                )
            )
        previous = time
    return found


_FINAL_WORD = re.compile(r"\b(?:final|last|closing)\b", re.IGNORECASE)


def _next_after_one_out(ctx: Context, ref: Ref, candidate: Candidate) -> Candidate:
    """'Season 2 aired in 2023. The new season premieres in June': the third.

    A season the article says came out does not come out again, so "the new season" still
    to come, with no number of its own, is the one after it.
    """
    season = candidate.claim.season
    if season is None or ref.source == "explicit" or (ref.show or "", season) not in ctx.released:
        return candidate
    return replace(candidate, claim=replace(candidate.claim, season=season + 1))


def _after_aired(ctx: Context, ref: Ref, candidate: Candidate) -> Candidate:
    """A series that "returns on September 12" comes back with a season after one that aired.

    Without a season of its own, the return is the season after the one the article
    says came out or has talked about; with no season in view it stays undecided here.
    """
    season = candidate.claim.season
    show = ref.show or ""
    if season is None or ref.source in {"explicit", "target", "after"} or show in ctx.films:
        return candidate
    if (show, season) in ctx.released or (season == 1 and ctx.seasons.get(show) == 1):
        season += 1  # "the first season was a hit ... the series returns on September 12"
    else:
        return candidate
    return replace(candidate, claim=replace(candidate.claim, season=season))


def _returning(ctx: Context, ref: Ref) -> Ref:
    """The season a show returns with: the one the story says was renewed, if later."""
    show = ref.show or ""
    if (ref.season is not None and ref.source == "explicit") or show in ctx.films:
        return ref
    renewed = ctx.renewed.get(show)
    current = ref.season if ref.season is not None else ctx.seasons.get(show)
    if renewed and (current is None or renewed > current):
        return replace(ref, season=renewed, source="sentence")
    # A show that comes back has had a season: the one after the last the story says
    # came out, else its second ("Beef will return in 2026").
    aired = [s for name, s in ctx.released if name == show and s]
    if current is None:
        if not aired and show in ctx.latest_unnumbered:
            return ref  # "the final season returns": which one, the story never says
        return replace(ref, season=max(aired, default=1) + 1, source="sentence")
    if current in aired and current == max(aired):
        return replace(ref, season=current + 1, source="sentence")
    return ref


_FROM_A_BREAK = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?from\s+(?:its|their|the|a)\s+(?:[\w-]+\s+)?"
    r"(?:mid-?season|winter|holiday|christmas|thanksgiving|olympics?|fall|spring|summer)\s+(?:break|hiatus)\b",
    re.IGNORECASE,
)
"""'returns from its midseason break on March 1': a season already out goes on."""


def _not_to_come(site: CueSite, chosen: TimeExpr) -> bool:
    """A time the release verb governs that still dates no release to come."""
    norm, cue = site.norm, site.cue
    # "will stream free for a month starting July 14": a promotion, not a release.
    if _FREE_WINDOW.match(norm, cue.start) or _FROM_A_BREAK.match(norm, cue.end):
        return True
    # "lands next week": the day is still to be told ("next weekend" names the opening days).
    if chosen.kind == "week_ahead" and chosen.get("word") != "next weekend":
        return True
    # "After its June 22 release, season 3 spent ...": a recap, not a date to come.
    return chosen.end <= cue.start and bool(_RECALLED_BEFORE.search(norm, 0, chosen.start))


_MOVED_TO_AFTER = re.compile(r",?\s+(?:to|into)\s+", re.IGNORECASE)


_DAY_WITHIN_GAP = re.compile(r",?\s+(?:on\s+)?", re.IGNORECASE)


def _day_within(scan: SentenceScan, chosen: TimeExpr) -> TimeExpr:
    """'opens this year on October 16': the day named right after its year."""
    if chosen.kind not in {"year", "year_rel"}:
        return chosen
    after = [t for t in scan.times if t.start > chosen.start]
    if after and after[0].kind == "date" and not after[0].explicit_year:
        gap = scan.sentence.norm[chosen.end : after[0].start]
        year = resolve(chosen, scan.published, future=True)
        day = resolve(after[0], scan.published, future=True)
        if _DAY_WITHIN_GAP.fullmatch(gap) and year and day and day.startswith(year):
            return after[0]
    return chosen


def _last_of_moves(scan: SentenceScan, chosen: TimeExpr) -> TimeExpr:
    """The date a chain of moves ends on: "pushed to February, then back again to November"."""
    norm = scan.sentence.norm
    if (
        _FROM_BEFORE.search(norm, 0, chosen.start)
        and _MOVE_WORD.search(norm, 0, chosen.start)
        and (to := _MOVED_TO_AFTER.match(norm, chosen.end))
    ):
        # "moved from this coming Christmas to December 25, 2022": the date it moves to.
        onto = [t for t in scan.times if t.start == to.end()]
        if onto:
            return _last_of_moves(scan, onto[0])
    then = _THEN_TO.match(norm, chosen.end)
    if then is None:
        return chosen
    following = [t for t in scan.times if chosen.end < t.start <= then.end() < t.end]
    return _last_of_moves(scan, following[0]) if following else chosen


def _not_its_audience(site: CueSite, ctx: Context, named: Ref) -> bool:
    """Takings or views that are not the production's own.

    A series takes no box office (the takings are a film's told nearby), and "it drew
    400 million views, a record for a trailer" counts a trailer's audience.
    """
    rule = site.cue.rule.id
    takings = rule in {BOX_OFFICE, CHART_RUN}
    return (
        takings and (named.show not in ctx.films or bool(_SEVERAL_SUBJECT.search(site.before)))
    ) or (rule == VIEWERSHIP and bool(_PROMO_WORD.search(site.norm)))


_REPLACED_BEFORE = re.compile(
    r"(?:\b(?:rather than|instead of|from|previously|originally|formerly)"
    r"|\b(?:had been|was|were)\s+(?:(?:first|originally|initially|once)\s+)?"
    r"(?:set|slated|dated|scheduled|due|planned|supposed|going))"
    r"\s+(?:[\w-]+\s+){0,3}?$",
    re.IGNORECASE,
)
"""'Rather than opening on', 'moved from', 'had been set for': the date a move replaces."""
_MOVED_UP = re.compile(
    r"\b(?:moved|moves|moving|bumped|pushed|brought)\s+(?:\w+\s+){0,3}?(?:up|forward)\b|\bearlier\b",
    re.I,
)
_DELAYED = re.compile(
    r"\b(?:delay(?:ed|s|ing)?|postpon(?:ed|es|ing)|pushed\s+(?:\w+\s+){0,3}?back|bumped\s+"
    r"(?:\w+\s+){0,3}?back)\b",
    re.I,
)
"""A move told as a delay: the new date comes after the one it replaces."""
_YEARLESS = frozenset({"date", "month_only"})
_WITH_YEAR = frozenset({"date", "month_year"})


def _yearless(chosen: TimeExpr) -> bool:
    """A day, a month or a season named without a year ("to the summer", not "next summer")."""
    if chosen.kind == "season_rel":
        rel = (chosen.get("rel") or "").strip()
        return rel in {"", "in", "by", "to", "for", "until"} or rel.endswith("the")
    return chosen.kind in _YEARLESS


def _this_weekend(chosen: TimeExpr) -> bool:
    return chosen.kind == "today" and chosen.get("word") == "this weekend"


def _near_the_date_replaced(
    scan: SentenceScan, chosen: TimeExpr, months: DatedMonths | None
) -> str | None:
    """The value of a release date; a yearless one that replaces a dated one is its neighbour.

    "Rather than opening on October 8, 2021, it will now reach theaters on July 16":
    a move shifts a date by weeks or months, so July 16 is 2021's, whenever the
    article was written. Otherwise a yearless date is the next one after publication.
    """
    if _this_weekend(chosen):
        # The weekend's opening day. Once it is under way or over, the film may have
        # opened on its Friday, on a Wednesday or with Thursday previews: its month is
        # what the story tells for sure.
        friday = weekend_opening(scan.published)
        return friday if friday >= scan.published.isoformat() else friday[:7]
    value = resolve(chosen, scan.published, future=True)
    if value is None or not _yearless(chosen) or chosen.explicit_year:
        return value
    norm = scan.sentence.norm
    replaced = [
        t
        for t in scan.times
        if t.end <= chosen.start
        and t.explicit_year
        and t.kind in _WITH_YEAR
        and _REPLACED_BEFORE.search(norm[max(0, t.start - 40) : t.start])
    ]
    old = parse_iso(resolve(replaced[-1], scan.published, future=True) or "") if replaced else None
    if old is None:
        if months is None:
            return value
        return year_the_article_gives(value, chosen, scan.sentence.position, months)
    options = [
        resolve(chosen, dt.date(old.year + shift, 1, 1), future=True) for shift in (-1, 0, 1)
    ]
    days = [(abs((day - old).days), v) for v in options if v and (day := parse_iso(v))]
    if not days:
        return value
    distance, nearest = min(days)
    # "moving from May 2021 to the early-November slot": half a year either way, and a
    # move is a delay more often than not, so the later one unless the move is told as up.
    later = [(d, v) for d, v in days if (day := parse_iso(v)) is not None and day > old]
    if (
        later
        and not _MOVED_UP.search(norm)
        # "originally set for February 22, 2019, before being delayed to November 22": a
        # delay told as one lands after the date it replaces, however far.
        and (_DELAYED.search(norm) or min(later)[0] <= distance * 1.25 + 15)
    ):
        nearest = min(later)[1]
    # A move from a date long gone to a month also gone is history, not a date to come.
    return None if ended_before(nearest, scan.published) else nearest


def _either_or(scan: SentenceScan, chosen: TimeExpr, value: str | None) -> str | None:
    """One window over two alternatives: "late 2026 or early 2027" is 2026-09/2027-04."""
    joint = _OR_NEXT.match(scan.sentence.norm, chosen.end)
    if value is None or joint is None:
        return value
    following = [t for t in scan.times if t.start == joint.end()]
    other = resolve(following[0], scan.published, future=True) if following else None
    if other is None or "tba" in (value, other):
        return value
    if Period.parse(other).first <= Period.parse(value).first:
        return value
    return f"{value.split('/')[0]}/{other.split('/')[-1]}"


def _this_years_past(chosen: TimeExpr, value: str, published: dt.date) -> bool:
    """Whether a holiday, month or weekday told in the past was read as one still to come.

    "the biggest Memorial Day opening ever" in August is this year's, however long ago;
    "since its release in early October" is the October just gone; "watched the premiere
    on Sunday" the Sunday just gone.
    """
    first = Period.parse(value).first
    if chosen.kind == "holiday":
        if _YEAR_IN.search(chosen.text):
            return False
        try:
            this_year = first.replace(year=published.year)
        except ValueError:
            return False
        return first.year > published.year and this_year <= published
    if chosen.kind == "month_only":
        return (
            not chosen.get("yrel")
            and chosen.get("rel") not in {"next", "this"}
            and first > published
        )
    return chosen.get("rel") in {None, "", "on"} and first > published


def _just_passed(chosen: TimeExpr, value: str, scan: SentenceScan) -> bool:
    """Whether a day without a year fell in the weeks before publication.

    "Since opening on July 19" in a July 22 story is three days ago, not next July:
    a told past date a year away would be written with its year.
    """
    if chosen.kind in {"holiday", "month_only", "weekday"}:
        return _this_years_past(chosen, value, scan.published)
    if chosen.kind not in {"date", "date_dmy"} or _YEAR_IN.search(chosen.text) or len(value) != 10:
        return False
    day = dt.date.fromisoformat(value)
    try:
        this_year = day.replace(year=scan.published.year)
    except ValueError:
        return False
    return day.year > scan.published.year and 0 <= (scan.published - this_year).days <= 45


def _has_returned(site: CueSite, ctx: Context, refs: list[Ref]) -> list[Candidate]:
    """'X has returned to Apple TV+ with its third season': out now, as a premiere is."""
    cue = site.cue
    if not _RETURNED_TO.match(site.norm, cue.start) or not any(
        not site.inherited(r) and r.end <= cue.start for r in refs
    ):
        return []
    as_premiere = replace(site, cue=replace(cue, rule=_PREMIERED_RULE))
    out = released(as_premiere, ctx, refs, event_time(as_premiere))
    # A show that returns is past its first season; which one, the sentence must say.
    return [c for c in out if c.claim.season != 1]


_TOLD_IN_GAP = re.compile(
    r"\b(?:was|were|has been|have been|had been|is being|got)\s+(?:officially\s+|finally\s+|first\s+)?"
    r"(?:revealed|announced|unveiled|disclosed|made public|shared|teased)\b",
    re.IGNORECASE,
)
_AS_BEFORE_TIME = re.compile(r"\b(?:as|for|to be)\s*(?:(?:on|in)\s+)?$", re.IGNORECASE)


def _told_in(gap: str) -> bool:
    """Whether a verb of telling stands between a release cue and a time ("was revealed on")."""
    return bool(_TOLD_IN_GAP.search(gap)) and not _AS_BEFORE_TIME.search(gap)


_TIME_PREPOSITION = re.compile(
    r"\b(?:for|on|to|until|till|by|from|since|before|after|in|into)\s*$", re.IGNORECASE
)


def _possessive(norm: str, t: TimeExpr) -> bool:
    """A time in the possessive that no preposition governs ("Sunday's nominees")."""
    return norm.startswith("'s", t.end) and not _TIME_PREPOSITION.search(
        norm, max(0, t.start - 12), t.start
    )


def _gap_to(norm: str, cue: Cue, t: TimeExpr) -> str:
    """The words between a verb and a time after it.

    A broadcast's hour before a day is read past ("premieres at 9 p.m. on January 9"), not
    before a weekday alone ("at 9 p.m. on Sunday" is as often the weekly slot as the premiere).
    """
    gap = norm[cue.end : t.start]
    return _CLOCK_IN_GAP.sub("", gap) if t.kind in {"date", "date_dmy"} else gap


def governed_time(site: CueSite) -> TimeExpr | None:
    """The time after the verb in its clause ("premieres on March 3"), or right before it."""
    scan, cue = site.scan, site.cue
    norm = site.norm
    for index, t in enumerate(scan.times):
        if index in site.said:
            continue
        if _WHEN_CLAUSE_GAP.fullmatch(norm, t.end, cue.start) and t.kind not in {"offset", "open"}:
            return _refined(scan, index)  # "on July 31, when the second season debuts"
        if scan.clauses.at(t.start).id != site.clause.id:
            continue
        if t.kind == "offset" or (t.kind == "today" and t.get("word") not in _RELEASE_DAYS):
            continue
        if (
            _EVENT_NAME_BEFORE.search(norm, max(0, t.start - 30), t.start)
            or _possessive(norm, t)
            or OLD_DATE_BEFORE.search(norm, max(0, t.start - 30), t.start)
        ):
            # "a return to Hall H at Comic-Con 2024": the year names the event; "most of
            # Sunday's Oscar nominees": the day names something else; "drops its original
            # Aug. 15 date": the date given up.
            continue
        gap = _gap_to(norm, cue, t)
        if _LAST_EPISODE_GAP.search(gap) or _told_in(gap):
            # "a new one follows every week until October 25": the run's last episode; "the
            # premiere date was revealed at Comic-Con on October 17": the telling's day.
            continue
        if (
            t.kind != "open"
            and (
                SKIP_TIME_BEFORE.search(norm[max(0, t.start - 20) : t.start])
                or _FROM_TIME.match(t.text)  # "slipped from December to next summer"
            )
            and not _STARTING_GAP.fullmatch(gap)
            and not _start_from(norm, t, gap)
        ):
            continue
        if cue.rule.id == "release.moved" and not (
            _MOVED_TO.search(gap)
            or _MOVED_TO_WORD.match(t.text)
            or (_PUT_WORD.match(norm, cue.start) and _PUT_ON.search(gap))
        ):
            continue
        if cue.start <= t.start and t.start - cue.end <= 100 and not _GAP_STOP.search(gap):
            if cue.rule.id == "release.verb" and (
                any(c.rule.kind == "release" for c in find_cues(gap)) or _WIDENS.search(gap)
            ):
                continue  # another release verb sits between: the time is its own
            return _refined(scan, index)
        if 0 <= cue.start - t.end <= 3 or _RELEASE_KIND_GAP.fullmatch(norm, t.end, cue.start):
            return t  # "its Oct. 4 release", "its Oct. 4 theatrical release"
    return _fronted_time(site)


_FRONTED_LEAD = re.compile(r"\W*(?:(?:on|in|by|come|from|starting|beginning|and|but|so)\s+)?", re.I)
_FRONTED_COMMA = re.compile(r"\s*,")
_TELLING = re.compile(
    r"\b(?:announc|reveal|sa(?:id|ys)\b|confirm|told|tells|report|unveil|shar|post|tweet|decid"
    r"|agree|explain|insist|hint|suggest|promis|talk|discuss|spoke|speak|ask)",
    re.IGNORECASE,
)
"""A verb of telling between a fronted time and the release: "On Friday, Sony said it will open
in May" dates the telling."""
_DENIED = re.compile(r"\b(?:none|no|not|never|nothing|neither|no longer)\b|n't", re.IGNORECASE)
"""'From May 26, none of them will be available': a day it stops being out, not a release."""
_NOUN_BEFORE_CUE = re.compile(r"(?:\b(?:its|their|the|a|an|his|her)|'s)\s+$", re.IGNORECASE)
"""A determiner right before the cue: "its release schedule" names a thing, not a coming out."""


def _fronted_time(site: CueSite) -> TimeExpr | None:
    """A time that opens the sentence before the release verb ("Next September, X arrives").

    Only the verb of coming out takes it, and only with no telling between: "In March, Halberd
    delayed X" and "On Friday, Halberd said X opens" date the move and the telling.
    """
    scan, cue = site.scan, site.cue
    if cue.rule.id != "release.verb" or not scan.times:
        return None
    first = scan.times[0]
    if (
        0 in site.said
        or first.kind in {"offset", "open", "range"}
        or first.end > cue.start
        or not _FRONTED_LEAD.fullmatch(site.norm, 0, first.start)
        or not _FRONTED_COMMA.match(site.norm, first.end)
        or any(first.end <= t.start < cue.start for t in scan.times[1:])
        or _GAP_STOP.search(site.norm, first.end, cue.start)
        or _TELLING.search(site.norm, first.end, cue.start)
        or _DENIED.search(site.norm, first.end, cue.start)
        or _NOUN_BEFORE_CUE.search(site.norm, max(0, cue.start - 12), cue.start)
        or any(c.rule.kind == "release" for c in find_cues(site.norm[first.end : cue.start]))
    ):
        return None
    return first


def _refined(scan: SentenceScan, index: int) -> TimeExpr:
    """The time at ``index``, or the one right after it that restates it ("next year, on May 2")."""
    return scan.times[restating(scan, index)]


def ended_before(value: str, published: dt.date) -> bool:
    """Tell whether a release window closed before the article was written."""
    if value == "tba" or value.endswith(".."):
        return False
    last = value.rsplit("/", maxsplit=1)[-1]
    return last < published.isoformat()[: len(last)]
